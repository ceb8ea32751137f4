"""Every label of a figure as text: names from files never become Plotly markup.

Plotly renders a little HTML in text (a `<a href>` in a unit name becomes a live external
link). `escape_figure` runs over every trace's text-like fields and the layout's titles,
category lists, tick texts and annotations, and writes every '<' that does not open one of
this program's own tags as '&lt;' (`present.safe.plotly_text`). It is idempotent and applied
by `apply_theme` (every builder) and again before a figure is drawn or exported.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from sotk_core.present.safe import plotly_text

_TRACE_FIELDS = ("x", "y", "z", "text", "hovertext", "labels", "parents", "ids", "customdata",
                 "name", "theta", "legendgroup", "meta")
_AXIS_FIELDS = ("categoryarray", "tickvals", "ticktext")


def _has_markup(value: Any) -> bool:
    if isinstance(value, str):
        return "<" in value
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "OUS" and any(_has_markup(v) for v in value.ravel())
    if isinstance(value, (list, tuple)):
        return any(_has_markup(v) for v in value)
    return False


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return plotly_text(value)
    if isinstance(value, np.ndarray):
        out = np.empty(value.shape, dtype=object)
        for index, item in np.ndenumerate(value):
            out[index] = _escaped(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def _fix(obj: Any, field: str) -> None:
    try:
        value = obj[field]
    except (KeyError, ValueError, AttributeError):
        return
    if value is not None and _has_markup(value):
        obj[field] = _escaped(value)


def escape_figure(fig: go.Figure) -> go.Figure:
    """The same figure with data-borne markup written as text; returns it."""
    for trace in fig.data:
        for field in _TRACE_FIELDS:
            if field in trace:
                _fix(trace, field)
    layout = fig.layout

    def axis(ax: Any) -> None:
        for field in _AXIS_FIELDS:
            _fix(ax, field)
        if "title" in ax:
            _fix(ax.title, "text")

    fig.for_each_xaxis(axis)
    fig.for_each_yaxis(axis)
    if layout.polar is not None:
        for ax in (layout.polar.angularaxis, layout.polar.radialaxis):
            axis(ax)
    for note in layout.annotations or ():
        _fix(note, "text")
    _fix(layout.title, "text")
    _fix(layout.title.subtitle, "text")
    _fix(layout.legend.title, "text")
    return fig
