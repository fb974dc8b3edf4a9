"""Writes as real processes: modes, refusals, stdout, long ids, and a site that is replaced whole
even when the run is interrupted (SIGINT) or killed (SIGKILL) half-way."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import generate  # noqa: E402

from conftest import CORPUS  # noqa: E402

AS_OF = ["--as-of", "2026-01-01"]


def cistreaty(*args, umask: int | None = None, **kwargs):
    def pre():
        if umask is not None:
            os.umask(umask)

    env = {k: v for k, v in os.environ.items() if k not in ("CISTREATY_CORPUS",)}
    return subprocess.run([sys.executable, "-m", "cistreaty", *map(str, args)], capture_output=True, text=True,
                          preexec_fn=pre, env=env, timeout=300, **kwargs)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.endswith(".tmp") or ".cistreaty-" in n)


def test_new_files_get_the_umask_mode_and_replaced_files_keep_theirs(tmp_path):
    out = tmp_path / "one.md"
    assert cistreaty("render", "heavy-machinery", "--corpus", CORPUS, "-o", out, umask=0o022).returncode == 0
    assert mode(out) == 0o644
    os.chmod(out, 0o640)
    assert cistreaty("render", "heavy-machinery", "--corpus", CORPUS, "-o", out, "--force", umask=0o077).returncode == 0
    assert mode(out) == 0o640
    site = tmp_path / "site"
    assert cistreaty("render", "--corpus", CORPUS, "--out-dir", site, *AS_OF, umask=0o022).returncode == 0
    assert mode(site) == 0o755 and {mode(p) for p in site.iterdir()} == {0o644}
    os.chmod(site, 0o750)
    assert cistreaty("render", "--corpus", CORPUS, "--out-dir", site, "--force", *AS_OF, umask=0o022).returncode == 0
    assert mode(site) == 0o750  # the folder served keeps its mode when it is replaced


def test_force_never_replaces_a_device_or_a_pipe(tmp_path):
    null = tmp_path / "null"
    null.symlink_to("/dev/null")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target, kind in ((null, "character device"), (fifo, "named pipe")):
        result = cistreaty("render", "heavy-machinery", "--corpus", CORPUS, "-o", target, "--force")
        assert result.returncode == 2 and kind in result.stderr, result.stderr
    assert null.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and leftovers(tmp_path) == []


def test_symlink_to_a_file_is_written_through(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert cistreaty("render", "heavy-machinery", "--corpus", CORPUS, "-o", link, "--force").returncode == 0
    assert link.is_symlink() and real.read_text().startswith("# ")


def test_output_dash_is_stdout(tmp_path):
    result = cistreaty("render", "heavy-machinery", "--corpus", CORPUS, "-f", "txt", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("Agreement on Cooperation")
    assert not (tmp_path / "-").exists()


def test_ids_of_241_to_250_characters(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    ids = ["a" * n for n in (241, 245, 250)]
    for ident in ids:
        (corpus / f"{ident}.yaml").write_text(f'id: {ident}\ntype: agreement\ntitle: {{en: "Long"}}\ntext: not-held\n')
    site = tmp_path / "site"
    result = cistreaty("render", "--corpus", corpus, "--out-dir", site, "-f", "md")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site.iterdir()) == sorted([f"{i}.md" for i in ids] + ["index.md"])
    one = tmp_path / ("b" * 250 + ".md")  # 253 characters: its temporary name must be short
    assert cistreaty("render", ids[-1], "--corpus", corpus, "-o", one).returncode == 0 and one.exists()
    assert leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    generate.generate(folder, 120)
    return folder


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, big_corpus):
    site = tmp_path_factory.mktemp("built") / "site"
    result = cistreaty("render", "--corpus", big_corpus, "--out-dir", site, "-f", "html", "--as-of", "2000-01-01")
    assert result.returncode == 0, result.stderr
    return site


def old_site(tmp_path, built) -> tuple[Path, dict]:
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built, site)
    return site, {p.name: p.read_bytes() for p in site.iterdir()}


def start_and_wait_for_pages(tmp_path, corpus, site) -> subprocess.Popen:
    """Start a render that replaces `site`, and return once it has written pages into its new folder."""
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", "render", "--corpus", str(corpus), "--out-dir",
                             str(site), "-f", "html", "--as-of", "2030-01-01", "--force"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        new = [n for n in os.listdir(tmp_path) if ".cistreaty-" in n]
        if new and len(os.listdir(tmp_path / new[0])) >= 5:
            return proc
        if proc.poll() is not None:
            raise AssertionError(f"the render ended before it could be interrupted: {proc.stderr.read()}")
        time.sleep(0.01)
    proc.kill()
    raise AssertionError("no pages written within 120 s")


def test_sigint_says_interrupted_exits_130_and_leaves_the_old_site(tmp_path, big_corpus, built_site):
    site, before = old_site(tmp_path, built_site)
    proc = start_and_wait_for_pages(tmp_path, big_corpus, site)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "cistreaty: interrupted"
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert leftovers(tmp_path) == [] and leftovers(site) == []


def test_sigkill_leaves_the_old_site_whole(tmp_path, big_corpus, built_site):
    site, before = old_site(tmp_path, built_site)
    proc = start_and_wait_for_pages(tmp_path, big_corpus, site)
    proc.kill()
    proc.wait(timeout=60)
    # Every page and the index as they were: no page as of 2030 beside pages as of 2000.
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert leftovers(site) == []


def test_an_interrupt_before_anything_is_written(tmp_path, big_corpus):
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", "lint", "--no-cache", str(big_corpus)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    # 0: lint was already done. -SIGINT: it was done and exiting, past the point where Python puts the
    # default handler back, so the signal ended the process as a shell expects (seen 1 run in 30 at a
    # 0.5 s delay): the whole summary is written by then.
    assert proc.returncode in (0, 130, -signal.SIGINT), err
    if proc.returncode == -signal.SIGINT:
        assert "files checked" in err, err
    if proc.returncode == 130:
        assert "cistreaty: interrupted" in err, err


@pytest.fixture(scope="module")
def parallel_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel")
    generate.generate(folder, 1200)  # above the worker threshold, and a second or more of work
    return folder


@pytest.mark.parametrize("command", [["lint", "--no-cache"], ["status", "--no-cache", "--corpus"],
                                     ["render", "-f", "html", "--no-cache", "--corpus"]])
@pytest.mark.parametrize("delay", [0.2, 0.6])
def test_ctrl_c_in_a_terminal_ends_at_once_with_one_line(parallel_corpus, command, delay):
    """A terminal sends Ctrl-C to the whole process group, the workers included (the tests above
    signal the main process alone): only the main process may speak, once, and it must end. A
    worker ended while sending a result used to leave Python's exit waiting for the rest forever
    (`render` of a whole corpus, about 1 interrupt in 3); a race, so tried at two moments."""
    proc = subprocess.Popen([sys.executable, "-m", "cistreaty", *command, str(parallel_corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and len(children.read_text().split()) < 2:
        time.sleep(0.005)
    time.sleep(delay)  # into the work
    if proc.poll() is not None:
        pytest.fail(f"the run ended before it could be interrupted: {proc.stderr.read()}")
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("still running 30 s after Ctrl-C")
    assert "Traceback" not in err and "Process ForkProcess" not in err and "Exception ignored" not in err, err
    assert proc.returncode == 130 and err.count("cistreaty: interrupted") == 1, err


STUCK = """
import os, sys, threading
from cistreaty.cli.shell import Interrupted, guard
from cistreaty.io.workers import Pool

