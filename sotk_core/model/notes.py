"""FGD notes: what was said or decided about an OPD or a unit during the meeting.

A note is a plain dict with the keys of `FIELDS` (so it lives in session state and in JSON
as is): waktu ("YYYY-MM-DD HH:MM:SS"), opd (OPD name or None for the whole city), unit (unit
name or None), jenis ("catatan" | "keputusan"), teks. Two notes with the same five values are
the same note: `merge_notes` never adds it twice, so re-uploading a saved file is harmless.

Files: `notes_to_json` / `notes_to_xlsx` write, `notes_from_bytes` reads either back (the
xlsx is the "Catatan FGD" sheet the results workbook also carries).
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import xlsxwriter

from sotk_core.base.fmt import fmt_num
from sotk_core.base.issues import IssueList
from sotk_core.base.labels import NOTE_CITY_SCOPE, NOTE_HEADERS, NOTE_KIND_LABELS
from sotk_core.workbook.isolate import read_sheet_rows_isolated

FIELDS: tuple[str, ...] = ("waktu", "opd", "unit", "jenis", "teks")
KINDS: tuple[str, ...] = ("catatan", "keputusan")
KIND_LABELS = NOTE_KIND_LABELS  # old names, kept importable
HEADERS = NOTE_HEADERS
SHEET = "Catatan FGD"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
CITY_SCOPE = NOTE_CITY_SCOPE
FORMAT_VERSION = 1
MAX_TEXT = 4000  # characters of one note
MAX_NOTES = 1000  # notes of one session (a meeting writes tens; a page draws each one)


class NotesError(ValueError):
    """A notes file that cannot be read (Indonesian message)."""


def _clean(value: object) -> str | None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
    return text or None


def make_note(teks: str, opd: str | None = None, unit: str | None = None,
              jenis: str = "catatan", when: datetime | None = None) -> dict[str, str | None]:
    """A new note; raises ValueError (Indonesian) on empty text or an unknown kind."""
    text = (teks or "").strip()
    if not text:
        raise ValueError("Catatan kosong: tulis isi catatan terlebih dahulu.")
    if jenis not in KINDS:
        raise ValueError(f"Jenis catatan tidak dikenal: {jenis!r} (catatan atau keputusan).")
    if len(text) > MAX_TEXT:
        raise ValueError(too_long(text))
    return {"waktu": (when or datetime.now()).strftime(TIME_FORMAT), "opd": _clean(opd),
            "unit": _clean(unit) if opd else None, "jenis": jenis, "teks": text}


def too_long(text: str) -> str:
    """The Indonesian refusal of a note past MAX_TEXT characters (nothing is ever cut)."""
    return (f"Catatan terlalu panjang ({fmt_num(len(text))} karakter); paling banyak "
            f"{fmt_num(MAX_TEXT)} karakter. Ringkas atau bagi menjadi beberapa catatan.")


def normalise(note: Mapping[str, Any]) -> dict[str, str | None]:
    """A note with exactly FIELDS, text trimmed, empty values as None, kind checked."""
    out = {f: _clean(note.get(f)) for f in FIELDS}
    jenis = (out["jenis"] or "catatan").lower()
    out["jenis"] = jenis if jenis in KINDS else "catatan"
    if out["opd"] == CITY_SCOPE:
        out["opd"] = None
    if out["teks"] is None:
        raise NotesError("Catatan tanpa isi tidak dapat dimuat.")
    return out


def note_key(note: Mapping[str, Any]) -> tuple:
    return tuple(note.get(f) for f in FIELDS)


def merge_notes(current: Sequence[Mapping[str, Any]], incoming: Iterable[Mapping[str, Any]]
                ) -> tuple[list[dict], int, int]:
    """(merged notes sorted by time, number added, number already present). NotesError
    (Indonesian) when the result would hold more than MAX_NOTES notes."""
    merged = [dict(n) for n in current]
    seen = {note_key(n) for n in merged}
    added = skipped = 0
    for raw in incoming:
        n = normalise(raw)
        k = note_key(n)
        if k in seen:
            skipped += 1
            continue
        seen.add(k)
        merged.append(n)
        added += 1
    if len(merged) > MAX_NOTES:  # counted after merging: a note already there is one note
        raise NotesError(f"Setelah digabung ada {fmt_num(len(merged))} catatan; paling banyak "
                         f"{fmt_num(MAX_NOTES)} catatan per sesi. Bagi file catatan atau hapus "
                         "catatan lama lebih dulu.")
    merged.sort(key=lambda n: (n.get("waktu") or "", n.get("opd") or "", n.get("unit") or ""))
    return merged, added, skipped


def notes_for(notes: Sequence[Mapping[str, Any]], opd: str | None,
              unit: str | None = None) -> list[Mapping[str, Any]]:
    """The notes about one OPD (all its units too unless `unit` is given); opd None = the
    notes about the city as a whole."""
    out = [n for n in notes if n.get("opd") == opd]
    if unit is not None:
        out = [n for n in out if n.get("unit") == unit]
    return out


def notes_frame(notes: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Notes as a table with Indonesian headers (the "Catatan FGD" sheet)."""
    rows = [{HEADERS["waktu"]: n.get("waktu"), HEADERS["opd"]: n.get("opd") or CITY_SCOPE,
             HEADERS["unit"]: n.get("unit") or "", HEADERS["jenis"]:
             KIND_LABELS.get(str(n.get("jenis")), str(n.get("jenis"))),
             HEADERS["teks"]: n.get("teks")} for n in notes]
    return pd.DataFrame(rows, columns=[HEADERS[f] for f in FIELDS])


