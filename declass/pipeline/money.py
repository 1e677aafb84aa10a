"""Money normalisation: "\\$300,000", "$1.5 million", "50,000 rubles" -> (amount, currency).

Pure, no spaCy. OCR output of the seed reports escapes the dollar sign (``\\$50,000``); the
backslash is tolerated. ``norm`` is ``"<amount> <ISO 4217 code>"``, the amount without separators.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD",
    "ruble": "RUB", "rubles": "RUB", "roubles": "RUB", "rouble": "RUB",
    "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "mark": "DEM", "marks": "DEM", "deutschmarks": "DEM",
    "franc": "FRF", "francs": "FRF",
    "bolivar": "VES", "bolivars": "VES", "bolivares": "VES",
    "peso": "MXN", "pesos": "MXN",
    "yen": "JPY", "lire": "ITL", "lira": "ITL",
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "k": 1_000}

_NUM = r"\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:thousand|million|billion)\b)?"
MONEY_RE = re.compile(
    rf"(?:\\?(?P<sym>[$£€¥])\s?(?P<n1>{_NUM}){_SCALE})"
    rf"|(?:\b(?P<n2>{_NUM}){_SCALE}\s+(?P<word>{'|'.join(sorted(CURRENCY_WORDS, key=len, reverse=True))})\b)",
    re.I,
)


def _amount(raw: str) -> Decimal | None:
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # European thousands separator "50.000"
        raw = raw.replace(".", "")
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None


def parse_money(text: str) -> dict[str, Any] | None:
    """``{"norm": "300000 USD", "amount": "300000", "currency": "USD"}`` or None."""
    m = MONEY_RE.search(text)
    if m is None:
        return None
    number = m["n1"] or m["n2"]
    amount = _amount(number)
    if amount is None:
        return None
    scale = re.search(r"(thousand|million|billion)", m.group(0), re.I)
    if scale:
        amount *= SCALES[scale.group(1).lower()]
    currency = CURRENCY_SYMBOLS[m["sym"]] if m["sym"] else CURRENCY_WORDS[m["word"].lower()]
    value = format(amount.normalize(), "f") if amount == amount.to_integral_value() else str(amount)
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return {"norm": f"{value} {currency}", "amount": value, "currency": currency}
