"""A surface form a reviewer marked "not an entity", and the test whether a mention is one.

Shared by extraction (``declass.pipeline.extract.suppress``, which drops such mentions from new
documents) and resolution (``declass.resolve.corrections``, which leaves stored ones out of every
entity), so both read the same correction the same way. A form is compared case- and
space-insensitively; its context narrows it:

* ``any``   -- wherever the form is printed;
* ``label`` -- only where it labels a form field, i.e. a colon follows ("SUBJECT:", "SOURCE :"),
  so "Subject" stays a mention in "the Subject met Kandaurov".
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXTS = ("any", "label")
# Characters after a mention that are enough to see a colon behind a little white space.
AFTER_CHARS = 4


def form_key(text: str) -> str:
    """The comparison key of a surface form: case-folded, white space collapsed."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True, slots=True)
class SuppressedForm:
    """A surface form that is not an entity in ``context`` (one of :data:`CONTEXTS`)."""

    form: str
    context: str = "any"

    @property
    def key(self) -> str:
        return form_key(self.form)

    def matches(self, text: str, after: str = "") -> bool:
        """Whether a mention printed as ``text``, followed in its document by ``after``, is this form."""
        if form_key(text) != self.key:
            return False
        return self.context == "any" or after.lstrip(" \t").startswith(":")


def suppressed(forms: frozenset[SuppressedForm], text: str, after: str = "") -> SuppressedForm | None:
    """The first of ``forms`` a mention is (None when it is none of them)."""
    key = form_key(text)
    for f in forms:
        if f.key == key and f.matches(text, after):
            return f
    return None
