"""Rounds over time in the app: every round of the workspace up to the active one, evaluated
with the settings in force in that round, as a trend and as the changes since the previous
round (sotk_core.model.rounds). None on the sample city (it has one round only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.evaluate import Evaluation, evaluate
from sotk_core.model.rounds import RoundChanges, RoundTrend, round_changes, round_trend
from sotk_ui import workspace as ws


@st.cache_resource(max_entries=16, show_spinner="Menghitung putaran…")
def _evaluate(key: str, _city: CityData, settings: Settings) -> Evaluation:
    return evaluate(_city, settings)


def round_evaluations() -> list[tuple[str, Evaluation]] | None:
    """(round name, evaluation) of each round up to the active one, oldest first."""
    rnd = ws.active_round() if ws.in_workspace() else None
    if rnd is None:
        return None
    out = []
    for r in ws.service().list_rounds(ws.actor(), rnd.workspace_id):
        city, key = ws.round_city(r.id)
        out.append((r.name, _evaluate(key, city, r.settings)))
        if r.id == rnd.id:
            break
    return out


def rounds_part() -> tuple[RoundTrend, RoundChanges | None] | None:
    """(trend, changes since the previous round) for the deck and the results workbook."""
    evs = round_evaluations()
    if not evs:
        return None
    changes = round_changes(evs[-2], evs[-1]) if len(evs) > 1 else None
    return round_trend(evs), changes


def opd_choices(trend: RoundTrend) -> list[str]:
    return list(dict.fromkeys(trend.opd["opd"].tolist()))


def changed_opds(changes: RoundChanges) -> pd.DataFrame:
    """The OPD deltas, biggest EU change first (what the page shows)."""
    out = changes.opd.copy()
    out["_size"] = out["eu_delta"].abs().fillna(float("inf"))
    return out.sort_values("_size", ascending=False, kind="stable").drop(columns="_size")
