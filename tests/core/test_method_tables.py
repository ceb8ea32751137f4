"""Kelembagaan item tables and maturity edge rules as data, the `presets` listing and the
JSON report's added keys (domain.md §2, §3, §6; formats.md §6)."""

from __future__ import annotations

import json

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.__main__ import main
from sotk_core.base.tables import KELEMBAGAAN_TABLES_BY_ID, PRESETS
from sotk_core.model.kelembagaan import rank_of
from sotk_core.model.maturity import maturity_category
from tests.builders import opd_bytes

# Teknologi Informasi, every answer 3 (item 4 is negative: v = 5 - 3 = 2):
#   Lampiran II table, 6 items: Σv = 5 x 3 + 2 = 17 -> 10 x 17 / (4 x 6) = 7.0833
#   pedoman table, 5 items (No 6 not scored): Σv = 4 x 3 + 2 = 14 -> 10 x 14 / 20 = 7.0
TI = [{"subdimension": "Teknologi Informasi", "item": n, "answer": 3} for n in range(1, 7)]


def kel_eval(settings: Settings):
    wb = read_workbook(opd_bytes(**{"Kelembagaan": TI}), "uji.xlsx", settings)
    assert wb.ok, wb.errors  # item 6 is accepted by the reader: one table has it
    return evaluate(build_city([wb]), settings)


def test_item_tables_counts():
    pedoman = {s.name: s.items for s in KELEMBAGAAN_TABLES_BY_ID["pedoman"].subdimensions}
    lamp = {s.name: s.items for s in KELEMBAGAAN_TABLES_BY_ID["lampiran-ii"].subdimensions}
    assert (pedoman["Kompleksitas"], pedoman["Manajemen Risiko"], pedoman["Teknologi Informasi"]
            ) == (14, 6, 5)
    assert (lamp["Kompleksitas"], lamp["Manajemen Risiko"], lamp["Teknologi Informasi"]
            ) == (15, 5, 6)
    assert KELEMBAGAAN_TABLES_BY_ID["pedoman"].total_items == 62
    assert KELEMBAGAAN_TABLES_BY_ID["lampiran-ii"].total_items == 63


def test_the_table_used_changes_the_score_and_is_named():
    lamp = kel_eval(Settings(kelembagaan_table="lampiran-ii"))
    row = lamp.kelembagaan.iloc[0]
    assert row["Teknologi Informasi"] == pytest.approx(10 * 17 / 24)
    assert (row["table"], row["table_name"]) == ("lampiran-ii", "Tabel butir Lampiran II (63 butir)")
    assert [i for i in lamp.issues if i.sheet == "Kelembagaan"] == []

    ped = kel_eval(Settings())
    row = ped.kelembagaan.iloc[0]
    assert row["Teknologi Informasi"] == pytest.approx(7.0)
    assert row["table"] == "pedoman"
    [w] = [i for i in ped.issues if i.sheet == "Kelembagaan"]
    assert (w.severity, w.row, w.column) == ("warning", 7, "No")
    assert "hanya memuat 5 butir Teknologi Informasi; jawaban No 6 tidak dihitung" in w.message
    assert "Tabel butir Lampiran II" in w.message


def test_an_item_no_table_has_is_still_an_error():
    rows = [{"subdimension": "Teknologi Informasi", "item": 7, "answer": 3}]
    wb = read_workbook(opd_bytes(**{"Kelembagaan": rows}), "uji.xlsx")
    assert [e.message for e in wb.errors] == [
        "Subdimensi Teknologi Informasi hanya punya 6 butir; No 7 tidak ada."]


@pytest.mark.parametrize(("total", "rank"), [
    (80.625, "P-5"), (80.0, "P-4"), (60.0, "P-3"), (60.01, "P-4"), (40.0, "P-2"), (20.0, "P-1"),
    (20.5, "P-2"),
])
def test_a_total_between_whole_number_bands_ranks_by_its_unrounded_value(total, rank):
    assert rank_of(total)[0] == rank


@pytest.mark.parametrize(("mean", "above", "whole"), [
    (19.0, "Sangat Rendah", "Sangat Rendah"), (19.01, "Rendah", "Sangat Rendah"),
    (19.49, "Rendah", "Sangat Rendah"), (19.5, "Rendah", "Rendah"), (28.0, "Rendah", "Rendah"),
    (28.4, "Sedang", "Rendah"), (28.5, "Sedang", "Sedang"), (37.0, "Sedang", "Sedang"),
    (40.07, "Tinggi", "Tinggi"), (46.0, "Tinggi", "Tinggi"), (46.5, "Sangat Tinggi",
                                                              "Sangat Tinggi"),
])
def test_maturity_edge_rules_on_a_fractional_mean(mean, above, whole):
    assert maturity_category(mean, Settings()) == above
    assert maturity_category(mean, Settings(maturity_edges="bulat")) == whole