# ---- files --------------------------------------------------------------------------------


def notes_to_json(notes: Sequence[Mapping[str, Any]], city: str | None = None) -> bytes:
    body = {"format": "sotk-catatan-fgd", "versi": FORMAT_VERSION, "kota": city,
            "catatan": [{f: n.get(f) for f in FIELDS} for n in notes]}
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def write_notes_sheet(wb: xlsxwriter.Workbook, notes: Sequence[Mapping[str, Any]],
                      title: str | None = None) -> Any:
    """The "Catatan FGD" sheet into an open xlsxwriter workbook (formatted for printing)."""
    ws = wb.add_worksheet(SHEET)
    head = wb.add_format({"bold": True, "bg_color": "#0072B2", "font_color": "white",
                          "border": 1, "valign": "top", "text_wrap": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    bold = wb.add_format({"bold": True, "font_size": 14})
    start = 0
    if title:
        ws.write_string(0, 0, title, bold)
        start = 2
    frame = notes_frame(notes)
    widths = [20, 34, 28, 12, 80]
    for c, (name, width) in enumerate(zip(frame.columns, widths, strict=True)):
        ws.write_string(start, c, name, head)
        ws.set_column(c, c, width, wrap)
    for r, row in enumerate(frame.itertuples(index=False), start=start + 1):
        for c, value in enumerate(row):
            if value:
                ws.write_string(r, c, str(value), wrap)
            else:
                ws.write_blank(r, c, None, wrap)
    ws.freeze_panes(start + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(start)
    return ws


def notes_to_xlsx(notes: Sequence[Mapping[str, Any]], city: str | None = None) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    write_notes_sheet(wb, notes, f"Catatan FGD · {city}" if city else "Catatan FGD")
    wb.close()
    return buf.getvalue()


def _from_json(data: bytes) -> list[dict]:
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NotesError("File catatan .json tidak dapat dibaca (bukan JSON yang sah).") from exc
    items = body.get("catatan") if isinstance(body, dict) else body
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise NotesError("File .json ini bukan file catatan FGD dari SOTK Dashboard.")
    return [normalise(i) for i in items]


def _from_xlsx(data: bytes) -> list[dict]:
    issues = IssueList()
    sheets = read_sheet_rows_isolated(data, "catatan.xlsx", (SHEET,), issues)
    if sheets is None:
        raise NotesError("File catatan .xlsx tidak dapat dibuka: " + issues[0].message)
    grid = sheets.get(SHEET)
    if grid is None:
        raise NotesError(f"Sheet '{SHEET}' tidak ditemukan di file ini.")
    names = [HEADERS[f] for f in FIELDS]
    for i, head in enumerate(grid[:10]):
        row = [str(v).strip() for v in head]
        if all(n in row for n in names):
            cols = {f: row.index(HEADERS[f]) for f in FIELDS}
            body = grid[i + 1:]
            break
    else:
        raise NotesError(f"Baris judul kolom ({', '.join(names)}) tidak ditemukan di sheet "
                         f"'{SHEET}'.")
    labels = {v: k for k, v in KIND_LABELS.items()}
    out = []
    for r in body:
        note = {f: (r[c] if c < len(r) and r[c] != "" else None) for f, c in cols.items()}
        if _clean(note["teks"]) is None:
            continue
        note["jenis"] = labels.get(str(note["jenis"]).strip(), note["jenis"])
        if isinstance(note["waktu"], datetime):
            note["waktu"] = note["waktu"].strftime(TIME_FORMAT)
        out.append(normalise(note))
    return out


def notes_from_bytes(data: bytes, filename: str) -> list[dict]:
    """Notes from a .json or .xlsx notes file (or a results workbook with its "Catatan FGD"
    sheet). Raises NotesError with an Indonesian message."""
    name = filename.lower()
    if name.endswith(".json"):
        found = _from_json(data)
    elif name.endswith((".xlsx", ".xlsm")):
        found = _from_xlsx(data)
    else:
        raise NotesError("Format file catatan tidak dikenal: gunakan .xlsx atau .json.")
    check_limits(found)
    return found


def check_limits(notes: Sequence[Mapping[str, Any]]) -> None:
    """NotesError (Indonesian) past MAX_NOTES notes or a note past MAX_TEXT characters."""
    if len(notes) > MAX_NOTES:
        raise NotesError(f"Berisi {fmt_num(len(notes))} catatan; paling banyak "
                         f"{fmt_num(MAX_NOTES)} catatan per sesi. Bagi file catatan atau hapus "
                         "catatan lama lebih dulu.")
    long = sum(1 for n in notes if len(str(n.get("teks") or "")) > MAX_TEXT)
    if long:
        raise NotesError(f"{fmt_num(long)} catatan lebih panjang dari {fmt_num(MAX_TEXT)} "
                         "karakter; ringkas catatan itu lalu unggah lagi.")
