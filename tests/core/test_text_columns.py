"""The fast paths over pandas text columns also take columns of several Arrow chunks (a city's
tables are workbooks' frames concatenated)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.formulas import TaskBase
from sotk_core.base.issues import IssueList
from sotk_core.base.settings import Settings
from sotk_core.workbook.frames import TEXT
from sotk_core.workbook.rules import normalise_text
from sotk_core.workbook.spec import BEBAN_KERJA


def _tasks(period: list, unit: list, volume: list, norma: list) -> pd.DataFrame:
    return pd.DataFrame({"period": pd.array(period, dtype=TEXT),
                         "time_unit": pd.array(unit, dtype=TEXT),
                         "volume": np.array(volume, dtype=float),
                         "norma": np.array(norma, dtype=float)})


def test_task_minutes_of_concatenated_tables() -> None:
    a = _tasks(["Tahun", "Bulan"], ["Menit", "Jam"], [2, 1], [30, 2])
    b = _tasks([None, "Minggu"], ["Jam", None], [3, 1], [1, 10])
    both = pd.concat([a, b], ignore_index=True)
    minutes = TaskBase.of(both).minutes(Settings())
    # 2 × 30 min; 12 months × 2 h = 1,440 min; a blank period is Tahun: 3 × 1 h = 180 min;
    # a blank unit is Menit: 50 weeks × 10 min = 500 min
    assert minutes.tolist() == [60.0, 1440.0, 180.0, 500.0]


def test_invisible_characters_found_in_concatenated_tables() -> None:
    def frame(tasks: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"row": np.arange(2, 2 + len(tasks)),
                             "task": pd.array(tasks, dtype=TEXT)})
    both = pd.concat([frame(["Rapat"]), frame(["Surat\u200b"])], ignore_index=True)
    issues = IssueList()
    out = normalise_text(both, BEBAN_KERJA, issues, "a.xlsx")
    assert out["task"].tolist() == ["Rapat", "Surat"]
    assert [i.row for i in issues] == [2]