def command():
    with Pool(2) as pool:
        list(pool.map(abs, [-1, -2, -3]))
        # As the executor's thread blocked on half a result its worker did not finish sending:
        # a thread that never ends, which Python's exit would wait for.
        reader, _ = os.pipe()
        threading.Thread(target=os.read, args=(reader, 1)).start()
        raise Interrupted(2)

guard(command)
"""


def test_a_pool_left_by_an_interrupt_does_not_keep_the_process_alive():
    proc = subprocess.run([sys.executable, "-c", STUCK], capture_output=True, text=True, timeout=20)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "cistreaty: interrupted\n", proc.stderr


def test_force_never_replaces_a_folder_that_holds_more_than_pages(tmp_path):
    # `--out-dir . --force` in a clone, or --out-dir naming the corpus, used to delete .git and the corpus.
    import shutil

    repo = tmp_path / "repo"
    shutil.copytree(CORPUS, repo / "agreements")
    (repo / ".git").mkdir()
    (repo / "notes.md").write_text("mine")
    before = sorted(p.relative_to(repo) for p in repo.rglob("*"))
    for out, corpus in ((repo, repo / "agreements"), (repo / "agreements", repo / "agreements")):
        result = cistreaty("render", "-f", "html", "--corpus", corpus, "--out-dir", out, "--force")
        assert result.returncode == 2, result.stderr
        assert "which are not pages: --force replaces a folder of pages only" in result.stderr
    assert sorted(p.relative_to(repo) for p in repo.rglob("*")) == before
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.md").write_text("an old page")
    result = cistreaty("render", "-f", "html", "--corpus", repo / "agreements", "--out-dir", site, "--force")
    assert result.returncode == 0 and not (site / "old.md").exists(), result.stderr
