"""Compact pickles for what partitioned resolution ships: dataclasses as a class and a tuple.

A partition of documents goes to a worker as its mentions and comes back as nodes, profiles and
judgements: ~120,000 small dataclass objects per 100,000 mentions. The standard pickle of a
slotted dataclass stores a state dict per object and rebuilds it through ``__setstate__``, which
walks the class's fields for every object; a ``Counter`` is rebuilt by ``Counter.update``. At
100,000 mentions that unpickling cost the client 21 CPU seconds, more than the whole
single-process resolution. Here each dataclass travels as ``(class, field values)`` and a
``Counter`` as its plain dict, which pickle writes and reads in C; results are the same objects.

:mod:`declass.cluster.partitions` uses this on both sides of a task, and bounded resolution for the
profiles it spills (:mod:`declass.resolve.blockwise`); it changes no pickle
made anywhere else (a private :class:`pickle.Pickler`, not ``copyreg``).
"""

from __future__ import annotations

import io
import pickle
from collections import Counter
from dataclasses import fields, is_dataclass
from typing import Any

_FIELDS: dict[type, tuple[str, ...]] = {}  # dataclass -> its field names (empty: not a dataclass)
# dataclass -> True when ``cls(*values)`` rebuilds it: every field in __init__, and no __post_init__ to rerun
_DIRECT: dict[type, bool] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        found = fields(cls) if is_dataclass(cls) else ()
        names = _FIELDS[cls] = tuple(f.name for f in found)
        _DIRECT[cls] = all(f.init for f in found) and not hasattr(cls, "__post_init__")
    return names


def rebuild(cls: type, values: tuple[Any, ...]) -> Any:
    """A dataclass instance from its field values, without ``__init__`` (frozen ones too)."""
    obj: Any = object.__new__(cls)
    for name, value in zip(_names(cls), values, strict=True):
        object.__setattr__(obj, name, value)
    return obj


def counter(items: dict[Any, int]) -> Counter[Any]:
    """A ``Counter`` from its plain dict, filled in C."""
    out: Counter[Any] = Counter()
    dict.update(out, items)
    return out


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls is Counter:
            return counter, (dict(obj),)
        names = _names(cls) if not isinstance(obj, type) else ()
        if not names:
            return NotImplemented
        values = tuple(getattr(obj, n) for n in names)
        return (cls, values) if _DIRECT[cls] else (rebuild, (cls, values))


def dumps(obj: Any) -> bytes:
    """``obj`` pickled with dataclasses and counters in their compact form (:func:`pickle.loads` reads it)."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


loads = pickle.loads
