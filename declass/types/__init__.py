"""Value types at the bottom of declass: names and dates, each knowing how to parse, fold and compare.

- :mod:`declass.types.dates` — ``DateValue`` (parse, find in text, bounds, precision, windows);
  the grammar is in :mod:`declass.types.date_forms`.
- :mod:`declass.types.names` — ``Name`` (fold, OCR skeleton, resolution, index and lookup keys).
- :mod:`declass.types.confusion` — OCR-confusion-weighted edit distance and skeleton.
- :mod:`declass.types.wordlists` — the one loader of the word lists in ``declass/data/``.

Invariant: modules here import nothing from declass above ``declass.model`` (and ``errors``);
every stage, the store and every reader call these instead of keeping their own copies
(``tests/test_layers.py`` checks the imports).
"""
