"""frames.frame_of builds the frame pd.DataFrame(dict) builds, for every kind of column the
table readers hand it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sotk_core.workbook.frames import TEXT, frame_of, text_array

CASES = {
    "numbers and text": {"row": np.array([2, 3, 5]), "code": ["A", None, "C"],
                         "volume": np.array([1.0, np.nan, 2.5]),
                         "norma": np.array([10.0, 20.0, 30.0])},
    "string array": {"row": np.array([2, 3]), "code": pd.array(["x", None], dtype=TEXT)},
    "all blank": {"row": np.array([2, 3]), "kind": [None, None]},
    "a default text": {"row": np.array([2, 3]), "unit": ["Menit", "Menit"]},
    "mixed list": {"row": np.array([2, 3]), "value": ["a", 1.5]},
    "no rows": {"row": np.array([], dtype="int64"), "code": [], "volume": np.array([])},
}


@pytest.mark.parametrize("name", list(CASES))
def test_same_frame_as_pandas(name: str) -> None:
    columns = CASES[name]
    got, expected = frame_of(dict(columns)), pd.DataFrame(dict(columns))
    pd.testing.assert_frame_equal(got, expected)
    assert got.columns.dtype == expected.columns.dtype
    assert list(got.dtypes) == list(expected.dtypes)


def test_text_list_becomes_a_string_column() -> None:
    frame = frame_of({"row": np.array([2, 3]), "code": ["A", None]})
    assert frame["code"].dtype == TEXT
    assert frame["code"].isna().tolist() == [False, True]


def test_text_array_leaves_other_lists_alone() -> None:
    assert text_array([None, None]) == [None, None]
    assert text_array(["a", 2]) == ["a", 2]


def test_frames_do_not_share_changes() -> None:
    first = frame_of({"row": np.array([2, 3]), "code": ["A", "B"]})
    second = frame_of({"row": np.array([2, 3]), "code": ["A", "B"]})
    first["extra"] = 1
    first.loc[0, "code"] = "Z"
    assert list(second.columns) == ["row", "code"]
    assert second["code"].tolist() == ["A", "B"]
