"""What the caches share, kept here so that none loads another: where cistreaty keeps its caches, a
digest of its own code, and the sealed files the kept answers and lint's kept runs are written as.
Only the standard library's lightest modules are imported: `answers` runs before anything else on
every `status` and `render`."""

from __future__ import annotations

import os

# hashlib's blake2b, without hashlib: importing it loads OpenSSL (~5 ms) for nothing used here.
try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

ENV_VAR = "CISTREATY_CACHE_DIR"
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def cache_home() -> str:
    """`$CISTREATY_CACHE_DIR`, else `$XDG_CACHE_HOME/cistreaty`, else `~/.cache/cistreaty`."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "cistreaty")


def code_digest() -> bytes:
    """BLAKE2b of every module of the package, by relative path and contents: any change to the
    code is another digest, so nothing either cache stored for other code is used."""
    h = blake2b(digest_size=20)
    for root, dirs, names in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(root, name)
                h.update(os.path.relpath(path, _PACKAGE).encode() + b"\0")
                with open(path, "rb") as f:
                    h.update(f.read())
                h.update(b"\0")
    return h.digest()


def read_sealed(path: str) -> bytes | None:
    """The body of a file `write_sealed` wrote, or None when it is missing, unreadable or damaged."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if len(data) < 20 or blake2b(data[20:], digest_size=20).digest() != data[:20]:
        return None
    return data[20:]


def write_sealed(target: str, body: bytes) -> None:
    """Write `body` behind its BLAKE2b, as a temporary file (`.tmp-*`) renamed over `target`, so that a
    reader sees the old file or the new one whole. Raises OSError."""
    import tempfile

    os.makedirs(os.path.dirname(target), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blake2b(body, digest_size=20).digest() + body)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
