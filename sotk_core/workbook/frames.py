"""The table readers' frames, built the way pandas would build them from a dict of columns,
without its per-frame inference.

Why: `pd.DataFrame(dict)` costs ~0.3 ms a frame in the reader (five frames per workbook),
most of it spent re-checking arrays that are already numpy or pandas string arrays and
building a new text Index of the column names, whose lookup table is then built again on
the first `frame[key]`. `frame_of` hands the finished arrays to pandas' own constructor for
arrays, with one prebuilt column Index per set of names (an Index is immutable, so frames
can share it). tests/core/test_frames.py checks it against `pd.DataFrame(dict)`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.arrays import ArrowStringArray

TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' own dtype for a column of text

_NAMES: dict[tuple[str, ...], pd.Index] = {}


def text_array(values: list) -> object:
    """A column of text and blanks (None) as the pandas string array the frame would infer
    from the list, built directly (a tenth of the cost); other lists are left to pandas."""
    if not any(v.__class__ is str for v in values) or not all(
            v is None or v.__class__ is str for v in values):
        return values  # all blank (object), or holding other values
    return ArrowStringArray(pa.array(values, pa.large_string()), dtype=TEXT)


def frame_of(columns: dict[str, object]) -> pd.DataFrame:
    """`pd.DataFrame(columns)` for columns of one length: numpy arrays, pandas string arrays
    or lists (a list of text is made a string array, of blanks an object array, as pandas
    infers them; any other list leaves the frame to pandas)."""
    arrays = []
    for values in columns.values():
        if isinstance(values, list):
            values = text_array(values)
            if isinstance(values, list):
                if not values or any(v is not None for v in values):
                    return pd.DataFrame(columns)
                values = np.full(len(values), None, dtype=object)
        elif not isinstance(values, (np.ndarray, ArrowStringArray)) or values.ndim != 1:
            return pd.DataFrame(columns)
        arrays.append(values)
    lengths = {len(a) for a in arrays}
    if len(lengths) != 1:
        return pd.DataFrame(columns)  # pandas names the problem
    keys = tuple(columns)
    names = _NAMES.get(keys)
    if names is None:
        names = _NAMES[keys] = pd.Index(list(keys))  # a text Index, as pandas makes it
        names.get_loc(keys[0])  # builds its lookup table once, not per frame
    return pd.DataFrame._from_arrays(arrays, columns=names, index=pd.RangeIndex(lengths.pop()),
                                     verify_integrity=False)
