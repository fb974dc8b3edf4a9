"""The linter. Where things are:

- `rules/`: the semantic rules, one module per rule or small family, each with its `Rule`s and check;
- `registry.py`: every code (Y, S, C) collected from the modules that declare it;
- `check.py`: one file checked; `runner.py`: many files, cached and in worker processes;
- `session.py`: a whole `cistreaty lint` run (configuration, cache, cross-file rules, noqa, output);
- `cache.py`, `suppress.py` (noqa), `config.py` (.cistreaty.yaml), `output.py` (the formats).
"""
