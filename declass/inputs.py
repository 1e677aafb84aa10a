"""The inputs of an ingest: the files under the given paths, their hashes, and what happened to each.

Kept apart from :mod:`declass.ingest` (which runs the stages and the writer) so the walk and the
report can be read on their own; :mod:`declass.ingest` re-exports them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SentFile:
    """A file's bytes read by the client and sent to a worker that cannot read its path.

    ``error`` is the reason the client could not read it (the worker reports it as the file's
    failure, as it would report its own read error)."""

    path: str
    data: bytes = b""
    error: str | None = None

    @classmethod
    def read(cls, path: str) -> SentFile:
        """The file at ``path``, or the reason it cannot be read."""
        try:
            return cls(path, Path(path).read_bytes())
        except OSError as exc:
            return cls(path, error=f"cannot read: {exc.strerror or exc}")


@dataclass(slots=True)
class Outcome:
    """What happened to one input path."""

    path: str
    status: str  # ingested | unchanged | skipped | failed
    reason: str | None = None
    doc_id: str | None = None
    pages: int = 0


@dataclass(slots=True)
class IngestReport:
    """The result of one ingest run."""

    run_id: str
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    extracted: list[str] = field(default_factory=list)  # stored earlier without extraction, extracted now
    resolved: list[str] = field(default_factory=list)  # documents whose resolution this run finished
    stage_errors: list[str] = field(default_factory=list)  # stages that failed and stay pending
    windowed: list[str] = field(default_factory=list)  # long documents written window by window

    def count(self, status: str) -> int:
        """How many paths ended with this status."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> list[Outcome]:
        """The paths that failed, with reasons."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def new_doc_ids(self) -> list[str]:
        """Ids of documents written in this run."""
        return [o.doc_id for o in self.outcomes if o.status == "ingested" and o.doc_id]

    @property
    def exit_code(self) -> int:
        """0 when every file succeeded (or was skipped/unchanged), 1 when any failed, 130 if interrupted."""
        if self.interrupted:
            return 130
        return 1 if self.failed else 0


def iter_files(paths: Iterable[str | Path], errors: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """Every file under the given paths (folders searched depth-first, sorted, hidden entries skipped).

    The walk keeps its own stack instead of recursing, so a folder nested thousands of levels deep
    is walked like a flat one. A folder that cannot be listed is appended to ``errors`` as
    ``(path, reason)`` and the walk goes on.
    """
    for raw in paths:
        top = Path(raw)
        if not top.is_dir():
            yield top
            continue
        stack = [top]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as it:
                    entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
            except OSError as exc:
                if errors is not None:
                    errors.append((str(folder), f"cannot list folder: {exc.strerror or exc}"))
                continue
            subdirs = []
            for entry in entries:
                try:
                    is_dir = entry.is_dir()
                    linked = is_dir and entry.is_symlink()
                except OSError:
                    is_dir = linked = False
                if linked:
                    continue  # as os.walk: a link to a folder is neither walked (cycles) nor a file
                if is_dir:
                    subdirs.append(Path(entry.path))
                else:
                    yield Path(entry.path)
            stack.extend(reversed(subdirs))


def sha256_file(path: Path, block: int = 1 << 20) -> str:
    """The sha256 of a file's bytes, read in blocks (memory does not grow with the file)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(block):
            digest.update(chunk)
    return digest.hexdigest()
