"""Parsed workbooks to and from bytes without pickle: each frame an Arrow IPC stream, the
profile and issues JSON. Opening a stored round reads these instead of the workbooks. An OPD
combined from files of other layouts (CombinedWorkbook) keeps its source summary, layouts
and pending positions too."""

from __future__ import annotations

import dataclasses
import hashlib
import json

import pandas as pd
import pyarrow as pa

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.workbook import OpdWorkbook
from sotk_core.workbook.formats import CombinedWorkbook, SourceNote

FRAME_NAMES = ("units", "positions", "tasks", "maturity", "kelembagaan", "retirements",
               "pending")
FORMAT = 3  # bump when the frame layout changes: older rows are re-parsed from their bytes


class NotStorable(ValueError):
    """A frame Arrow cannot hold as is (mixed object column); the bytes are re-parsed."""


def parse_key(settings: Settings) -> str:
    """What the reader's issues depend on: the settings and the frame format."""
    body = json.dumps({"f": FORMAT, "s": settings.to_dict(),
                       "h": settings.hours_as_minutes_factor}, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()[:32]


def frame_to_bytes(frame: pd.DataFrame) -> bytes:
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise NotStorable(str(exc)) from exc
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def frame_from_bytes(data: bytes) -> pd.DataFrame:
    with pa.ipc.open_stream(pa.py_buffer(data)) as reader:
        return reader.read_all().to_pandas()


def encode(wb: OpdWorkbook) -> dict[str, bytes]:
    """{frame name: bytes} of a read workbook; None frames are left out. Raises NotStorable."""
    out: dict[str, bytes] = {}
    for name in FRAME_NAMES:
        frame = getattr(wb, name, None)
        if frame is not None:
            out[name] = frame_to_bytes(frame)
    return out


def profile_json(wb: OpdWorkbook) -> dict[str, object]:
    """The profile (JSON-safe) plus the macro flag."""
    body: dict[str, object] = {"profile": dict(wb.profile), "macro": wb.macro}
    if isinstance(wb, CombinedWorkbook):
        body["combined"] = {"sources": [list(dataclasses.astuple(n)) for n in wb.sources],
                            "layouts": list(wb.layouts)}
    try:
        json.dumps(body)
    except TypeError as exc:
        raise NotStorable(str(exc)) from exc
    return body


def decode(file: str, profile: dict, issues: list[dict], frames: dict[str, bytes]
           ) -> OpdWorkbook:
    """The OpdWorkbook back from its stored parts."""
    empty = pd.DataFrame()
    fields = dict(
        file=file, profile=dict(profile.get("profile") or {}),
        units=frame_from_bytes(frames["units"]) if "units" in frames else empty,
        positions=frame_from_bytes(frames["positions"]) if "positions" in frames else empty,
        tasks=frame_from_bytes(frames["tasks"]) if "tasks" in frames else empty,
        maturity=frame_from_bytes(frames["maturity"]) if "maturity" in frames else None,
        kelembagaan=frame_from_bytes(frames["kelembagaan"]) if "kelembagaan" in frames
        else None,
        retirements=frame_from_bytes(frames["retirements"]) if "retirements" in frames
        else None,
        issues=tuple(Issue(**i) for i in issues), macro=bool(profile.get("macro")))
    combined = profile.get("combined")
    if not isinstance(combined, dict):
        return OpdWorkbook(**fields)  # type: ignore[arg-type]
    return CombinedWorkbook(
        **fields, sources=tuple(SourceNote(*n) for n in combined.get("sources") or ()),  # type: ignore[arg-type]
        pending=frame_from_bytes(frames["pending"]) if "pending" in frames else None,
        layouts=tuple(combined.get("layouts") or ()))
