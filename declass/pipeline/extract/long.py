"""Long documents, window by window with bounded memory: parse, spill, then hand out harmonised facts.

:mod:`~declass.pipeline.extract.windows` cuts a long document into windows and harmonises labels
across them; holding every window's mentions, relations and claims until the end made memory grow
with the document (967 MB for 1,000 pages). Here the facts leave memory as soon as a window is
parsed, in two passes:

1. :func:`spill_windows` parses one window at a time (``nlp.pipe`` of one text: no spaCy ``Doc``
   outlives its window), appends the window's facts to a temporary spill file and
   keeps only the label votes (printed name -> label counts, bounded by the distinct names).
2. :func:`read_spill` reads the windows back one at a time and relabels each with the whole
   document's votes, so the facts equal those of one whole-document harmonisation.

Pure with respect to the store: the spill file is this stage's scratch space, deleted when read to
the end (or by :meth:`Spill.discard`). A :class:`Spill` is small and picklable, so a pool worker runs
pass 1 and returns it, and the writer in the main process runs pass 2 and stores window by window.
The reviewers' "not an entity" forms travel with the spill and are dropped in pass 2, window by
window, after the labels are harmonised (as :func:`declass.pipeline.extract.extract` drops them
last for a document held in memory).

Spill files live in a folder of the run that made them (:func:`run_spill_dir`,
``$TMPDIR/declass-spill/<host>-<pid>``), so a run killed with ``kill -9`` leaves them where the
next run looks: :func:`remove_dead_spills` deletes the folders of processes that are gone.
"""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from declass.model import Claim, Document, Mention, Relation
from declass.pipeline.extract import windows as windowing
from declass.pipeline.extract.nlp import load_nlp, parse
from declass.pipeline.extract.suppress import drop_suppressed
from declass.types.suppression import SuppressedForm

SPILL_FOLDER = "declass-spill"


@dataclass(slots=True)
class WindowFacts:
    """What extraction found in one window: offsets and ids are those of the whole document."""

    index: int
    mentions: list[Mention]
    relations: list[Relation]
    claims: list[Claim]


@dataclass(slots=True)
class Spill:
    """A long document parsed by :func:`spill_windows`: the document (no facts) and its spill file."""

    doc: Document
    path: str
    windows: int
    votes: dict[str, Counter[str]] = field(default_factory=dict)
    suppressed: frozenset[SuppressedForm] = frozenset()  # dropped window by window in pass 2

    def discard(self) -> None:
        """Delete the spill file (when its facts will not be read)."""
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass


def is_long(doc: Document) -> bool:
    """Whether extraction splits this document into windows (clean text over the window limit)."""
    return len(doc.clean_text or doc.text) > windowing.MAX_WINDOW_CHARS


def parse_windows(
    doc: Document, nlp: Any, fill: Callable[[Document, Any], None], limit: int | None = None
) -> Iterator[WindowFacts]:
    """Each window's raw facts (labels not yet harmonised), sentences numbered across the document.

    ``fill(window, spacy_doc)`` is the extraction of one parsed text (mentions, coreference,
    relations, claims). The windows are made and parsed one at a time.
    """
    if not doc.clean_text:
        doc.clean_text = doc.text
    if limit is None:
        limit = windowing.MAX_WINDOW_CHARS  # read at call time: tests lower it to split small documents
    sentences = 0
    for index, part in enumerate(windowing.windows(doc, limit)):
        sdoc = next(parse(nlp, [part.clean_text], batch_size=1))  # one window parsed at a time
        fill(part, sdoc)
        for m in part.mentions:
            if m.sentence is not None:
                m.sentence += sentences
        sentences += _sentence_count(sdoc)
        del sdoc  # the parsed window is not kept while its facts are consumed
        yield WindowFacts(index, part.mentions, part.relations, part.claims)


def _sentence_count(sdoc: Any) -> int:
    if sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP"):
        return sum(1 for _ in sdoc.sents)
    return 1


def spill_windows(
    doc: Document,
    model: str,
    fill: Callable[[Document, Any], None],
    directory: str | None = None,
    suppressed: frozenset[SuppressedForm] = frozenset(),
) -> Spill:
    """Pass 1: parse every window, write its facts to a spill file, keep only the label votes.

    ``doc`` is returned inside the :class:`Spill` without facts, ready to be stored first; the file
    goes to ``directory`` (a run's :func:`run_spill_dir`; the system temporary folder without one).
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    if directory is not None:
        os.makedirs(directory, exist_ok=True)  # a worker on another host has no folder yet
    fd, path = tempfile.mkstemp(prefix=f"declass-{doc.id[:12]}-", suffix=".spill", dir=directory)
    count = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            for facts in parse_windows(doc, load_nlp(model), fill):
                windowing.count_votes(votes, facts.mentions)
                pickle.dump(facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
                count += 1
    except BaseException:
        os.unlink(path)
        raise
    doc.mentions, doc.relations, doc.claims = [], [], []
    return Spill(doc=doc, path=path, windows=count, votes=dict(votes), suppressed=suppressed)


def read_spill(spill: Spill) -> Iterator[WindowFacts]:
    """Pass 2: the spilled windows in order, labels harmonised over the whole document, suppressed
    forms dropped; deletes the file."""
    try:
        with open(spill.path, "rb") as fh:
            for _ in range(spill.windows):
                facts: WindowFacts = pickle.load(fh)
                facts.mentions, renamed = windowing.relabel(spill.doc.id, facts.mentions, spill.votes)
                facts.relations, facts.claims = windowing.follow_renames(renamed, facts.relations, facts.claims)
                facts.mentions, facts.relations, facts.claims, _ = drop_suppressed(
                    spill.doc.text, facts.mentions, facts.relations, facts.claims, spill.suppressed
                )
                yield facts
    finally:
        spill.discard()


def spill_root() -> str:
    """The folder holding every run's spill folder: ``declass-spill`` in the system temporary folder."""
    return os.path.join(tempfile.gettempdir(), SPILL_FOLDER)


def run_spill_dir(pid: int | None = None) -> str:
    """The spill folder of the run in process ``pid`` (this one by default): ``<root>/<host>-<pid>``."""
    return os.path.join(spill_root(), f"{socket.gethostname()}-{os.getpid() if pid is None else pid}")


def remove_dead_spills() -> list[str]:
    """Delete the spill folders of runs on this host whose process is gone (a ``kill -9``); returns them.

    A folder is named by the run's host and pid; a live process keeps its folder (another run may be
    going on), a folder of another host is left to that host.
    """
    root = spill_root()
    host = socket.gethostname()
    try:
        names = os.listdir(root)
    except FileNotFoundError:
        return []
    removed = []
    for name in names:
        owner, _, pid = name.rpartition("-")
        if owner != host or not pid.isdigit() or _alive(int(pid)):
            continue
        shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        removed.append(os.path.join(root, name))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's live process
        return True
    return True
