"""The compact pickles partitioned resolution ships: :mod:`declass.resolve.codec`, which bounded
resolution also uses for the profiles it spills (so it lives below the cluster layer)."""

from declass.resolve.codec import counter, dumps, loads, rebuild

__all__ = ["counter", "dumps", "loads", "rebuild"]
