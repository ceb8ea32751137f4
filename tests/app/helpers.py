"""Reading an AppTest run: pages, KPI cards, plotly chart JSON and tables."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import numpy as np
from streamlit.elements.lib.utils import user_key_from_element_id
from streamlit.testing.v1 import AppTest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGES = ("ringkasan", "kematangan", "produktivitas", "keseimbangan", "evaluasi_sotk", "perencanaan",
         "data")


def goto(at: AppTest, stem: str) -> AppTest:
    """Switch to pages/<stem>.py and run it."""
    at.switch_page(f"pages/{stem}.py").run()
    return at


def assert_clean(at: AppTest) -> None:
    """The run raised nothing and drew no st.error (the page guard turns failures into one)."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def metric(at: AppTest, label: str) -> Any:
    """The KPI card with this label (exactly one)."""
    found = [m for m in at.metric if m.label == label]
    assert len(found) == 1, (label, [m.label for m in at.metric])
    return found[0]


def metric_texts(at: AppTest, label: str) -> tuple[str, str, str]:
    """(value, grey line under it, help) of a KPI card."""
    m = metric(at, label)
    return m.value, m.proto.delta, m.proto.help


def chart_keys(at: AppTest) -> list[str]:
    return [user_key_from_element_id(c.proto.id) or "" for c in at.get("plotly_chart")]


def chart(at: AppTest, key: str) -> dict:
    """The plotly figure JSON of the chart drawn with this widget key."""
    found = [c for c in at.get("plotly_chart") if user_key_from_element_id(c.proto.id) == key]
    assert len(found) == 1, (key, chart_keys(at))
    return json.loads(found[0].proto.spec)


def array(value: Any) -> list:
    """A plotly JSON array: plain list or plotly's typed array {dtype, bdata[, shape]}."""
    if isinstance(value, dict) and "bdata" in value:
        out = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = [int(s) for s in str(value["shape"]).split(",")]
            out = out.reshape(shape)
        return out.tolist()
    return list(value) if value is not None else []


def clean_label(text: object) -> str:
    """Axis label as a reader sees it: <br> as a space, other markup removed."""
    s = re.sub(r"<br\s*/?>", " ", str(text))
    s = re.sub(r"<[^>]+>", "", s)
    return " ".join(s.split())


def traces(spec: dict, kind: str | None = None, name: str | None = None) -> list[dict]:
    return [t for t in spec["data"]
            if (kind is None or t.get("type") == kind) and (name is None or t.get("name") == name)]


def bar_values(spec: dict, name: str | None = None) -> dict[str, float]:
    """{category label: value} over the bar traces (optionally one named trace); horizontal
    bars have categories on y and values on x. A category appearing twice fails."""
    out: dict[str, float] = {}
    for t in traces(spec, "bar", name):
        horizontal = t.get("orientation") == "h"
        cats = array(t.get("y") if horizontal else t.get("x"))
        vals = array(t.get("x") if horizontal else t.get("y"))
        assert len(cats) == len(vals), t.get("name")
        for c, v in zip(cats, vals, strict=True):
            label = clean_label(c)
            assert label not in out, f"category {label!r} twice"
            out[label] = float(v)
    return out


def tables(at: AppTest) -> list:
    """The DataFrames behind every st.dataframe and st.table of the run (st.dataframe
    without selection has no element id in 1.67, so tables are found by their headers)."""
    return [d.value for d in at.dataframe] + [t.value for t in at.table]


def table_with(at: AppTest, *headers: str):
    """The one table whose columns include all these (Indonesian) headers."""
    found = [f for f in tables(at) if all(h in f.columns for h in headers)]
    assert len(found) == 1, (headers, [list(f.columns) for f in tables(at)])
    return found[0]


def finding_lines(at: AppTest) -> list[str]:
    """The findings list: one markdown paragraph per finding, "<icon> **Tingkat** · *Dasar* —
    …" (all of them in one element)."""
    return [line for m in at.markdown for line in m.value.split("\n\n")
            if re.search(r"\*\*(Tinggi|Sedang|Rendah)\*\* · \*", line)]
