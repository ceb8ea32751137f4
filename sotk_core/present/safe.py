"""Text from files and users, made inert wherever something would interpret it.

- `neutralise(value)`: a spreadsheet cell that starts with '=', '+', '-', '@', a tab or a
  carriage return is a formula (or becomes one when the file is opened or pasted): such text
  gets a leading apostrophe, which Excel and LibreOffice show as plain text. Numbers are left
  alone. Every CSV and Excel download goes through it.
- `plotly_text(text)`: Plotly draws a little HTML in labels (`<a href>` becomes a live link,
  `<span style>` restyles); every '<' that does not open one of the few tags this program writes
  itself (`<br>`, `<b>`, `<i>`, `<extra>`, a coloured `<span>`) is written as '&lt;'.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# '<' that could open a tag (a letter, '/', '!' or '?' follows) and is not one of ours
_OWN_TAG = re.compile(
    r"<(?=[A-Za-z/!?])(?!(?:br\s*/?|/?b|/?i|/?extra|/span|span style='color:#[0-9A-Fa-f]{6}')>)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def neutralise(value: Any) -> Any:
    """A cell as text a spreadsheet never evaluates."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell (and text header) neutralised."""
    out = frame.rename(columns=lambda c: neutralise(c) if isinstance(c, str) else c)
    for col in out.columns:
        series = out[col]
        if not (pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series)):
            continue
        flagged = series.astype("str").str.startswith(FORMULA_STARTS, na=False)
        if flagged.any():
            out[col] = series.astype("object").where(~flagged, "'" + series.astype("str"))
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV for Excel (UTF-8 with BOM, ';' as Indonesian Excel expects none:
    ',' separated, ',' decimals written as text by the caller), text cells neutralised."""
    return neutralise_frame(frame).to_csv(index=False).encode("utf-8-sig")


def plotly_data(value: object) -> str:
    """Text from data for a Plotly label, before this program adds its own tags."""
    return _TAG_START.sub("&lt;", str(value))  # 'EU < 0,50' stays as it is


def plotly_text(value: Any) -> Any:
    """A label as Plotly should show it: our own tags kept, any other '<' as text."""
    if isinstance(value, str) and "<" in value:
        return _OWN_TAG.sub("&lt;", value)
    return value
