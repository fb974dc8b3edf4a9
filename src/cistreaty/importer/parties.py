"""Signature-block lines ("On behalf of the Government of the Republic of Azerbaijan",
«За Правительство Республики Азербайджан») to ISO 3166-1 alpha-2 codes.

A block names a state in the form its grammar needs: after «Правительство» the genitive
(«Республики Беларусь»), after a bare «За» the accusative («За Республику Беларусь»). The table holds
those forms for the CIS and neighbouring states and the states CIS instruments are most often
concluded with; English names not in it fall back to the short names of `countries.NAMES`.
"""

from __future__ import annotations

import re

from .. import countries

# code: English long forms, then Russian nominative / genitive / accusative forms.
_TABLE: dict[str, tuple[str, ...]] = {
    "AZ": ("Republic of Azerbaijan", "Azerbaijan Republic",
           "Азербайджанская Республика", "Азербайджанской Республики", "Азербайджанскую Республику",
           "Республика Азербайджан", "Республики Азербайджан", "Республику Азербайджан", "Азербайджан",
           "Азербайджана"),
    "AM": ("Republic of Armenia", "Республика Армения", "Республики Армения", "Республику Армения",
           "Армения", "Армении", "Армению"),
    "BY": ("Republic of Belarus", "Республика Беларусь", "Республики Беларусь", "Республику Беларусь",
           "Беларусь", "Беларуси"),
    "GE": ("Грузия", "Грузии", "Грузию"),
    "KZ": ("Republic of Kazakhstan", "Республика Казахстан", "Республики Казахстан", "Республику Казахстан",
           "Казахстан", "Казахстана"),
    "KG": ("Kyrgyz Republic", "Republic of Kyrgyzstan", "Kyrgyzstan",
           "Кыргызская Республика", "Кыргызской Республики", "Кыргызскую Республику",
           "Киргизская Республика", "Киргизской Республики", "Киргизскую Республику",
           "Кыргызстан", "Кыргызстана"),
    "MD": ("Republic of Moldova", "Республика Молдова", "Республики Молдова", "Республику Молдова",
           "Молдова", "Молдовы", "Молдову"),
    "RU": ("Russian Federation", "Российская Федерация", "Российской Федерации", "Российскую Федерацию",
           "Россия", "России", "Россию"),
    "TJ": ("Republic of Tajikistan", "Республика Таджикистан", "Республики Таджикистан",
           "Республику Таджикистан", "Таджикистан", "Таджикистана"),
    "TM": ("Turkmenistan", "Туркменистан", "Туркменистана"),
    "UZ": ("Republic of Uzbekistan", "Республика Узбекистан", "Республики Узбекистан",
           "Республику Узбекистан", "Узбекистан", "Узбекистана"),
    "UA": ("Ukraine", "Украина", "Украины", "Украину"),
    "CN": ("People's Republic of China", "China", "Китайская Народная Республика",
           "Китайской Народной Республики", "Китайскую Народную Республику", "Китай", "Китая"),
    "MN": ("Mongolia", "Монголия", "Монголии", "Монголию"),
    "IR": ("Islamic Republic of Iran", "Исламская Республика Иран", "Исламской Республики Иран",
           "Исламскую Республику Иран", "Иран", "Ирана"),
    "TR": ("Republic of Turkey", "Republic of Türkiye", "Турецкая Республика", "Турецкой Республики",
           "Турецкую Республику", "Турция", "Турции", "Турцию"),
    "IN": ("Republic of India", "Республика Индия", "Республики Индия", "Республику Индия", "Индия",
           "Индии", "Индию"),
    "AF": ("Islamic Republic of Afghanistan", "Афганистан", "Афганистана"),
    "RS": ("Republic of Serbia", "Республика Сербия", "Республики Сербия", "Республику Сербия",
           "Сербия", "Сербии", "Сербию"),
    "VN": ("Socialist Republic of Viet Nam", "Socialist Republic of Vietnam",
           "Социалистическая Республика Вьетнам", "Социалистической Республики Вьетнам",
           "Социалистическую Республику Вьетнам", "Вьетнам", "Вьетнама"),
    "US": ("United States of America", "United States", "Соединенные Штаты Америки",
           "Соединенных Штатов Америки"),
    "GB": ("United Kingdom of Great Britain and Northern Ireland", "United Kingdom",
           "Соединенное Королевство Великобритании и Северной Ирландии",
           "Соединенного Королевства Великобритании и Северной Ирландии"),
    "DE": ("Federal Republic of Germany", "Федеративная Республика Германия",
           "Федеративной Республики Германия", "Федеративную Республику Германия", "Германия", "Германии"),
    "FR": ("French Republic", "Французская Республика", "Французской Республики", "Французскую Республику",
           "Франция", "Франции"),
}

_NAMES: dict[str, str] = {}
for _code, _forms in _TABLE.items():
    for _form in _forms:
        _NAMES[_form.casefold()] = _code
for _code, _name in countries.NAMES.items():
    _NAMES.setdefault(_name.casefold(), _code)

# The words that open a block, then the body it speaks for; what remains names the state.
_OPENERS = re.compile(
    r"^(?:on\s+behalf\s+of|for)\s+(?:the\s+)?(?:(?:government|cabinet\s+of\s+ministers|president)\s+of\s+)?"
    r"(?:the\s+)?(?P<en>.+)$"
    r"|^за\s+(?:правительство\s+|кабинет\s+министров\s+|президента\s+)?(?P<ru>.+)$",
    re.IGNORECASE,
)
_STRONG = re.compile(r"^(?:on\s+behalf\s+of\b|for\s+the\s+government\s+of\b|за\s+правительство\b)", re.IGNORECASE)


def is_block_line(line: str, strong_only: bool = False) -> bool:
    """Does the line open one state's signature block? `strong_only` refuses the bare "For X" /
    «За X» forms, which only mean a block once the text has reached its end."""
    if _STRONG.match(line):
        return True
    return not strong_only and bool(_OPENERS.match(line)) and len(line.split()) <= 12 \
        and not line.rstrip().endswith((".", ";", ","))


def state_name(line: str) -> str | None:
    """The state as the line names it ("Republic of Azerbaijan"), without the opening words."""
    m = _OPENERS.match(line.strip())
    if not m:
        return None
    return (m.group("en") or m.group("ru")).strip().rstrip(":").strip()


def code_for(name: str) -> str | None:
    key = " ".join(name.split()).casefold()
    if key.startswith("the "):
        key = key[4:]
    return _NAMES.get(key)
