"""Gold data readers for evaluation: HIPE-2022 TSV and CoNLL-2003 style BIO files.

Both become :class:`GoldDocument` objects: the running text rebuilt from the tokens (spaces and
line breaks restored from the MISC flags) and the gold entity spans with character offsets into
that text, their coarse type and, for HIPE, the Wikidata link (NEL-LIT; ``None`` for NIL).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from declass.errors import EvalError


@dataclass(slots=True)
class GoldSpan:
    """A gold entity: [start, end) in the rebuilt text, coarse type, optional Wikidata QID."""

    start: int
    end: int
    type: str  # pers | loc | org | time | prod (HIPE), PER | LOC | ORG | MISC (CoNLL)
    text: str
    qid: str | None = None


@dataclass(slots=True)
class GoldDocument:
    """One gold document: id, rebuilt text and gold spans."""

    id: str
    text: str
    spans: list[GoldSpan] = field(default_factory=list)
    date: str | None = None


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a HIPE TSV or CoNLL BIO file (chosen by its header). Raises EvalError."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{p}: cannot read gold file ({exc})") from exc
    if not lines:
        raise EvalError(f"{p}: empty gold file")
    if lines[0].startswith("TOKEN\t"):
        return _read_hipe(p, lines)
    return _read_conll(p, lines)


class _Builder:
    """Accumulates tokens into text and BIO tags into spans."""

    def __init__(self, doc_id: str) -> None:
        self.doc = GoldDocument(id=doc_id, text="")
        self.parts: list[str] = []
        self.length = 0
        self.open: tuple[int, str, str | None] | None = None  # start, type, qid
        self.last_end = 0

    def add(self, token: str, tag: str, qid: str | None, sep_after: str) -> None:
        start = self.length
        prefix, _, etype = tag.partition("-")
        if prefix in ("B", "I") and self.open is not None and (prefix == "B" or self.open[1] != etype):
            self._close()
        if prefix == "B" or (prefix == "I" and self.open is None):
            self.open = (start, etype, qid)
        elif prefix not in ("B", "I"):
            self._close()
        self.parts.append(token)
        self.length += len(token)
        self.last_end = self.length
        if sep_after:
            self.parts.append(sep_after)
            self.length += len(sep_after)

    def _close(self) -> None:
        if self.open is None:
            return
        start, etype, qid = self.open
        self.open = None
        text = "".join(self.parts)[start : self.last_end]
        self.doc.spans.append(GoldSpan(start, self.last_end, etype, text, qid))

    def finish(self) -> GoldDocument:
        self._close()
        self.doc.text = "".join(self.parts)
        return self.doc


def _read_hipe(path: Path, lines: list[str]) -> list[GoldDocument]:
    header = lines[0].split("\t")
    try:
        i_tok, i_tag, i_nel, i_misc = (header.index(c) for c in ("TOKEN", "NE-COARSE-LIT", "NEL-LIT", "MISC"))
    except ValueError as exc:
        raise EvalError(f"{path}: HIPE header lacks a column ({exc})") from exc
    docs: list[GoldDocument] = []
    builder: _Builder | None = None
    date: str | None = None
    for lineno, line in enumerate(lines[1:], start=2):
        if line.startswith("#"):
            key, _, value = line[1:].partition("=")
            key, value = key.strip(), value.strip()
            if key.endswith("document_id"):
                if builder is not None:
                    docs.append(builder.finish())
                builder = _Builder(value)
                date = None
            elif key.endswith(":date") and builder is not None:
                date = value
                builder.doc.date = date
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) <= max(i_tok, i_tag, i_nel, i_misc):
            raise EvalError(f"{path}:{lineno}: expected {len(header)} columns, found {len(cols)}")
        if builder is None:
            builder = _Builder(path.stem)
        misc = cols[i_misc].split("|")
        if "EndOfLine" in misc or "EndOfParagraph" in misc:
            sep = "\n"
        elif "NoSpaceAfter" in misc:
            sep = ""
        else:
            sep = " "
        nel = cols[i_nel]
        qid = nel if nel.startswith("Q") else None
        builder.add(cols[i_tok], cols[i_tag], qid, sep)
    if builder is not None:
        docs.append(builder.finish())
    return docs


def _read_conll(path: Path, lines: list[str]) -> list[GoldDocument]:
    docs: list[GoldDocument] = []
    builder = _Builder(f"{path.stem}-0")
    for lineno, line in enumerate(lines, start=1):
        if line.startswith("-DOCSTART-"):
            if builder.parts:
                docs.append(builder.finish())
            builder = _Builder(f"{path.stem}-{len(docs)}")
            continue
        if not line.strip():
            if builder.parts:
                builder.parts[-1:] = [builder.parts[-1].rstrip(" ") + "\n"] if builder.parts[-1] == " " else builder.parts[-1:]
            continue
        cols = line.split()
        if len(cols) < 2:
            raise EvalError(f"{path}:{lineno}: expected 'TOKEN ... TAG', found {line!r}")
        builder.add(cols[0], cols[-1], None, " ")
    if builder.parts:
        docs.append(builder.finish())
    return docs


def folds(docs: list[GoldDocument], k: int) -> list[tuple[list[GoldDocument], list[GoldDocument]]]:
    """K (train, test) splits by document, deterministic (round-robin by sorted id)."""
    if k < 2:
        return [(docs, docs)]
    ordered = sorted(docs, key=lambda d: d.id)
    splits = []
    for i in range(k):
        test = [d for j, d in enumerate(ordered) if j % k == i]
        train = [d for j, d in enumerate(ordered) if j % k != i]
        splits.append((train, test))
    return splits
