"""cistreaty: international agreements as YAML in git."""

__version__ = "0.1.0"
