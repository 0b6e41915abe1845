"""skillrun: a runtime for LLM-assisted agent skills."""

__version__ = "0.1.0"
