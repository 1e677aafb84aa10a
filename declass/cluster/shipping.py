"""Files sent to the workers, spills sent back: a cluster whose workers do not share the client's storage.

By default (``cluster_files = shared``) a task gets paths, and the workers read the files from
storage mounted at the same path on every machine (docs/deploy.md). With ``send`` the client reads
each chunk's files as it submits the chunk and the task gets their bytes
(:class:`~declass.inputs.SentFile`); a long document's spill file (its windows' facts, written by
pass 1 on the worker, :mod:`declass.pipeline.extract.long`) comes back inside the result and is
written into the run's spill folder on the client, where the writer reads it as it reads a local
one. Nothing else changes: the same task functions, chunks, failures and writer.

Memory: the client reads a chunk's files only when the chunk is submitted, so it holds the bytes
of at most the chunks in flight (two per worker) and one spill being landed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from declass.errors import InputError
from declass.inputs import SentFile
from declass.model import Document
from declass.pipeline.extract.long import Spill


@dataclass(slots=True)
class SentSpill:
    """A spill made on a worker, with its file's bytes (the file itself is deleted there)."""

    spill: Spill
    data: bytes


def with_bytes(chunks: Iterable[Sequence[str | Document]]) -> Iterator[list[SentFile | Document]]:
    """Each chunk with its paths replaced by the files' bytes, read when the chunk is asked for."""
    for chunk in chunks:
        yield [SentFile.read(item) if isinstance(item, str) else item for item in chunk]


def run_sent(chunk: Sequence[Any], func: Callable[..., list[Any]], *args: Any) -> list[Any]:
    """Worker entry point: ``func(chunk, *args)`` with every spill it returns packed with its bytes."""
    return [_packed(result) if isinstance(result, Spill) else result for result in func(chunk, *args)]


def _packed(spill: Spill) -> SentSpill | InputError:
    try:
        data = Path(spill.path).read_bytes()
    except OSError as exc:
        return InputError(spill.doc.source_path, f"spill file lost on the worker: {exc.strerror or exc}")
    spill.discard()
    return SentSpill(spill, data)


def landed(results: Iterable[Any], spill_dir: str | None) -> Iterator[Any]:
    """The results with every sent spill written into ``spill_dir`` (the run's spill folder) as a Spill."""
    for result in results:
        if not isinstance(result, SentSpill):
            yield result
            continue
        spill = result.spill
        folder = spill_dir or os.path.dirname(spill.path)
        os.makedirs(folder, exist_ok=True)
        spill.path = os.path.join(folder, os.path.basename(spill.path))
        Path(spill.path).write_bytes(result.data)
        yield spill