def test_presets_command_lists_every_table_with_its_source(capsys):
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    for p in PRESETS:
        assert p.id in out and p.source in out
    assert "bkn-2011           BKN 2011: 1.200 jam/tahun = 72.000 menit; Minggu ×48, Hari ×240" in out
    assert "surabaya           Kota Surabaya: 1.716,7 jam/tahun = 103.000 menit" in out
    assert "depkeu             Pita PJ kementerian (Depkeu): A > 1,00; B 0,81–1,00; C 0,66–0,80; " \
           "D 0,50–0,65; E < 0,50" in out
    assert "Minimal satu orang bila ada beban" in out and "Total 80,625 → P-5" in out
    assert out.count("Sumber:") == len(PRESETS) + 2 + 4 + 2 + 2
    assert main(["presets", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["id"] for p in data["presets"]] == [p.id for p in PRESETS]
    assert data["kelembagaan_items"][1]["items"]["Kompleksitas"] == 15


def test_report_json_adds_kelembagaan_sakip_and_named_settings(tmp_path, capsys):
    path = tmp_path / "uji.xlsx"
    path.write_bytes(opd_bytes(**{"Kelembagaan": TI}))  # builders' SAKIP 72,5 -> BB (> 70)
    assert main(["report", str(path), "--kelembagaan-items", "lampiran-ii", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    opd = out["opd"][0]
    assert list(opd)[:13] == ["file", "name", "workload_hours", "need_raw", "need", "existing",
                              "surplus", "shortage", "eu", "pu", "maturity_total",
                              "maturity_category", "maturity_stage"]
    # only TI answered: total = 7.0833 -> P-1 (not above 20)
    assert opd["kelembagaan_total"] == pytest.approx(10 * 17 / 24)
    assert (opd["kelembagaan_rank"], opd["sakip"], opd["sakip_grade"]) == ("P-1", 72.5, "BB")
    s = out["settings"]
    assert list(s)[:7] == ["preset", "wke_hours", "wke_minutes", "rounding", "period_factors",
                           "balanced_ej", "micro_unit_staff"]
    assert (s["preset"], s["pj_bands"], s["rounding"], s["kelembagaan_table"]) == (
        "PermenPANRB 1/2020", "permendagri", "half_up", "lampiran-ii")
    assert s["kelembagaan_table_name"] == "Tabel butir Lampiran II (63 butir)"
    assert Settings.from_dict(s) == Settings(kelembagaan_table="lampiran-ii")


def test_opd_without_kelembagaan_or_sakip_has_nulls(tmp_path, capsys):
    path = tmp_path / "uji.xlsx"
    path.write_bytes(opd_bytes({"sakip": None}))
    assert main(["report", str(path), "--json"]) == 0
    opd = json.loads(capsys.readouterr().out)["opd"][0]
    assert (opd["kelembagaan_total"], opd["kelembagaan_rank"], opd["sakip"],
            opd["sakip_grade"]) == (None, None, None, None)


# --- a questionnaire file (formats.md §6) following either item table ------------------------

LAMPIRAN_II = (("Kompleksitas", "Struktur", 15), ("Formalisasi", "Struktur", 7),
               ("Sentralisasi", "Struktur", 11), ("Keselarasan", "Proses", 8),
               ("Tata Kelola", "Proses", 7), ("Perbaikan Proses", "Proses", 4),
               ("Manajemen Risiko", "Proses", 5), ("Teknologi Informasi", "Proses", 6))


def _questionnaire(monkeypatch, counts):
    from sotk_core.workbook.formats import read_files
    from tests.data import make_formats as mf

    monkeypatch.setattr(mf, "KELEMBAGAAN", counts)
    books, _ = read_files([("anjab.xlsx", mf.anjab_bytes()), ("k.xlsx", mf.kelembagaan_bytes())],
                          Settings())
    [book] = books
    return book


def test_a_lampiran_ii_questionnaire_is_read_whole_and_named(monkeypatch):
    book = _questionnaire(monkeypatch, LAMPIRAN_II)
    assert len(book.kelembagaan) == 63 and book.ok
    got = book.kelembagaan.groupby("subdimension")["item"].max().to_dict()
    assert (got["Kompleksitas"], got["Manajemen Risiko"], got["Teknologi Informasi"]) == (15, 5, 6)
    assert any(t.startswith("Kuesioner kelembagaan: 63 butir, sesuai Tabel butir Lampiran II "
                            "(63 butir) (Kompleksitas 15,") for t in _all_notes(book))


def test_a_questionnaire_past_every_table_is_refused(monkeypatch):
    too_many = tuple((s, d, 16 if s == "Kompleksitas" else n) for s, d, n in LAMPIRAN_II)
    book = _questionnaire(monkeypatch, too_many)
    [e] = [i for i in book.errors if "melebihi tabel butir" in i.message]
    assert "Kompleksitas paling banyak 15" in e.message and "Kompleksitas 16 butir" in e.message
    assert book.kelembagaan.groupby("subdimension")["item"].max()["Kompleksitas"] == 15


def _all_notes(book) -> list[str]:
    from sotk_core.workbook.formats import source_notes

    return [n.text for n in source_notes(book)]


def test_an_eabk_row_with_a_60_minute_wke_is_per_hour(monkeypatch):
    """e-ABK names a row's period by its WKE (300 min a day, ...); 60 min is per working hour.
    Pustakawan JB-006: 'Melayani pengunjung' 2 per hour × 15 min. The row's volume goes to a
    year by 72.000 / 60 = 1.200 (BKN 2011 minutes in a year): 2.400 × 15 min = 600 h."""
    from dataclasses import replace

    from sotk_core.workbook.formats import read_files
    from tests.data import make_formats as mf

    hourly = mf.Task("Melayani pengunjung", "Orang", "Jam", 2, 15)
    jabatan = tuple(replace(j, tasks=(*j.tasks, hourly)) if j.code == "JB-006" else j
                    for j in mf.JABATAN)
    monkeypatch.setattr(mf, "JABATAN", jabatan)
    monkeypatch.setattr(mf, "EABK_WKE", {**mf.EABK_WKE, "Jam": 60})
    [book], _ = read_files([("eabk.xlsx", mf.eabk_bytes())], Settings())
    assert book.ok, book.errors
    t = book.tasks.loc[book.tasks["task"] == "Melayani pengunjung"].iloc[0]
    assert t["volume"] == pytest.approx(2_400) and t["norma"] == 15
    assert t["volume"] * t["norma"] / 60 == pytest.approx(600)
