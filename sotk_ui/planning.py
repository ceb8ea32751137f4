"""Perencanaan page glue: the view picker, the like-unit rules editor, and the planning
results memoised once per (data, settings, rules) in the session."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from sotk_core.base.labels import GROUP_LEVEL_LABELS
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.formasi import FormasiResult
from sotk_core.model.like_units import GroupRule, LikeUnitsResult, default_rules
from sotk_core.present.planning import (
    RULE_HEADERS,
    formasi_plan,
    like_units,
    rules_frame,
    rules_from_frame,
)
from sotk_core.workbook.spec import JENIS_OPD, JENIS_UNIT
from sotk_ui import state
from sotk_ui.data import current_city
from sotk_ui.safe import md

VIEWS: dict[str, str] = {"formasi": "Formasi lima tahun", "sejenis": "Unit sejenis",
                         "kuadran": "Kematangan × beban kerja"}
MEMO_KEEP = 4
T = TypeVar("T")


def data_key() -> str:
    """Which data set is on screen (the sample city or this session's uploads)."""
    return current_city()[1]


def _memo(key: tuple, build: Callable[[], T]) -> T:
    """`build()` once per key in this session (the last MEMO_KEEP of a kind are kept)."""
    memo = state.get(state.EVAL_MEMO)
    if key not in memo:
        for old in [k for k in memo if k[0] == key[0]][:-MEMO_KEEP]:
            memo.pop(old, None)
        memo[key] = build()
    return memo[key]


def formasi(ev: Evaluation) -> FormasiResult:
    return _memo(("formasi", data_key(), ev.settings), lambda: formasi_plan(ev))


def rules(ev: Evaluation) -> list[GroupRule]:
    chosen = state.get(state.LIKE_RULES)
    return list(chosen) if chosen is not None else default_rules(ev.city)


def like(ev: Evaluation) -> LikeUnitsResult:
    chosen = tuple(rules(ev))
    share = float(state.get(state.LIKE_SHARE))
    return _memo(("like", data_key(), ev.settings, chosen, share),
                 lambda: like_units(ev, chosen, share))


def view_picker() -> str:
    """The view on screen: kept in session state and in the URL (?view=sejenis)."""
    current = state.get(state.PLAN_VIEW)
    from_url = st.query_params.get("view")
    if from_url in VIEWS and from_url != current:
        current = from_url
    if current not in VIEWS:
        current = "formasi"
    state.put(state.PLAN_VIEW, current)
    if st.session_state.get("plan_view_widget") != current:
        st.session_state["plan_view_widget"] = current

    def _changed() -> None:
        chosen = st.session_state.get("plan_view_widget")
        if chosen in VIEWS:
            state.put(state.PLAN_VIEW, chosen)
            st.query_params["view"] = chosen

    st.segmented_control("Tampilan", list(VIEWS), format_func=VIEWS.get,
                         key="plan_view_widget", on_change=_changed, label_visibility="collapsed")
    if st.query_params.get("view") != current:
        st.query_params["view"] = current
    return current


def rules_editor(ev: Evaluation) -> None:
    """The group rules as an editable table and the outlier threshold; a valid edit replaces
    the rules in session state (a fresh table is drawn from them on the next run)."""
    shown = rules(ev)
    with st.expander("Atur kelompok unit sejenis dan batas pencilan", icon=":material/tune:"):
        st.caption("Satu baris satu kelompok. Tingkat OPD: seluruh OPD dengan Jenis OPD itu "
                   "(mis. semua Kecamatan); tingkat Unit: unit dengan Jenis Unit itu. Pola nama "
                   "memakai * untuk bagian apa saja, huruf besar/kecil diabaikan (mis. "
                   "UPT Puskesmas*). Kosongkan Jenis atau Pola nama untuk semua.")
        version = state.get(state.LIKE_EDITOR)
        edited = st.data_editor(
            rules_frame(shown), key=f"like_rules_{version}", num_rows="dynamic",
            hide_index=True, width="stretch", column_config={
                RULE_HEADERS["name"]: st.column_config.TextColumn(width="medium", required=True),
                RULE_HEADERS["level"]: st.column_config.SelectboxColumn(
                    options=list(GROUP_LEVEL_LABELS.values()), required=True),
                RULE_HEADERS["kind"]: st.column_config.SelectboxColumn(
                    options=["", *dict.fromkeys((*JENIS_OPD, *JENIS_UNIT))]),
                RULE_HEADERS["pattern"]: st.column_config.TextColumn(width="medium")})
        new_rules, problems = rules_from_frame(edited)
        for problem in problems:
            st.warning(md(problem), icon=":material/warning:")
        if not problems and new_rules != shown:
            state.put(state.LIKE_RULES, new_rules)
            state.put(state.LIKE_EDITOR, version + 1)
            st.rerun()
        c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
        share = c1.number_input(
            "Pencilan bila EU berjarak paling sedikit … % dari median kelompok", min_value=5,
            max_value=100, step=5, value=int(round(state.get(state.LIKE_SHARE) * 100)),
            key="like_share_widget")
        if share / 100 != state.get(state.LIKE_SHARE):
            state.put(state.LIKE_SHARE, share / 100)
            st.rerun()
        if c2.button("Kembalikan kelompok bawaan", key="like_rules_reset",
                     icon=":material/restart_alt:", width="stretch",
                     disabled=state.get(state.LIKE_RULES) is None):
            state.put(state.LIKE_RULES, None)
            state.put(state.LIKE_EDITOR, version + 1)
            st.rerun()
