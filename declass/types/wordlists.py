"""The word lists under ``declass/data/``, loaded once per process by one loader.

Every list declass matches text against lives in one data file there (written for declass, no
copied data), and every user reads it through this module: a stage, resolution and the value
types alike, so a fix to a list reaches all of them. Lines starting with ``#`` are comments.

- ``lines(name)``: the non-empty, non-comment lines of a data file, stripped.
- ``distinct_orgs()``: ``distinct_orgs.txt``, the forms of one body per line (never merged with
  another line's, however alike: MGB / MVD / KGB).
- ``given_names()`` / ``given_name_groups()``: ``given_names.txt``, one given name per line with
  its spellings; a line with ``|`` is an equivalence group, its nicknames and short forms after
  the ``|``.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of ``declass/data/<name>``, stripped."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@functools.cache
def given_name_groups() -> tuple[tuple[str, ...], ...]:
    """The equivalence groups of given names (the lines with "|"): spellings and nicknames of one
    name, the form to show first."""
    return tuple(tuple(line.replace("|", " ").split()) for line in lines("given_names.txt") if "|" in line)


@functools.cache
def given_names() -> frozenset[str]:
    """Given names as printed in full (not nicknames: "Will", "Bill" are also words in a cable)."""
    return frozenset(w for line in lines("given_names.txt") for w in line.partition("|")[0].split())


@functools.cache
def distinct_orgs() -> tuple[tuple[str, ...], ...]:
    """The known distinct organisations: each body's forms, the name to show first
    ("NKVD", "People's Commissariat for Internal Affairs", ...)."""
    return tuple(tuple(f.strip() for f in line.split("|") if f.strip()) for line in lines("distinct_orgs.txt"))
