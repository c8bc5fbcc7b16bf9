"""Progress of one long file's load: how far extraction and writing have got, said every few seconds.

A 50 MB text used to run for 40 minutes without a word. Short files stay silent: the first message
comes only once a stage has run for ``every`` seconds. Extraction is measured by the characters of
the sections the spaCy pipeline has handed back (it works in batches, so the figure moves in steps),
writing by the statements sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

#: Seconds a stage runs before its first message, and between messages.
PROGRESS_EVERY_S = 5.0

Notify = Callable[[str], None]


class FileProgress:
    """Reports one file's stages through ``notify`` (a line each, e.g. on stderr)."""

    def __init__(self, name: str, notify: Notify | None, *, every: float | None = None):
        self.name = name
        self.notify = notify
        self.every = PROGRESS_EVERY_S if every is None else every
        self._stage = ""
        self._done = 0
        self._total = 0
        self._began = time.monotonic()
        self._lock = threading.Lock()

    def _say(self) -> None:
        if self.notify is None:
            return
        with self._lock:
            stage, done, total = self._stage, self._done, self._total
        share = f", {100 * done // total}%" if total else ""
        self.notify(f"{self.name}: {stage}{share} ({time.monotonic() - self._began:.0f}s)")

    @contextmanager
    def stage(self, stage: str, total: int = 0) -> Iterator[FileProgress]:
        """A stage of ``total`` units (0: unknown); a heartbeat thread speaks while it runs past ``every``."""
        with self._lock:
            self._stage, self._done, self._total = stage, 0, total
        stop = threading.Event()

        def heartbeat() -> None:
            while not stop.wait(self.every):
                self._say()

        thread = threading.Thread(target=heartbeat, name="qdkg-progress", daemon=True)
        if self.notify is not None:
            thread.start()
        try:
            yield self
        finally:
            stop.set()
            if thread.is_alive():
                thread.join()

    def advance(self, done: int, total: int | None = None) -> None:
        with self._lock:
            self._done = done
            if total is not None:
                self._total = total


class CountingNlp:
    """Wraps the spaCy pipeline so that the characters of the sections it has processed are counted."""

    def __init__(self, nlp: Any, progress: FileProgress):
        self._nlp = nlp
        self._progress = progress
        self._chars = 0

    def pipe(self, texts: Iterable[str], **kwargs: Any) -> Iterator[Any]:
        for doc in self._nlp.pipe(texts, **kwargs):
            self._chars += len(doc.text)
            self._progress.advance(self._chars)
            yield doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)


__all__ = ["PROGRESS_EVERY_S", "CountingNlp", "FileProgress", "Notify"]
