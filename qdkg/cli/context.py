"""What every command shares: settings, the debug flag, and the store it opened (closed on exit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qdkg.graph.store import GraphStore


def say_progress(message: str) -> None:
    """Progress of long waits, on stderr so that piped output stays clean."""
    import click

    click.echo(f"… {message}", err=True)


@dataclass
class App:
    debug: bool = False
    home: str = ".qdkg"
    uri: str | None = None
    _stores: list[Any] = field(default_factory=list)

    def open_store(self, *, read_only: bool) -> GraphStore:
        """Open the configured store; it is closed when the command ends."""
        from qdkg.graph.store import StoreSettings, open_store

        store = open_store(StoreSettings.from_env(uri=self.uri, read_only=read_only, home=self.home),
                           progress=say_progress)
        self._stores.append(store)
        return store

    def close(self) -> None:
        while self._stores:
            self._stores.pop().close()
