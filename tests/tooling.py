"""Finding the external tools some tests drive; what happens when one is missing.

Locally a missing tool skips the test, saying how to get it. Under CI (`CI=true`) it fails: CI
must run every check, and `.ci/run` installs every tool (apt, npm, pip) before the suite.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def missing(what: str, how: str):
    message = f"{what} is not installed ({how}; bash .ci/run installs it)"
    if in_ci():
        pytest.fail(message + ": CI must not skip this check", pytrace=False)
    pytest.skip(message)


def command(name: str, how: str) -> str:
    """The path of an executable on PATH or among the npm tools of .ci/tools."""
    found = shutil.which(name) or shutil.which(name, path=str(NODE_MODULES / ".bin"))
    if not found:
        missing(name, how)
    return found


def node_package(name: str) -> Path:
    path = NODE_MODULES / name
    if not path.is_dir():
        missing(f"npm package {name}", "npm install --prefix .ci/tools")
    return path
