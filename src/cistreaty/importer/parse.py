"""Plain treaty text to structure: title, place and date, preamble, articles, closing, signature block.

Pure: text in, `Parsed` out, with a message for every line it leaves out. The text is read as a page
copied from a web site or a PDF: page furniture before the title and after the signature block,
one paragraph per line (blank lines between them or not), lines wrapped inside a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import dates, parties


@dataclass
class Unit:
    line: int  # 1-based number of the unit's first line in the file
    text: str
    end: int = 0  # its last line: a wrapped sentence spans several


@dataclass
class Para:
    line: int
    text: str
    items: list[Unit] = field(default_factory=list)


@dataclass
class Art:
    line: int
    number: str
    heading: str | None = None
    paragraphs: list[Para] = field(default_factory=list)


@dataclass
class Signatory:
    line: int
    name: str
    code: str | None
    marks: list[Unit] = field(default_factory=list)  # what follows the heading: signature, line, name


@dataclass(frozen=True, order=True)
class Message:
    line: int
    kind: str  # "warning": text it could not place; "note": page furniture it left out
    text: str


@dataclass
class Parsed:
    lang: str
    title: str | None = None
    title_line: int = 0
    place: str | None = None
    date: dt.date | None = None
    preamble: list[Para] = field(default_factory=list)
    articles: list[Art] = field(default_factory=list)
    closing: str | None = None
    closing_line: int = 0
    signatories: list[Signatory] = field(default_factory=list)
    # Why the block cannot say who signed; None when every state's block is read on its own.
    unattributable: str | None = None
    messages: list[Message] = field(default_factory=list)


KEYWORDS = {
    "agreement": "agreement", "convention": "convention", "treaty": "treaty", "protocol": "protocol",
    "decision": "decision", "concept": "concept", "strategy": "other", "plan": "other",
    "memorandum": "other", "charter": "other", "statute": "other",
    "соглашение": "agreement", "конвенция": "convention", "договор": "treaty", "протокол": "protocol",
    "решение": "decision", "концепция": "concept", "стратегия": "other", "план": "other",
    "меморандум": "other", "устав": "other", "положение": "other",
}
_ARTICLE = re.compile(r"^(?:article|art\.|статья)\s+(\d+(?:\.\d+)*)\s*(?:(?:[.:]|\s[-–—])\s*(.*))?$",
                      re.IGNORECASE)
_CLOSING = re.compile(
    r"^(?:done\s+(?:at|in)\b|signed\s+(?:at|in)\b|in\s+witness\s+whereof\b"
    r"|(?:the|this)\s+(?:\w+\s+){0,2}(?:was|is)\s+(?:signed|done)\s+(?:at|in)\b"
    r"|(?:совершено|подписано)\s+(?:в|во)\b|в\s+(?:удостоверение|подтверждение|свидетельство)\s+чего\b)",
    re.IGNORECASE)
_SIGNATURE_MARK = re.compile(r"^[(\[/]?\s*(?:signature|signed|подпись|подписано|л\.\s*с\.|l\.\s*s\.)\s*[)\]/]?$",
                             re.IGNORECASE)
_BLANK_MARK = re.compile(r"^[_.\s]{3,}$")
_SOCIAL = {"vk", "x", "ok", "whatsapp", "telegram", "facebook", "twitter", "viber", "linkedin", "email",
           "e-mail", "вконтакте", "одноклассники", "share", "поделиться", "print", "печать"}
_TRAILER = re.compile(r"^(?:read\s+also|see\s+also|related(?:\s+news)?|write\s+a\s+comment|comments?"
                      r"|leave\s+a\s+comment|читайте\s+также|смотрите\s+также|комментари[йи]"
                      r"|написать\s+комментарий|оставить\s+комментарий)\s*:?$", re.IGNORECASE)
_SENTENCE_END = ".,;:!?»\"”)"
_PLACE_EN = re.compile(r"\b(?:done|signed)\s+(?:at|in)\s+(?:the\s+city\s+of\s+)?([A-Z][\w'-]*(?:[ -][A-Z][\w'-]*)*)")
_PLACE_RU = re.compile(r"\b(?:[Сс]овершено|[Пп]одписано)\s+во?\s+(?:городе\s+|г\.\s*)?([А-ЯЁ][\w-]*(?:\s[А-ЯЁ][\w-]*)?)")
# A Russian closing names the city in the prepositional case; these are the capitals CIS texts use.
_RU_LOCATIVE = {
    "Москве": "Москва", "Минске": "Минск", "Бишкеке": "Бишкек", "Душанбе": "Душанбе", "Ашхабаде": "Ашхабад",
    "Ашгабате": "Ашгабат", "Астане": "Астана", "Нур-Султане": "Нур-Султан", "Алматы": "Алматы",
    "Ташкенте": "Ташкент", "Баку": "Баку", "Ереване": "Ереван", "Кишиневе": "Кишинев", "Кишинёве": "Кишинёв",
    "Киеве": "Киев", "Тбилиси": "Тбилиси", "Санкт-Петербурге": "Санкт-Петербург", "Сочи": "Сочи",
    "Казани": "Казань", "Чолпон-Ате": "Чолпон-Ата", "Гродно": "Гродно",
}


def is_noise(text: str) -> bool:
    words = text.casefold().replace(",", " ").split()
    return bool(words) and all(w in _SOCIAL for w in words)


def units(text: str) -> list[Unit]:
    """Non-blank lines, whitespace normalised; a line wrapped inside a sentence is joined to the
    line it continues (the previous line ends without punctuation, this one starts lower-case)."""
    out: list[Unit] = []
    previous_no = -1
    for no, raw in enumerate(text.split("\n"), start=1):
        line = " ".join(raw.replace("\u00ad", "").replace("\u200b", "").split())
        if not line:
            continue
        last = out[-1].text if out else ""
        if (out and previous_no == no - 1 and line[0].islower() and last[-1] not in _SENTENCE_END
                and not _ARTICLE.match(last) and not is_noise(last) and not _ends_item(last)):
            out[-1] = Unit(out[-1].line, f"{last} {line}", no)
        else:
            out.append(Unit(no, line, no))
        previous_no = no
    return out


def instrument_type(title: str | None) -> str | None:
    first = (title or "").split(" ", 1)[0].casefold()
    return KEYWORDS.get(first)


def detect_language(text: str) -> str:
    cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    return "ru" if cyrillic > latin else "en"


def _is_title(text: str) -> bool:
    return instrument_type(text) is not None and text[-1] not in ",;:"


def _tidy_title(text: str) -> str:
    first, _, rest = text.partition(" ")
    if len(first) > 1 and first.isupper() and rest and not rest.isupper():
        return f"{first.capitalize()} {rest}"
    return text


def _ends_item(text: str) -> bool:
    return text.endswith(";") or bool(re.search(r";\s*(?:and|or|и|или)$", text))


class _Reader:
    def __init__(self, text: str, lang: str | None):
        self.u = units(text)
        self.p = Parsed(lang or detect_language(text))
        self.left_out: list[tuple[int, int, str]] = []  # (first, last line, why), for notes

    def warn(self, line: int, text: str) -> None:
        self.p.messages.append(Message(line, "warning", text))

    def skip(self, first: int, last: int, why: str) -> None:
        if first <= last:
            self.left_out.append((first, last, why))

    def run(self) -> Parsed:
        u = self.u
        first_article = next((i for i, x in enumerate(u) if _ARTICLE.match(x.text)), len(u))
        head_end = first_article
        place_i = next((i for i in range(head_end)
                        if not _CLOSING.match(u[i].text) and dates.place_and_date(u[i].text)), None)
        if place_i is None:
            # A place-and-date line with a date that does not exist must not pass as preamble silently.
            for x in u[:head_end]:
                for bad in dates.impossible_dates(x.text):
                    self.warn(x.line, f"{bad!r} is not a real date: no date of signature taken from this line")
        title_end = place_i if place_i is not None else head_end
        title_i = next((i for i in range(title_end - 1, -1, -1) if _is_title(u[i].text)), None)
        body_start = 0
        if title_i is not None:
            title, body_start = u[title_i].text, title_i + 1
            # «СОГЛАШЕНИЕ», a blank line, «о сотрудничестве ...»: the name goes on after the word.
            while (" " not in title or title.isupper()) and body_start < title_end \
                    and u[body_start].text[0].islower() and u[body_start].text[-1] not in ".,;:":
                title = f"{title} {u[body_start].text}"
                body_start += 1
            self.p.title, self.p.title_line = _tidy_title(title), u[title_i].line
            if title_i:
                self.skip(1, u[title_i - 1].end, "before the title")
        if place_i is not None:
            self.p.place, self.p.date = dates.place_and_date(u[place_i].text)
            for x in u[body_start:place_i]:
                self.warn(x.line, f"not placed (between the title and the place and date): {x.text[:60]!r}")
            body_start = place_i + 1
        # A text without articles (a decision, a concept) still ends with its closing and signatures.
        end = self._end_of_articles(first_article if first_article < len(u) else body_start)
        preamble = []
        for i in range(body_start, min(first_article, end)):
            if is_noise(u[i].text):
                self.skip(u[i].line, u[i].line, "site menu")
            else:
                preamble.append(u[i])
        self.p.preamble = _group_items(preamble)
        if first_article == len(u) and preamble:
            self.warn(preamble[0].line, "no article line ('Article 1', «Статья 1») found: the text after the "
                                        "title is kept as the preamble")
        self._articles(first_article, end)
        self._tail(end)
        self._finish()
        return self.p

    def _end_of_articles(self, start: int) -> int:
        for i in range(start, len(self.u)):
            t = self.u[i].text
            if _CLOSING.match(t) or parties.is_block_line(t, strong_only=True) or _TRAILER.match(t):
                return i
        return len(self.u)

    def _articles(self, start: int, end: int) -> None:
        u = self.u
        body = []
        for x in u[start:end]:
            if is_noise(x.text):
                self.skip(x.line, x.line, "site menu")
            else:
                body.append(x)
        i = 0
        while i < len(body):
            m = _ARTICLE.match(body[i].text)
            art = Art(body[i].line, m.group(1))
            self.p.articles.append(art)
            i += 1
            rest = (m.group(2) or "").strip()
            if rest and rest[-1] not in _SENTENCE_END:
                art.heading = rest
            elif rest:
                art.paragraphs.append(Para(body[i - 1].line, rest))
            j = i
            while j < len(body) and not _ARTICLE.match(body[j].text):
                j += 1
            paras = body[i:j]
            if (art.heading is None and not art.paragraphs and len(paras) > 1 and len(paras[0].text) <= 120
                    and len(paras[0].text.split()) <= 15 and paras[0].text[-1] not in _SENTENCE_END):
                art.heading = paras[0].text
                paras = paras[1:]
            art.paragraphs.extend(_group_items(paras))
            i = j

    def _tail(self, end: int) -> None:
        u = self.u
        i = end
        closing: list[Unit] = []
        while i < len(u) and not (parties.is_block_line(u[i].text) or _TRAILER.match(u[i].text)
                                  or is_noise(u[i].text) or _is_mark(u[i].text)):
            closing.append(u[i])
            i += 1
        if closing:
            self.p.closing = " ".join(x.text for x in closing)
            self.p.closing_line = closing[0].line
            self._closing_facts()
        current: Signatory | None = None
        while i < len(u):
            x = u[i]
            if _TRAILER.match(x.text):
                self.skip(x.line, u[-1].end, f"page matter from {x.text!r} on")
                return
            if is_noise(x.text):
                self.skip(x.line, x.line, "site menu")
            elif parties.is_block_line(x.text):
                name = parties.state_name(x.text) or x.text
                code = parties.code_for(name)
                if code is None:
                    self.warn(x.line, f"signature block for {name!r}: no country code known for this name")
                elif any(s.code == code for s in self.p.signatories):
                    self.warn(x.line, f"a second signature block for {code}: only the first is used")
                current = Signatory(x.line, name, code)
                self.p.signatories.append(current)
            elif current is not None and (_is_mark(x.text) or _is_name(x.text)):
                current.marks.append(x)
            else:
                self.warn(x.line, f"not placed (in the signature block): {x.text[:60]!r}")
            i += 1

    def _closing_facts(self) -> None:
        text, line = self.p.closing, self.p.closing_line
        found = dates.find_dates(text)
        if found:
            if self.p.date is None:
                self.p.date = found[0].date
            elif self.p.date != found[0].date:
                self.warn(line, f"the closing formula gives {found[0].date}, the place and date line "
                                f"{self.p.date}: kept {self.p.date}")
        m = _PLACE_EN.search(text) or _PLACE_RU.search(text)
        if m and self.p.place is None:
            place = m.group(1)
            if _PLACE_RU.search(text):
                if place in _RU_LOCATIVE:
                    place = _RU_LOCATIVE[place]
                else:
                    self.warn(line, f"place {place!r} kept as the closing formula declines it: "
                                    "give its nominative form")
            self.p.place = place

    def _finish(self) -> None:
        sig = self.p.signatories
        marks = [m for s in sig for m in s.marks if _is_mark(m.text)]
        if sig and not marks:
            self.p.unattributable = "the signature block shows no signatures"
        elif sig and any(not s.marks or sum(_is_mark(m.text) for m in s.marks) > 1 for s in sig):
            self.p.unattributable = ("its signatures cannot be matched to the states (a two-column layout "
                                     "copied as one column?)")
        for first, last, why in self.left_out:
            span = f"line {first}" if first == last else f"lines {first}-{last}"
            self.p.messages.append(Message(first, "note", f"{span} left out ({why})"))
        self.p.messages.sort()


def _is_mark(text: str) -> bool:
    return bool(_SIGNATURE_MARK.match(text) or _BLANK_MARK.match(text))


def _is_name(text: str) -> bool:
    """A signer's name or office under a state's heading ("A. Ivanov", "Prime Minister")."""
    return len(text.split()) <= 6 and text[-1] not in ".,;:!?"


def shows_signature(s: Signatory) -> bool:
    return any(_SIGNATURE_MARK.match(m.text) for m in s.marks)


def _group_items(units_: list[Unit]) -> list[Para]:
    """A paragraph ending with ':' takes the lines after it that end with ';' as its list items,
    and the first line ending with '.' after them as the last item."""
    out: list[Para] = []
    i = 0
    while i < len(units_):
        x = units_[i]
        para = Para(x.line, x.text)
        out.append(para)
        i += 1
        if x.text.endswith(":") and i < len(units_) and _ends_item(units_[i].text):
            while i < len(units_) and _ends_item(units_[i].text):
                para.items.append(units_[i])
                i += 1
            if i < len(units_) and units_[i].text.endswith("."):
                para.items.append(units_[i])
                i += 1
    return out


def parse(text: str, lang: str | None = None) -> Parsed:
    return _Reader(text, lang).run()
