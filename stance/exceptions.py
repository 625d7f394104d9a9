"""Errors raised by stance: one small hierarchy so callers can catch ``StanceError``."""
from __future__ import annotations


class StanceError(Exception):
    """Base class of every error stance raises on purpose."""


class ModelIntegrityError(StanceError):
    """A model file does not match its card (hash, labels or format) or is not trusted."""


class DataError(StanceError, ValueError):
    """Bad input data. ``path`` and ``line`` (1-based) say where, when known."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = None if path is None else str(path)
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
            where += ": "
        self.reason = message
        super().__init__(where + message)


__all__ = ["StanceError", "ModelIntegrityError", "DataError"]
