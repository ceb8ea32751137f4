"""Write OPD workbooks from the same schema the reader uses: the blank template (with a
`Petunjuk` sheet and drop-down lists) and filled workbooks (tests, round-trips, samples)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import xlsxwriter

from sotk_core.workbook.spec import ALL_SHEETS, PROFIL, PROFILE_FIELDS, TABLE_SHEETS, Sheet
from sotk_core.workbook.vocab import VARIABLES

TEMPLATE_VERSION = "v1"
_MAX_VALIDATION_ROW = 5000


def workbook_bytes(
    profile: Mapping[str, object] | None = None,
    tables: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
    *,
    instructions: bool = True,
    sheets: Sequence[Sheet] = TABLE_SHEETS,
    properties: Mapping[str, object] | None = None,
    profile_notes: Sequence[tuple[str, str]] = (),
) -> bytes:
    """An OPD workbook as .xlsx bytes. `profile` is keyed by ProfileField.key, `tables` by
    sheet name with rows keyed by Column.key. Without data: the blank template.
    `properties` override the document properties (title, subject, author, created);
    `profile_notes` are extra (label, text) rows after the Profil fields, which the reader
    ignores (e.g. a "Catatan" line). The bytes depend only on the arguments."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_numbers": False})
    wb.set_properties({"title": f"Template OPD SOTK Dashboard {TEMPLATE_VERSION}",
                       "created": datetime(2026, 1, 1), **(properties or {})})
    head = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True,
                          "valign": "top"})
    text = wb.add_format({"num_format": "@"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    tables = tables or {}

    ws = wb.add_worksheet(PROFIL.name)
    ws.write_row(0, 0, ["Isian", "Nilai"], head)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 48, text)
    profile = profile or {}
    for r, spec in enumerate(PROFILE_FIELDS, start=1):
        ws.write_string(r, 0, spec.label)
        value = profile.get(spec.key)
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value)
        if value is None:
            if spec.choices:
                ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(spec.choices)})
            continue
        if isinstance(value, (int, float)):
            ws.write_number(r, 1, value)
        else:
            ws.write_string(r, 1, str(value))
        if spec.choices:
            ws.data_validation(r, 1, r, 1, {"validate": "list", "source": list(spec.choices)})
    for r, (label, note) in enumerate(profile_notes, start=len(PROFILE_FIELDS) + 1):
        ws.write_string(r, 0, label)
        ws.write_string(r, 1, note)
    ws.freeze_panes(1, 0)

    for sheet in sheets:
        rows = tables.get(sheet.name)
        if rows is None and not sheet.required and tables:
            continue  # a filled workbook without this optional sheet
        ws = wb.add_worksheet(sheet.name)
        for c, col in enumerate(sheet.columns):
            ws.write_string(0, c, col.header, head)
            width = max(12, min(48, len(col.header) + 4))
            fmt = text if col.kind == "code" else None
            ws.set_column(c, c, 40 if col.key in ("task", "name") else width, fmt)
            if col.choices:
                ws.data_validation(1, c, _MAX_VALIDATION_ROW, c, {
                    "validate": "list", "source": list(col.choices),
                    "error_title": col.header,
                    "error_message": "Pilih salah satu: " + ", ".join(col.choices)})
            elif col.kind in ("number", "int") and col.minimum is not None:
                rule = {"validate": "integer" if col.kind == "int" else "decimal",
                        "criteria": ">" if col.strictly_positive else ">=",
                        "value": col.minimum, "error_title": col.header,
                        "error_message": col.help}
                if col.maximum is not None:
                    rule = {**rule, "criteria": "between", "minimum": col.minimum,
                            "maximum": col.maximum}
                    rule.pop("value")
                ws.data_validation(1, c, _MAX_VALIDATION_ROW, c, rule)
        for r, row in enumerate(rows or [], start=1):
            for c, col in enumerate(sheet.columns):
                value = row.get(col.key)
                if value is None:
                    continue
                if isinstance(value, (int, float)) and col.kind not in ("code", "text", "enum"):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, str(value))
        ws.freeze_panes(1, 0)

    if instructions:
        _write_instructions(wb, head, wrap)
    wb.close()
    return buf.getvalue()


def _write_instructions(wb: xlsxwriter.Workbook, head: object, wrap: object) -> None:
    ws = wb.add_worksheet("Petunjuk")
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 26)
    ws.set_column(2, 2, 12)
    ws.set_column(3, 3, 80, wrap)
    ws.write_row(0, 0, ["Sheet", "Kolom / Isian", "Wajib", "Penjelasan"], head)
    r = 1
    ws.write_row(r, 0, ["Umum", "", "", "Satu workbook = satu OPD. Judul kolom boleh huruf besar/"
                        "kecil; urutan kolom bebas; kolom tambahan diabaikan. Angka boleh ditulis "
                        "1.234,5 atau 1234.5. Kode ditulis sebagai teks (01.02)."], wrap)
    r += 1
    for spec in PROFILE_FIELDS:
        ws.write_row(r, 0, [PROFIL.name, spec.label, "Ya" if spec.required else "Tidak",
                            spec.help], wrap)
        r += 1
    for sheet in ALL_SHEETS[1:]:
        ws.write_row(r, 0, [sheet.name, "(sheet)", "Ya" if sheet.required else "Opsional",
                            sheet.help + (f" Nama lain sheet: {', '.join(sheet.aliases)}."
                                          if sheet.aliases else "")], wrap)
        r += 1
        for col in sheet.columns:
            alias = f" Nama lain: {', '.join(col.aliases)}." if col.aliases else ""
            ws.write_row(r, 0, [sheet.name, col.header, "Ya" if col.required else "Tidak",
                                col.help + alias], wrap)
            r += 1
    r += 1
    ws.write_row(r, 0, ["Kematangan", "Variabel", "", "Daftar variabel Permendagri 99/2018:"],
                 head)
    r += 1
    for v in VARIABLES:
        ws.write_row(r, 0, ["Kematangan", v.roman, "", v.name], wrap)
        r += 1


def write_template(path: str | Path) -> Path:
    """The blank template workbook (all sheets, headers, Petunjuk, drop-down lists)."""
    path = Path(path)
    path.write_bytes(workbook_bytes())
    return path
