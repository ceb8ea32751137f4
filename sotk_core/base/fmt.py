"""Indonesian number formatting (1.234,5) and exact half-up rounding helpers."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np


def fmt_num(value: object, decimals: int = 0, unit: str = "") -> str:
    """Format a number Indonesian-style: thousands '.', decimals ','. None/NaN -> '–'."""
    if value is None:
        return "–"
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return "–"
    if not abs(x) < 1e15:  # past exact decimals (and infinity): 6 significant digits
        text = f"{x:.6g}".replace(".", ",").replace("inf", "∞")
        return f"{text} {unit}".rstrip() if unit else text
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{q:,.{decimals}f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if text.startswith("-") and float(q) == 0:
        text = text[1:]
    return f"{text} {unit}".rstrip() if unit else text


def fmt_pct(value: object, decimals: int = 0) -> str:
    """A share 0..1 as a percentage '12,5 %'."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return fmt_num(value)  # '–' for None, the text itself otherwise
    return fmt_num(x * 100, decimals, "%")


def round_half_up(values: np.ndarray, decimals: int = 0) -> np.ndarray:
    """Vectorised half-up rounding that agrees with `Decimal(repr(x))` half-up rounding.

    Floats such as 1.005 are stored as 1.00499999...; scaling then snapping to 9 significant
    decimals first removes that representation noise (the same idea as `Decimal(repr(x))`),
    so 1.005 -> 1.01 and 2.5 -> 3 exactly like the hand rule in domain.md.
    """
    arr = np.asarray(values, dtype="float64")
    scale = 10.0**decimals
    scaled = np.round(arr * scale, 9)
    out = np.floor(np.abs(scaled) + 0.5) * np.sign(scaled)
    return out / scale + 0.0


def round_need(values: np.ndarray, mode: str) -> np.ndarray:
    """Round decimal FTE to whole staff with the configured mode (domain.md §1).

    min1: any position with workload (> 0) needs at least 1, half up above that:
    0.3 -> 1, 0.5 -> 1, 1.4 -> 1, 2.5 -> 3; no workload stays 0.
    """
    arr = np.asarray(values, dtype="float64")
    if mode == "half_up":
        return round_half_up(arr, 0)
    if mode == "min1":
        return np.where(arr > 0, np.maximum(round_half_up(arr, 0), 1.0), round_half_up(arr, 0))
    if mode == "ceil":
        return np.ceil(np.round(arr, 9)) + 0.0
    if mode == "floor":
        return np.floor(np.round(arr, 9)) + 0.0
    raise ValueError(f"Mode pembulatan tidak dikenal: {mode!r}")
