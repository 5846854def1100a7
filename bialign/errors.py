"""The library's own exceptions. The CLI maps :class:`InputError` to exit code 2."""
from __future__ import annotations


class BialignError(Exception):
    """Base class of every error bialign raises on purpose."""


class InputError(BialignError):
    """Bad input: a missing, empty, binary or undecodable file, malformed TMX, and so on.

    The message is one line that names the file and the problem.
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class ConfigurationError(BialignError):
    """A bad option or argument given by the caller (unknown format, encoder, ...)."""
