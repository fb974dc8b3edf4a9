"""Every diagnostic code cistreaty emits, collected from the modules that declare them.

Codes are stable: tools and suppressions refer to them. Y = reading the YAML, S = the schema,
C = semantic rules about one instrument or the corpus. Each code is declared once, as a `Rule`
beside its check; this module only gathers them and remembers which file each lives in.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from ..diagnostics import Rule
from ..io import decoding, files, schema_errors, yaml12_forms, yamlio
from . import suppress
from .rules import MODULES

_PACKAGE = Path(__file__).resolve().parent.parent
_DECLARING = (yamlio, decoding, yaml12_forms, files, schema_errors, *MODULES, suppress)
_FAMILIES = "YSC"


def _collect(modules: tuple[ModuleType, ...]) -> tuple[dict[str, Rule], dict[str, str]]:
    found: list[tuple[Rule, str]] = []
    seen: set[int] = set()
    for module in modules:  # a module that imports another's Rule comes after it in _DECLARING
        where = "src/cistreaty/" + Path(module.__file__).resolve().relative_to(_PACKAGE).as_posix()
        for value in vars(module).values():
            if isinstance(value, Rule) and id(value) not in seen:
                seen.add(id(value))
                found.append((value, where))
    found.sort(key=lambda item: (_FAMILIES.index(item[0].code[0]), item[0].code))
    rules: dict[str, Rule] = {}
    homes: dict[str, str] = {}
    for rule, where in found:
        if rule.code in rules:
            raise RuntimeError(f"rule code {rule.code} is declared twice ({homes[rule.code]}, {where})")
        rules[rule.code] = rule
        homes[rule.code] = where
    return rules, homes


RULES, FILES = _collect(_DECLARING)

