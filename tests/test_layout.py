"""The layout of docs/architecture.md, checked: who may import what, and no function grows too long."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "cistreaty"
# The YAML event loop: one flat loop over libyaml's events, on purpose (docs/reliability.md).
LONG_ALLOWED = {("io/yamlio.py", "_build")}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree, rel: str) -> set[str]:
    """Absolute names of every module imported, at the top or inside functions."""
    package = ["cistreaty", *rel.split("/")[:-1]]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            mod = ".".join(base + ([node.module] if node.module else []))
            out.add(mod)
            out.update(f"{mod}.{alias.name}" for alias in node.names)
    return out


def test_only_the_shell_and_the_presenters_import_typer_or_rich():
    bad = [rel for rel, tree in _modules() if not rel.startswith(("cli/", "render/"))
           and any(m.split(".")[0] in ("typer", "rich", "click") for m in _imports(tree, rel))]
    assert bad == []


def test_the_plain_lint_path_imports_no_typer():
    # entry.py runs `cistreaty lint [PATH...]` through these without typer (docs/performance.md).
    modules = dict(_modules())
    bad = [rel for rel in ("entry.py", "cli/__init__.py", "cli/shell.py", "cli/lint_run.py", "cli/stream.py")
           if any(m.split(".")[0] in ("typer", "rich", "click") for m in _imports(modules[rel], rel))]
    assert bad == []


def test_only_the_linter_and_the_shell_import_the_linter():
    bad = [rel for rel, tree in _modules() if not rel.startswith(("lint/", "cli/"))
           and any(m == "cistreaty.lint" or m.startswith("cistreaty.lint.") for m in _imports(tree, rel))]
    assert bad == []


def test_the_core_imports_no_command():
    # __main__.py and entry.py are the two ways in (python -m, the console script): they start the shell.
    bad = [rel for rel, tree in _modules() if not rel.startswith("cli/") and rel not in ("__main__.py", "entry.py")
           and any(m.startswith("cistreaty.cli") for m in _imports(tree, rel))]
    assert bad == []


def _body_lines(node) -> int:
    # From the first line of the body: a command's typer options are declarations, not code.
    return node.end_lineno - node.body[0].lineno + 1


def test_no_function_over_sixty_lines_outside_the_yaml_event_loop():
    long = [(rel, node.name, _body_lines(node)) for rel, tree in _modules()
            for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and _body_lines(node) > 60 and (rel, node.name) not in LONG_ALLOWED]
    assert long == []
