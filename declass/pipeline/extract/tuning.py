"""Predictions of every domain-layer configuration on texts, for cross-validated tuning.

The statistical model runs once per truecasing choice; each configuration then re-runs only the
cheap domain components on the model's entities. Configuration names are stable strings such as
``tc=1,values=1,names=1,gaz=1,cons=85,filt=1,fac=0,dates=1``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from declass.model import Document, make_id
from declass.pipeline.extract.components import DOMAIN_COMPONENTS, KEY
from declass.pipeline.extract.mentions import to_mentions
from declass.pipeline.extract.nlp import load_nlp, parse

BASELINE = "baseline"
DEFAULT = "tc=1,values=1,names=1,gaz=1,cons=85,filt=1,fac=1,dates=1"  # what extract() runs


def _name(tc: int, values: int, names: int, gaz: int, cons: int, filt: int, fac: int, dates: int) -> str:
    return f"tc={tc},values={values},names={names},gaz={gaz},cons={cons},filt={filt},fac={fac},dates={dates}"


def predict_grid(
    texts: Sequence[str], dates: Sequence[str | None], *, model: str, hipe: dict[str, str]
) -> dict[str, list[list[tuple[int, int, str]]]]:
    """{configuration: per text [(start, end, hipe_type)]} including the plain-model baseline."""
    nlp = load_nlp(model)
    consistency = {c: nlp.create_pipe("declass_consistency", config={"fuzzy": c}) for c in (0, 85)}
    comps = {n: nlp.get_pipe(n) for n in DOMAIN_COMPONENTS}
    docs = [
        Document(id=make_id("gold", i), source_path=f"gold-{i}", media_type="text/plain", text=t, clean_text=t)
        for i, t in enumerate(texts)
    ]
    for d, date in zip(docs, dates, strict=True):
        d.metadata.doc_date = date
    out: dict[str, list[list[tuple[int, int, str]]]] = {}
    for tc in (0, 1):
        with nlp.select_pipes(disable=list(DOMAIN_COMPONENTS)):
            parsed = list(parse(nlp, texts, truecasing=bool(tc)))
        base = [[(e.start, e.end, e.label_) for e in sd.ents] for sd in parsed]

        def run(
            flags: tuple[int, int, int, int, int],
            fac: int,
            strict_dates: int,
            parsed: list[Doc] = parsed,
            base: list[list[tuple[int, int, str]]] = base,
        ) -> list[list[tuple[int, int, str]]]:
            values, names, gaz, cons, filt = flags
            res = []
            for doc, sd, ents in zip(docs, parsed, base, strict=True):
                sd.user_data.pop(KEY, None)
                sd.ents = [Span(sd, a, b, label=lab) for a, b, lab in ents]
                for on, comp in (
                    (values, comps["declass_values"]),
                    (names, comps["declass_names"]),
                    (gaz, comps["declass_gazetteer"]),
                ):
                    if on:
                        sd = comp(sd)
                if cons:
                    sd = consistency[cons](sd)
                if names:
                    sd = comps["declass_repair"](sd)
                if filt:
                    sd = comps["declass_filters"](sd)
                if gaz:
                    sd = comps["declass_places"](sd)  # places by gazetteer, damage and head word, after the filters as in extract
                res.append(_hipe(doc, sd, hipe, fac=bool(fac), strict_dates=bool(strict_dates)))
            return res

        if tc == 0:
            out[BASELINE] = run((0, 0, 0, 0, 0), 0, 0)
        # All components off, all on, and each one left out (the full product costs 3x for no gain).
        layers = [(0, 0, 0, 0, 0), (0, 0, 0, 0, 1), (1, 1, 1, 85, 1)]
        layers += [(0, 1, 1, 85, 1), (1, 0, 1, 85, 1), (1, 1, 0, 85, 1), (1, 1, 1, 0, 1), (1, 1, 1, 85, 0)]
        for layer in layers:
            for fac, strict_dates in itertools.product((0, 1), (0, 1)):
                out[_name(tc, *layer, fac, strict_dates)] = run(layer, fac, strict_dates)
    return out


def _hipe(doc: Document, sd: Doc, hipe: dict[str, str], *, fac: bool, strict_dates: bool) -> list[tuple[int, int, str]]:
    return [
        (m.start, m.end, hipe[m.label])
        for m in to_mentions(doc, sd, fac_as_loc=fac, strict_dates=strict_dates)
        if m.label in hipe
    ]
