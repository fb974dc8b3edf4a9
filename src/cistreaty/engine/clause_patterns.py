"""The clause reader's patterns, over text folded by `clause_words.fold`: periods, counts, the verbs of
entry into force and provisional application, the subjects that make a rule one for later parties or
acceding states, and the words of withdrawal, duration and the authorized bodies."""

from __future__ import annotations

import re

from . import clause_words as w


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_B, _E = r"(?<![\w-])", r"(?![\w])"
_EN_NUM = rf"{_B}(?:({w.EN_CARDINAL})(?: \((\d{{1,4}})\))?|(\d{{1,4}}))"
_RU_NUM = rf"{_B}(?:({w.RU_CARDINAL})(?: \((\d{{1,4}})\))?|(\d{{1,4}}))"
_COMB = "(?:" + "|".join(sorted(w.RU_COMBINING, key=len, reverse=True)) + r"|\d{1,3}-)"

DELAYS = {
    "en": [
        ("align", _c(rf"first day of the (?:calendar )?month (?:following|after) the (?:expiration|expiry|end) of "
                     rf"(?:a period of )?{_EN_NUM} {w.EN_UNIT}")),
        ("ordinal-day", _c(rf"{_B}(?:on|from) the ({w.EN_ORDINAL}) day (?:after|following|from){_E}")),
        ("number", _c(rf"{_EN_NUM} {w.EN_UNIT}")),
    ],
    "ru": [
        ("align", _c(rf"{_B}(?:в|с) перв\w+ (?:день|числ\w+) месяца,? следующего за (?:истечением )?"
                     rf"(?:({_COMB})месячн\w+ (?:срока|периода)|(?:срока|периода) (?:в )?{_RU_NUM} {w.RU_UNIT}"
                     rf"|{_RU_NUM} {w.RU_UNIT})")),
        ("ordinal-day", _c(rf"{_B}на ({w.RU_ORDINAL}) (?:календарн\w+ )?день (?:после|с|со|от){_E}")),
        ("number", _c(rf"{_RU_NUM} {w.RU_UNIT}")),
        ("combining", _c(rf"{_B}({_COMB})(дневн|месячн|летн)\w* (?:срок|период)\w*")),
    ],
}
# "the same day": only read when the clause has no period at all.
SAME_DAY = {
    "en": _c(r"\b(?:on|from|as from|with effect from) the (?:date|day) (?:of|on which|when)\b|\bupon (?:the )?(?:receipt|deposit)\b"),
    "ru": _c(rf"{_B}(?:с|со) (?:даты|дня|момента){_E}|{_B}в (?:день|дату){_E}"),
}
# A number, or words that open a period: the same-day reading would then drop a period not understood.
PERIOD_HINT = {"en": _c(rf"\d|{_B}{w.EN_CARDINAL}{_E}|\bexpir\w*|\bperiod\b"),
               "ru": _c(rf"\d|{_B}{w.RU_CARDINAL}{_E}|по истечении|\bчерез\b|\bсрок\w*|\bпериод\w*")}
NO_UNIT = {
    "en": _c(rf"{_EN_NUM} (?:after|from|following|before)\b"),
    "ru": _c(rf"{_RU_NUM} (?:после|с|со|от|до)(?!\w)"),
}

ORDINAL = {"en": _c(rf"{_B}(?:the )?({w.EN_ORDINAL}){_E}"), "ru": _c(rf"{_B}({w.RU_ORDINAL}){_E}")}
LAST = {"en": _c(rf"{_B}(?:the )?last{_E}"), "ru": _c(rf"{_B}последн\w+")}
_NOUN = {"en": r" (notifications?|notices?|instruments?|documents?|ratifications?)\b",
         "ru": r" (уведомлени\w*|ратификационн\w* грамот\w*|грамот\w*|документ\w*)"}
INSTRUMENT = {lang: _c(p) for lang, p in _NOUN.items()}
# The instrument noun after an ordinal, past adjectives: "third (written) notification", «третьего письменного уведомления».
NOUN_AFTER = {"en": _c(r"(?: (?:\([\w ]{1,20}\)|written|formal|official))*" + _NOUN["en"]),
              "ru": _c(r"(?: (?:\([\w ]{1,20}\)|\w+(?:ого|его|ой|ых|ые)))*" + _NOUN["ru"])}
STATES_COUNT = _c(rf"{_EN_NUM} (?:member |signatory )?(?:states|parties|signatories|countries)\b")
# "five member States of the Council of Europe have expressed their consent": nothing but the count.
COUNT_ENDS = _c(r"(?: of the [\w ]{1,40}?)? have (?:deposited|expressed|ratified|notified|accepted|approved)\b")
ALL = {"en": _c(r"\ball (?:the )?(?:signatory |contracting )?(?:states|parties|signatories)\b"),
       "ru": _c(r"\bвсех (?:подписавших|государств|сторон)\w*")}
TYPE_WORDS = {
    "ratification": _c(r"ratification|ратификац|ратификационн"),
    "acceptance": _c(r"acceptance|принятии"),
    "approval": _c(r"approval|утвержден|одобрен"),
    "accession": _c(r"accession|присоединени"),
}
NUMBER_WORDS = _c(rf"(?:hundred|thousand|hundred and|сто|ста|тысяч\w*|двест\w*|трист\w*|\d+|{w.RU_CARDINAL}|{w.EN_CARDINAL}) $")

