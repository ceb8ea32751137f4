"""A pandas text column as the Arrow array behind it, for the fast paths that work on it."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa


def arrow_text(values: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """The Arrow strings behind a pyarrow-backed text column (no copy; a ChunkedArray when
    frames were concatenated); None for any other column."""
    dtype = values.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        return pa.array(values.array)
    return None
