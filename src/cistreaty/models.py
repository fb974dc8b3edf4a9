"""The instrument file contract (see docs/format.md and DESIGN.md), as pydantic models.

Every model forbids unknown keys so that a typo in a YAML file is an error, and every date
is strict so that `date: 0` is not read as 1970-01-01.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .engine.clauses import CONSENT_TYPES

SCHEMA_VERSION = 1

# Strict: a date is an unquoted YYYY-MM-DD (the loader reads no other form as a date), never a
# string or a number; a boolean is true or false, never "yes", "on", 1 or 'true'.
Date = Annotated[dt.date, Field(strict=True, json_schema_extra={"pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]
Bool = Annotated[bool, Field(strict=True)]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
PartyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
InstrumentId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
SourceKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
# A text in several languages: {"en": "...", "ru": "..."}.
Text = dict[LangCode, NonEmpty]

InstrumentType = Literal[
    "agreement", "convention", "treaty", "protocol", "decision", "concept", "other"
]
EventType = Literal[
    "signature",
    "notification",
    "ratification",
    "acceptance",
    "approval",
    "accession",
    "succession",
    "domestic-act",
    "reservation",
    "declaration",
    "objection",
    "authority",
    "provisional-application",
    "withdrawal",
    "formal-confirmation",
    "territorial-application",
]


class Strict(BaseModel):
    # defer_build: validators are built on first use, not at import; `cistreaty status ID` starts
    # about 50 ms sooner (measured), lint builds them once per worker either way.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Delay(Strict):
    """A period: calendar years, then months (clamped to the month's end), then days."""

    years: Annotated[int, Field(ge=0, le=1000, strict=True)] = 0
    months: Annotated[int, Field(ge=0, le=12000, strict=True)] = 0
    days: Annotated[int, Field(ge=0, le=100000, strict=True)] = 0

    @model_validator(mode="before")
    @classmethod
    def _one_unit_at_least(cls, data):
        if isinstance(data, dict) and not ({"years", "months", "days"} & set(data)):
            raise ValueError("a period needs at least one of days, months, years")
        return data

    def describe(self) -> str:
        parts = []
        for unit, n in (("year", self.years), ("month", self.months), ("day", self.days)):
            if n:
                parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return " + ".join(parts) or "0 days"


class Signed(Strict):
    date: Date | None = None
    place: NonEmpty | None = None
    source: SourceKey | None = None


class Languages(Strict):
    authentic: list[LangCode] = Field(min_length=1)
    # The languages whose text this file holds, when that is not the authentic ones
    # (e.g. only a published English translation of a Russian-only original).
    held: list[LangCode] | None = None

    @property
    def text_languages(self) -> list[str]:
        return list(self.held if self.held is not None else self.authentic)


class Source(Strict):
    title: NonEmpty
    url: NonEmpty | None = None
    date: Date | None = None
    note: NonEmpty | None = None


class Condition(Strict):
    """A condition that is not a plain count (e.g. 55 parties and 55 % of emissions): its date is a fact."""

    text: NonEmpty
    met: Date
    source: SourceKey | None = None


class General(Strict):
    count: Union[Annotated[int, Field(ge=1, strict=True)], Literal["all"]] | None = None
    instruments: list[Literal[
        "notification", "ratification", "acceptance", "approval", "accession", "succession"
    ]] = Field(default_factory=lambda: list(CONSENT_TYPES), min_length=1)
    requires: list[PartyCode] = Field(default_factory=list)
    condition: Condition | None = None
    delay: Delay = Field(default_factory=lambda: Delay(days=0))
    align: Literal["first-of-next-month"] | None = None

    @model_validator(mode="after")
    def _count_or_condition(self):
        if (self.count is None) == (self.condition is None):
            raise ValueError("give exactly one of `count` and `condition`")
        return self


class Later(Strict):
    delay: Delay
    align: Literal["first-of-next-month"] | None = None


class Provisional(Strict):
    from_: Literal["signature"] = Field(alias="from")
    delay: Delay = Field(default_factory=lambda: Delay(days=0))

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Published(Strict):
    """A date a depositary published, checked by lint against the computed one."""

    date: Date
    source: SourceKey | None = None


class EntryIntoForce(Strict):
    article: NonEmpty | None = None
    general: General
    later: Later | None = None
    provisional: Provisional | None = None
    published: Published | None = None


class Accession(Strict):
    article: NonEmpty | None = None
    delay: Delay
    align: Literal["first-of-next-month"] | None = None


class Withdrawal(Strict):
    article: NonEmpty | None = None
    notice: Delay


class Authorities(Strict):
    """The parties designate authorized bodies and notify the depositary of changes within `notify_changes`."""

    article: NonEmpty | None = None
    notify_changes: Delay


class FixedDuration(Strict):
    article: NonEmpty | None = None
    years: Annotated[int, Field(ge=1, le=1000, strict=True)]
    renew_years: Annotated[int, Field(ge=1, le=1000, strict=True)] | None = None


class Event(Strict):
    type: EventType
    date: Date | None = None
    source: SourceKey | None = None
    act: NonEmpty | None = None
    note: NonEmpty | None = None
    uncertain: Bool = False
    # The words of a reservation, declaration, objection, territorial application or designation of
    # authorities, per language, as the source gives them.
    text: Text | None = None
    against: PartyCode | None = Field(
        default=None, description="On an objection: the party whose reservation or declaration it answers.")
    territory: NonEmpty | None = Field(
        default=None, description="On a territorial application: the territory it extends to.")


class Record(Strict):
    """What the file's party data is based on, and up to when."""

    basis: Literal["depositary-record", "complete", "no-depositary-record"] = Field(
        description="depositary-record: a depositary's record running to `as_of`; complete: the full record, "
                    "no known cut-off; no-depositary-record: only domestic acts and news were found.")
    as_of: Date | None = Field(default=None, description="The date the depositary's record runs to.")
    source: SourceKey | None = Field(default=None, description="The source key of that record.")
    signatories: Literal["known", "unknown"] = Field(
        default="known", description="unknown: the sources do not say who signed.")

    @model_validator(mode="after")
    def _depositary_record_needs_date_and_source(self):
        if self.basis == "depositary-record":
            missing = [k for k in ("as_of", "source") if getattr(self, k) is None]
            if missing:
                raise ValueError(f"basis depositary-record needs {' and '.join(missing)}")
        return self


class Related(Strict):
    """Another instrument this one cites or is linked to (e.g. named in its preamble)."""

    id: InstrumentId = Field(description="The related instrument's id (its file in the corpus, when there is one).")
    relation: NonEmpty = Field(description="How it is related, e.g. 'cited in the preamble'.")
    source: SourceKey | None = None
    note: NonEmpty | None = None


class Party(Strict):
    signed: Date | None = None
    provisional_application: Bool = True
    events: list[Event] = Field(default_factory=list)
    published: Published | None = None
    note: NonEmpty | None = None


class Article(Strict):
    number: NonEmpty
    heading: Text | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)