EIF_VERB = {"en": _c(r"\b(?:enters?|shall enter|will enter|comes?|shall come) into force\b"),
            "ru": _c(r"\b(?:вступает|вступают|вступит|вступят) в силу\b")}
PROVISIONAL_VERB = {"en": _c(r"\b(?:appl(?:y|ies|ied) provisionally|provisionally appl(?:y|ies|ied)|provisional application)\b"),
                    "ru": _c(r"\bвременно примен\w+|\bпримен\w+ временно\b|\bвременного применения\b")}
SIGNATURE = _c(r"\bsignature\b|\bsigning\b|подписани\w*")
LATER = {"en": _c(r"\blater\b|\bsubsequently\b|\bthereafter\b|\bafter (?:the|its) (?:date of )?(?:entry into force|deposit)\b"),
         "ru": _c(r"позднее|позже|впоследствии|после (?:его |ее )?вступлени|после (?:даты )?(?:сдачи|получения)")}
ACCEDING = {"en": _c(r"\bacced\w*|\baccession\b"), "ru": _c(r"присоедин\w*")}
OTHER_CONSENT = {"en": _c(r"ratif\w*|accept\w*|approv\w*|complet\w* (?:the|their|its) (?:internal |domestic )?procedures"),
                 "ru": _c(r"ратифиц\w*|выполнивш\w*|выполнят\w*|выполнит\w*")}
RESTRICTED = {"en": _c(r"(?:^|, |\. )(?:for|in respect of|with respect to|in relation to)\b"),
              "ru": _c(r"\bдля\b|\bв отношении\b")}
WITHDRAW = {"en": _c(r"\bwithdraw\w*|\bdenounc\w*|\bdenunciation\b"), "ru": _c(r"\bвыйти\b|\bвыход\w*|\bденонс\w*")}
INDEFINITE = {"en": _c(r"\b(?:indefinite|unlimited) (?:period|duration|term)\b|\bindefinitely\b|without (?:any )?time limit"),
              "ru": _c(r"неопредел\w* срок|\bбессрочн\w*|без ограничения срока")}
FIXED = {"en": _c(rf"(?:for a (?:period|term) of|for|remain in force for|valid for) {_EN_NUM} years?\b"),
         "ru": _c(rf"(?:сроком на|на срок|на срок в|в течение) {_RU_NUM} (?:лет|года|год)(?!\w)"
                  rf"|на ({_COMB})летний срок")}
RENEW_VERB = {"en": _c(r"\b(?:extended|renewed|prolonged)\b"), "ru": _c(r"продлева\w*|продлен\w*|продлит\w*")}
RENEW = {"en": _c(rf"(?:extended|renewed|prolonged) (?:automatically )?for (?:(?:successive|subsequent|further|additional|consecutive) )?"
                  rf"(?:periods of {_EN_NUM} years?|{_EN_NUM}[- ]year periods?|(?:a period of )?{_EN_NUM} years?)\b"),
         "ru": _c(rf"(?:продлева\w*|продлен\w*) (?:автоматически )?на (?:(?:каждые )?(?:последующие|следующие) )?"
                  rf"(?:({_COMB})летние периоды|периоды (?:в|по) {_RU_NUM} (?:лет|года)|{_RU_NUM} (?:лет|года)(?!\w))")}
AUTOMATIC = _c(r"automatic|tacit|unless|автоматическ|если\b.*\bне\b")
AUTHORITIES = {"en": _c(r"\b(?:authori[sz]ed|competent) (?:bodies|authorities|organi[sz]ations)\b"),
               "ru": _c(r"уполномоченн\w+ (?:орган|организац)\w*|компетентн\w+ орган\w*")}
CHANGES = {"en": _c(r"\bchang\w+"), "ru": _c(r"изменени\w*")}
WITHIN = {"en": _c(rf"\bwithin {_EN_NUM} {w.EN_UNIT}"),
          "ru": _c(rf"(?:в течение|не позднее|в срок не позднее|в срок до) {_RU_NUM} {w.RU_UNIT}")}
# Words without which none of the sentence patterns above can match (EIF_VERB, PROVISIONAL_VERB,
# WITHDRAW, INDEFINITE, FIXED, AUTHORITIES): an article holding none of them states no clause, and is
# not read sentence by sentence. Keep it in step with those patterns; test_clause_prefilter checks it.
STEMS = {"en": ("into force", "provisional", "withdraw", "denounc", "denunciation", "indefinite", "unlimited",
                "time limit", "year", "authori", "competent"),
         "ru": ("в силу", "временн", "выйти", "выход", "денонс", "неопредел", "бессрочн", "без ограничения срока",
                "лет", "год", "уполномоченн", "компетентн")}


def may_state(lang: str, folded: str) -> bool:
    for stem in STEMS[lang]:  # a loop, not any(): this runs for every article lint reads
        if stem in folded:
            return True
    return False


OTHER_LETTERS = _c(r"[ҳқғӯҷӣәөүұңіһҗҫ]")
SENTENCE_END = _c(r"(?<=[.;!?])\s+(?=[\"«(]?[A-ZА-ЯЁ0-9])")
