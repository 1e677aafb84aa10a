"""Value types at the bottom of declass: names and dates, each knowing how to parse, fold and compare.

Invariant: modules here import nothing from declass above ``declass.model`` (and ``errors``);
every stage, the store and every reader call these instead of keeping their own copies.
"""