class Paragraph(BaseModel):
    """One paragraph: its text per language; `items` are the list entries that follow it."""

    model_config = ConfigDict(
        extra="allow",
        frozen=True,
        defer_build=True,
        json_schema_extra={
            "patternProperties": {"^[a-z]{2,3}$": {"type": "string", "minLength": 1}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    )

    items: list[Text] | None = None

    @model_validator(mode="after")
    def _language_keys(self):
        extra = self.__pydantic_extra__ or {}
        for key, value in extra.items():
            if not (isinstance(key, str) and 2 <= len(key) <= 3 and key.isascii() and key.isalpha() and key.islower()):
                raise ValueError(f"unknown key {key!r}: a paragraph holds language codes (en, ru, ...) and `items`")
            if not isinstance(value, str) or not value:
                raise ValueError(f"the {key!r} text must be a non-empty string")
        if not extra and not self.items:
            raise ValueError("a paragraph needs its text in at least one language")
        return self

    @property
    def texts(self) -> dict[str, str]:
        return dict(self.__pydantic_extra__ or {})


Article.model_rebuild()


class _Op(Strict):
    cite: NonEmpty | None = Field(default=None, description="The protocol's own article the operation comes from.")
    article: NonEmpty = Field(description="The number of the article it changes (for a new article: its number).")
    paragraph: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None,
        description="1-based paragraph of the article. substitute/repeal/replace-words: absent = the whole "
                    "article; insert with `text`: the new paragraph's place, absent = at the end.",
    )


class Substitute(_Op):
    """New wording: `paragraphs` (the whole article), `text` with `paragraph` (one paragraph), `heading`."""

    op: Literal["substitute"]
    heading: Text | None = None
    paragraphs: list[Paragraph] | None = None
    text: Paragraph | None = None

    @model_validator(mode="after")
    def _what(self):
        given = [x for x in ("heading", "paragraphs", "text") if getattr(self, x) is not None]
        if not given:
            raise ValueError("substitute needs `heading`, `paragraphs` (a whole article) or `text` (one paragraph)")
        if self.text is not None and self.paragraph is None:
            raise ValueError("`text` replaces one paragraph: say which with `paragraph`")
        if self.paragraphs is not None and self.paragraph is not None:
            raise ValueError("`paragraphs` replaces a whole article: drop `paragraph` or use `text`")
        return self


class Insert(_Op):
    """A new article (`new_article` after article `after`; "0" = first) or paragraph (`text`)."""

    op: Literal["insert"]
    after: NonEmpty | None = Field(
        default=None, description="Insert a new article after this article number ('0' = at the start)."
    )
    new_article: Article | None = None
    text: Paragraph | None = None

    @model_validator(mode="after")
    def _what(self):
        if (self.new_article is None) == (self.text is None):
            raise ValueError("insert needs exactly one of `new_article` and `text` (a paragraph)")
        if self.new_article is not None and self.after is None:
            raise ValueError("a new article needs `after`: the article number it follows")
        return self


class Repeal(_Op):
    """Repeal an article, or one paragraph of it."""

    op: Literal["repeal"]


class ReplaceWords(_Op):
    """Replace whole words in the `lang` text of an article, a paragraph (`paragraph`) or a list item (`item`)."""

    op: Literal["replace-words"]
    lang: LangCode
    words: NonEmpty = Field(description="The words replaced, matched as whole words.")
    by: str = Field(description="The new words; empty deletes them.")
    occurrence: Union[Annotated[int, Field(ge=1, strict=True)], Literal["all"]] | None = Field(
        default=None, description="Which match, in reading order, or `all`; required when the words occur more than once.")
    item: Annotated[int, Field(ge=1, strict=True)] | None = Field(
        default=None, description="1-based list item of `paragraph`.")


Amendment = Annotated[Union[Substitute, Insert, Repeal, ReplaceWords], Field(discriminator="op")]


class Instrument(Strict):
    """One instrument file: an agreement, convention, protocol or other adopted document."""

    id: InstrumentId
    type: InstrumentType
    title: Text
    short_title: Text | None = None
    signed: Signed | None = None
    # Documents a body adopts or approves (concepts, plans, decisions) are not signed: say which.
    adopted: Signed | None = None
    depositary: NonEmpty | None = None
    languages: Languages | None = None
    adopted_by: NonEmpty | None = None
    sources: dict[SourceKey, Source] = Field(default_factory=dict)
    source: SourceKey | None = Field(default=None, description="The source of the text held in this file.")
    entry_into_force: EntryIntoForce | None = None
    accession: Accession | None = None
    withdrawal: Withdrawal | None = None
    duration: Union[Literal["indefinite"], FixedDuration] | None = None
    authorities: Authorities | None = None
    amends: InstrumentId | None = None
    amendments: list[Amendment] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    record: Record | None = None
    parties: dict[PartyCode, Party] = Field(default_factory=dict)
    text: Literal["held", "not-held", "partial"] = "held"
    preamble: list[Paragraph] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    closing: Text | None = None
    notes: list[NonEmpty] = Field(default_factory=list)
