"""Loading the city (sample or this session's uploads) and evaluating it, cached.

The sample city is read-only and shared by all sessions. Uploaded bytes are parsed with a
session-scoped cache, so one user's files are never visible to another session.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData, build_city
from sotk_core.model.evaluate import Evaluation, evaluate
from sotk_core.workbook import OpdWorkbook, read_workbook
from sotk_core.workbook.formats import combine
from sotk_core.workbook.formats.parts import Part
from sotk_core.workbook.isolate import read_parts_isolated
from sotk_ui import state, workspace

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "sample_data"
SAMPLE_NAME = "Kota Contoh (data fiktif)"
MEMO_SIZE = 6


@st.cache_resource(show_spinner="Memuat kota contoh…")
def sample_city() -> CityData:
    # files this program ships: read in this process (uploads never are: parse_uploads)
    books = [read_workbook(p.read_bytes(), p.name) for p in sorted(SAMPLE_DIR.glob("*.xlsx"))]
    return build_city(books, name=SAMPLE_NAME)


@st.cache_data(scope="session", show_spinner="Membaca workbook…", max_entries=20)
def parse_uploads(files: tuple[tuple[str, bytes], ...]) -> list[OpdWorkbook | list[Part]]:
    """Each upload as a template-v1 workbook, or what a file in another layout contributes
    (combined per OPD in `current_city`), parsed in worker processes: a file that crashes the
    parser or exhausts memory becomes an issue of that file; the server and other sessions
    go on."""
    return read_parts_isolated(files, Settings())


def uploads_key(uploads: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(uploads):
        digest.update(name.encode())
        digest.update(hashlib.sha256(uploads[name]).digest())
    return digest.hexdigest()[:16]


def current_city() -> tuple[CityData, str]:
    """(city, key): the active workspace round, this session's uploads merged into one city,
    or the sample city."""
    if workspace.in_workspace() and workspace.service() is not None:
        return workspace.round_city()
    if state.get(state.SOURCE) == "upload" and state.get(state.UPLOADS):
        uploads: dict[str, bytes] = state.get(state.UPLOADS)
        key = "upload:" + uploads_key(uploads)
        memo = state.get(state.EVAL_MEMO)
        if ("city", key) not in memo:
            items = parse_uploads(tuple(uploads.items()))
            books, loose = combine(items, Settings())
            memo.clear()  # a new data set: earlier evaluations are stale
            memo[("city", key)] = build_city(books, name="Kota (unggahan)", issues=loose)
        return memo[("city", key)], key
    return sample_city(), "sample"


def evaluation_for(city: CityData, key: str, settings: Settings) -> Evaluation:
    """Evaluate once per (data, settings) in this session."""
    memo = state.get(state.EVAL_MEMO)
    memo_key = ("eval", key, settings)
    if memo_key not in memo:
        if len(memo) > MEMO_SIZE:
            for old in [k for k in memo if k[0] == "eval"][: len(memo) - MEMO_SIZE]:
                memo.pop(old, None)
        memo[memo_key] = evaluate(city, settings)
    return memo[memo_key]


def current_evaluation() -> Evaluation:
    city, key = current_city()
    return evaluation_for(city, key, state.settings())
