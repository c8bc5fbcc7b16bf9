"""One error root for everything a user can cause; the CLI maps it to a one-line message.

Every message says what went wrong and what to do about it. Library code raises these
(wrapping driver errors with ``raise ... from e``); it never prints or exits.
"""

from __future__ import annotations


class QdkgError(Exception):
    """Base of every error a user can cause and fix."""


class StoreError(QdkgError):
    """The graph store is unreachable, refuses us, or rejected a query."""


class QuerySyntaxError(StoreError):
    """The store rejected a Cypher statement as malformed."""


class ReadOnlyError(StoreError):
    """A write was attempted through a read-only store or report."""


class SchemaError(QdkgError):
    """A label, relationship type or key outside the schema module."""


class QueryPackError(QdkgError):
    """A canned report is missing, malformed, or given wrong parameters."""


class NotFoundError(QdkgError):
    """A name given by the user matches nothing in the graph."""

    def __init__(self, message: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        if self.suggestions:
            message = f"{message}; did you mean: {', '.join(self.suggestions)}?"
        super().__init__(message)


class LoaderError(QdkgError):
    """Input that cannot be read; carries the file and, where known, the line or row."""

    def __init__(self, path: str, problem: str, *, line: int | None = None, row: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.row = row
        where = self.path
        if line is not None:
            where += f":{line}"
        elif row is not None:
            where += f": row {row}"
        super().__init__(f"{where}: {problem}")


class ExportError(QdkgError):
    """An export could not be produced (missing font, empty selection, unwritable file)."""
