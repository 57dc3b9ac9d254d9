"""conflictdb: news reports of armed conflict turned into a sourced incident database."""

__version__ = "0.1.0"
