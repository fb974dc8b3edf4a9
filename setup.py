"""Copy the corpus into the package at build time.

`agreements/` stays the one place maintainers edit; the wheel carries a copy so that
`cistreaty status heavy-machinery` works from any directory after `pip install .`.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCorpus(build_py):
    def run(self):
        super().run()
        src = Path(__file__).parent / "agreements"
        if not src.is_dir():
            return
        dest = Path(self.build_lib) / "cistreaty" / "data" / "agreements"
        dest.mkdir(parents=True, exist_ok=True)
        for path in sorted(src.glob("*.yaml")):
            (dest / path.name).write_bytes(path.read_bytes())


setup(cmdclass={"build_py": BuildWithCorpus})
