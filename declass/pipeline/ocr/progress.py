"""Page progress inside one document: a long scan advances the ingest's progress bar page by page.

Reading a 600-page scan takes minutes of OCR; reporting it only when the document is finished
leaves the bar still. The read stage calls :func:`page_read` after each page; whoever runs the
stage installs a sink with :func:`reporting` (the process pool forwards the events to the main
process through a queue, :mod:`declass.pool`; the in-process path calls the ingest's callback
directly). Without a sink (a Dask worker, a test calling ``read``) :func:`page_read` does nothing,
so the stage stays a pure function of its input.

The events are ``(path, pages)``: the file being read and how many of its pages are read so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

PageSink = Callable[[str, int], None]

_sink: PageSink | None = None
_path = ""


def install(sink: PageSink | None) -> PageSink | None:
    """Send this process's page events to ``sink`` from now on (a pool worker, for its life); returns the previous one."""
    global _sink
    previous, _sink = _sink, sink
    return previous


@contextmanager
def reporting(sink: PageSink | None) -> Iterator[None]:
    """Send this process's page events to ``sink`` while the block runs (nothing with ``None``)."""
    previous = install(sink)
    try:
        yield
    finally:
        install(previous)


@contextmanager
def reading(path: str) -> Iterator[None]:
    """Name the file whose pages the block reads (the ``path`` of its events)."""
    global _path
    previous, _path = _path, path
    try:
        yield
    finally:
        _path = previous


def page_read(pages: int) -> None:
    """Report that ``pages`` pages of the current file are read (called by the read stage)."""
    if _sink is not None:
        _sink(_path, pages)
