"""Akoma Ntoso names for CIS instruments: FRBR URIs, eIds and language codes (docs/akn.md).

The naming convention, decided once and used by `render --format akn` and `import FILE.xml`:

    work           /akn/xc/{act|doc}/{type}/{date}/{id}
    expression     {work}/{lang3}@                 the text as signed or adopted
                   {work}/{lang3}@{date}           consolidated: protocols in force applied, {date} being
                                                   the latest date one of them entered into force
                   {work}/{lang3}@{date};{party}   the same, for one party (lowercase ISO code)
    manifestation  {expression}/!main.xml

AKN puts an ISO 3166-1 alpha-2 country in the jurisdiction slot. The CIS is no country and has no
ISO code (the EU and the UN, which AKN documents name `eu` and `un`, have reserved ones), so the
jurisdiction is `xc`, from ISO 3166-1's user-assigned range (AA, QM-QZ, XA-XZ, ZZ), which ISO
never gives to a country: it cannot collide with one, and tools that read the slot as two
letters (cobalt's FrbrUri, Indigo) accept it. The organisation itself is named in the references
as TLCOrganization `cis`.
"""

from __future__ import annotations

import datetime as dt
import re

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Our own attributes on AKN elements (AKN allows attributes and elements of other namespaces in
# its extension points): what an amendment operation needs that AKN has no slot for.
CIS_NS = "urn:cistreaty:akn:1"
JURISDICTION = "xc"

# Treaties proper become <act>; documents a body adopts (concepts, plans, decisions) become <doc>.
ACT_TYPES = frozenset({"agreement", "convention", "treaty", "protocol"})

# ISO 639-1 -> ISO 639-2/T (alpha-3), which FRBRlanguage and the expression URI use.
LANG3 = {
    "ar": "ara", "az": "aze", "be": "bel", "de": "deu", "en": "eng", "es": "spa", "fa": "fas",
    "fr": "fra", "he": "heb", "hy": "hye", "ka": "kat", "kk": "kaz", "ky": "kir", "mn": "mon",
    "ro": "ron", "ru": "rus", "tg": "tgk", "tk": "tuk", "uk": "ukr", "ur": "urd", "uz": "uzb",
    "zh": "zho", "tr": "tur", "it": "ita", "pl": "pol", "lv": "lav", "lt": "lit", "et": "est",
}
LANG2 = {v: k for k, v in LANG3.items()}


class NamingError(Exception):
    """The instrument lacks something the naming convention needs."""


def element(inst) -> str:
    return "act" if inst.type in ACT_TYPES else "doc"


def lang3(code: str) -> str:
    if len(code) == 3:
        return code
    if code not in LANG3:
        raise NamingError(f"no ISO 639-2 code is known for the language {code!r}; "
                          f"AKN names languages with three letters (known: {', '.join(sorted(LANG3))})")
    return LANG3[code]


def lang2(code: str) -> str:
    return LANG2.get(code, code)


def work_date(inst) -> tuple[dt.date, str]:
    """(date, name): signature, adoption, or the earliest party's signature."""
    if inst.signed and inst.signed.date:
        return inst.signed.date, "signature"
    if inst.adopted and inst.adopted.date:
        return inst.adopted.date, "adoption"
    dates = sorted(p.signed for p in inst.parties.values() if p.signed)
    if dates:
        return dates[0], "signature"
    raise NamingError(f"{inst.id}: the AKN work URI needs a date of signature or adoption, and the file "
                      "records neither (`signed.date`, `adopted.date` or a party's `signed`)")


def work_uri(inst) -> str:
    date, _ = work_date(inst)
    return f"/akn/{JURISDICTION}/{element(inst)}/{inst.type}/{date.isoformat()}/{inst.id}"


def expression_uri(work: str, lang: str, version: dt.date | None = None, party: str | None = None) -> str:
    out = f"{work}/{lang3(lang)}@"
    if version is not None:
        out += version.isoformat()
        if party:
            out += ";" + party.lower()
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def num_token(number: str) -> str:
    """An article number as it appears in an eId: '12' -> '12', '7.1' -> '7.1', '7 bis' -> '7-bis'."""
    return re.sub(r"[^A-Za-z0-9.]+", "-", number).strip("-") or "x"


def article_eid(number: str) -> str:
    return f"art_{num_token(number)}"


def para_eid(article: str, index: int) -> str:
    return f"{article_eid(article)}__para_{index}"


def item_eid(article_or_prefix: str, index: int) -> str:
    return f"{article_or_prefix}__list_1__item_{index}"


# Characters XML 1.0 cannot carry at all; they are shown as visible escapes instead.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
