"""Every diagnostic code cistreaty emits, with its summary and explanation.

Codes are stable: tools and suppressions refer to them. Y = reading the YAML, S = the schema,
C = semantic rules about one instrument or the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    explanation: str


RULES: dict[str, Rule] = {}


def _rule(code: str, name: str, summary: str, explanation: str) -> None:
    RULES[code] = Rule(code, name, summary, " ".join(explanation.split()))


_rule("Y001", "yaml-syntax", "The file is not valid YAML.",
      "The YAML parser stopped at this position. Fix the syntax there; nothing after it was checked.")
_rule("Y002", "duplicate-key", "A mapping has the same key twice.",
      "YAML loaders keep the last value silently, so one of the two would be lost. Remove or rename one. "
      "This also catches a party listed twice under `parties`.")
_rule("Y003", "anchor-alias", "Anchors (&x) and aliases (*x) are refused.",
      "A treaty file has no use for them, and aliases allow exponential expansion (the 'billion laughs' "
      "attack). Write the value out in full.")
_rule("Y004", "tab-indent", "A tab character is used for indentation.",
      "YAML indents with spaces only. Replace the tab with spaces.")
_rule("Y005", "encoding", "The file is not UTF-8.",
      "Instrument files are UTF-8 (a byte-order mark is accepted). The position is that of the first "
      "byte that is not valid UTF-8; UTF-16 files are refused as a whole.")
_rule("Y006", "empty-file", "The file is empty.",
      "An instrument file is a mapping with at least `id`, `type` and `title`.")
_rule("Y007", "root-not-mapping", "The file's top level is not a mapping.",
      "An instrument file is a mapping of keys (`id:`, `type:`, ...), not a list or a single value.")
_rule("Y008", "impossible-date", "A date that does not exist, such as 2025-02-30.",
      "Unquoted values of the form YYYY-MM-DD are dates; this one names a day that does not exist.")
_rule("Y009", "too-deep", "Nesting deeper than the limit (64 levels).",
      "No instrument needs that depth; the limit protects the tools that read the file.")
_rule("Y010", "too-large", "The file is larger than the limit (2 MiB).",
      "The largest real agreements are a few hundred kilobytes. Split the instrument or report your case.")
_rule("Y011", "unreadable", "The file or directory cannot be read.",
      "The operating system refused to read it (permissions, a broken or looping symlink, a file that "
      "vanished while the run was listing the folder).")
_rule("Y012", "not-a-file", "A directory is named like an instrument file.",
      "Paths ending in .yaml or .yml are read as instrument files; this one is a directory.")
_rule("Y013", "tag", "A YAML tag other than the standard scalar ones.",
      "Tags such as !!python/object make some loaders run code. cistreaty never does, and refuses the "
      "file so that no other tool is tempted to.")
_rule("Y014", "too-many-nodes", "The file exceeds the node or scalar-length limit.",
      "At most 200,000 nodes and 200,000 characters per scalar; real instruments are far below both.")
_rule("Y015", "number-too-large", "A number with more than 30 digits.",
      "No field of an instrument takes such a number; converting it is costly and always a mistake.")
_rule("S001", "schema", "The value does not match the instrument file format.",
      "Unknown keys, missing required keys, wrong types and values outside the vocabulary. The position "
      "is that of the offending key or value, or of the mapping that lacks a required key. The format is "
      "described in docs/format.md and in schemas/instrument.schema.json.")
_rule("C101", "id-filename", "`id` differs from the file name.",
      "The id of `agreements/heavy-machinery.yaml` must be `heavy-machinery`, so that commands find it.")
_rule("C102", "id-unique", "Two files declare the same `id`.",
      "Ids are unique across the corpus; the second file is reported.")
_rule("C103", "article-order", "Article numbers repeat or go backwards.",
      "Articles are listed in the order of the text, and each number appears once. Numbers such as 7.1 "
      "(inserted by a protocol) sort after 7.")
_rule("C104", "party-code", "A party key is not an ISO 3166-1 alpha-2 code.",
      "Parties are keyed by the two-letter code of the state (KG, RU, BY...). Any assigned code is valid.")
_rule("C105", "event-before-signature", "A party's event is dated before the instrument was signed.",
      "Consent and other events follow signature; accession and succession are exempt, as are domestic "
      "acts of states that accede.")
_rule("C106", "withdrawal-order", "A withdrawal without an earlier instrument of consent.",
      "A party can only withdraw from an instrument it has consented to be bound by: its notification, "
      "ratification, acceptance, approval, accession or succession must come first.")
_rule("C107", "source-ref", "A `source:` key does not resolve.",
      "Every `source:` names a key of the file's `sources:` mapping.")
_rule("C108", "amends-target", "`amends:` names no instrument in the corpus.",
      "A protocol's `amends:` is the id of an instrument file in the same corpus.")
_rule("C109", "authentic-language", "A text lacks a language the file says it holds.",
      "The title must be given in every authentic language; every heading, paragraph, list item and the "
      "closing formula in every language the file holds (`languages.held`, by default the authentic ones). "
      "In a `text: partial` file each passage needs one of the languages held: the one it was read in.")
_rule("C110", "article-reference", "The text refers to an article that does not exist.",
      "References such as 'Article 12' or 'статья 12' inside the text must name an article of the "
      "instrument. References to another instrument ('Article 3 of the Agreement of ...') are skipped.")
_rule("C111", "text-held", "The file's `text:` does not match its articles.",
      "`text: not-held` files have no articles; files holding the text (the default) have at least one. "
      "A `text: partial` file holds at least the preamble, an article or the closing formula that was read. "
      "Say `text: not-held` rather than leaving `articles` empty.")
_rule("C112", "protocol-fields", "`amends`/`amendments` on an instrument that is not a protocol, or the reverse.",
      "Only `type: protocol` instruments amend another; a protocol names the instrument it amends.")
_rule("C113", "published-date", "A recorded published date disagrees with the date computed from the clause.",
      "`entry_into_force.published` and a party's `published` keep a date the depositary published. cistreaty "
      "recomputes it from the entry-into-force clause (count, delay, alignment, later-party and accession "
      "rules) and every recorded event, and reports both dates and the clause when they differ: either the "
      "events or the clause are recorded wrongly, or the depositary miscounted. See docs/status.md.")
_rule("C114", "amendment-applies", "An operation of a protocol does not apply to the text it amends.",
      "Each entry of a protocol's `amendments` is applied in order to the amended instrument (the file "
      "named by `amends:` in the same folder), each to the text the previous ones left. The position is "
      "that of the operation's key at fault: an article, paragraph or item that does not exist, words not "
      "found, words found several times without `occurrence`, an occurrence beyond the count, a new article "
      "whose number exists, a language the text does not hold. Skipped when the amended text is not held. "
      "See docs/amendments.md.")
_rule("C115", "unused-noqa", "A `# cistreaty: noqa` comment suppresses nothing.",
      "`# cistreaty: noqa: CODE` at the end of a line hides that line's findings of CODE (a comma list, or "
      "no code for all). When the line no longer has such a finding the comment is stale: remove it, or the "
      "code that no longer applies. To suppress C102 or C108 (found across files) name the code: a bare "
      "comment cannot tell whether it is used for them.")
_rule("C116", "clause-text", "Clause data disagrees with the words of the article it names.",
      "Where the file holds the text of the article a clause names (`article:` of `entry_into_force`, "
      "`accession`, `withdrawal`, `authorities`, `duration`; for `duration: indefinite`, the one article that "
      "states a duration), the clause reader reads it, and each value it read that the data states otherwise "
      "is reported at that value, quoting the words: the count, the instruments, the delay and its alignment, "
      "the later-party and provisional rules (also when the words state them and the data does not), the "
      "accession delay, the withdrawal notice, the authorities' notice period, the duration. Wordings the "
      "reader does not read, or refuses as unsure, give no finding. See docs/clauses.md.")


# Rules that live beside their check (lint/hidden.py).
def _register_modules() -> None:
    from . import hidden

    for code, (name, summary, explanation) in hidden.CODES.items():
        _rule(code, name, summary, explanation)


_register_modules()


def rule_codes() -> list[str]:
    return sorted(RULES)
