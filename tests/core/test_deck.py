"""The presentation deck (sotk_core.present.deck, sotk_core.present.charts.deck), checked by hand.

Dinas Uji (tests/builders.py, WKE 1.250 jam): Σ existing 1+1+2+1+1+3+1+0 = 10, Σ need
1+1+1+1+1+2+1+3 = 11; surplus J03 +1, J06 +1 = 2; shortage J08 3 (vacant: 0 staff, need 3).
Σ need_raw = 0.8+0.96+1.2+0.8+0.724+2.4+1.0+2.5 = 10.384 -> EU 10.384 / 10 = 1.0384 -> 1.04, PU A.
Units: Sekretariat (0.96+1.2)/3 = 0.72; Bidang Pelayanan (0.8+0.724+2.4+1.0+2.5)/6 = 1.2373 ->
1.24; Seksi Layanan A (0.724+2.4)/4 = 0.781 -> 0.78; Seksi Layanan B (1.0+2.5)/1 = 3.50.
Maturity: every variable verified 3 -> total 33 (Sedang).
Dinas Dua: the same tasks with staff 2,2,4,2,2,6,2,2 = 22: Sekretariat (0.96+1.2)/6 = 0.36,
Bidang Pelayanan 7.424/12 = 0.6187 -> 0.62.
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.present.charts.deck import ROWS_PER_SLIDE, extreme_units, fit_slide, need_vs_existing
from sotk_core.present.deck import (
    CITY_SLIDES,
    OPD_SLIDES,
    PLANNING_SLIDES,
    SCENARIO_SLIDES,
    build_deck,
    deck_opds,
    opd_start,
    surplus_shortage_text,
)
from sotk_core.scenario import MoveStaff, Scenario
from tests.builders import POSITIONS, opd_bytes

OPD_KEYS = ("kpi", "radar", "eu2", "eu3", "temuan")


@pytest.fixture(scope="module")
def duo():
    """Dinas Uji and Dinas Dua (double staff)."""
    staff = [2, 2, 4, 2, 2, 6, 2, 2]
    dua = [{**p, "existing": n} for p, n in zip(POSITIONS, staff, strict=True)]
    books = [read_workbook(opd_bytes(), "uji.xlsx"),
             read_workbook(opd_bytes({"name": "Dinas Dua", "abbr": "DD"}, Jabatan=dua), "dua.xlsx")]
    return evaluate(build_city(books, "Kota Uji"), Settings())


def test_sample_deck_size(sample_eval):
    # 18 OPDs, more than ROWS_PER_SLIDE = 15: the ranking and heat map (17 OPDs with
    # maturity: 9 + 8 rows), EU and staff slides (18 OPDs: 9 + 9) take two slides each, so
    # the city part is 9 + 4 = 13 slides; + 5 slides per OPD = 13 + 90 = 103; + the 6
    # planning slides at the end = 109
    deck = build_deck(sample_eval)
    assert len(sample_eval.city.opd_names) == 18
    assert len(deck) == CITY_SLIDES + 4 + OPD_SLIDES * 18 + PLANNING_SLIDES == 109
    assert [s.key for s in deck[:CITY_SLIDES + 4]] == [
        "kota.judul", "kota.kpi", "kota.peringkat.0", "kota.peringkat.1", "kota.peta.0",
        "kota.peta.1", "kota.eu.0", "kota.eu.1", "kota.kebutuhan.0", "kota.kebutuhan.1",
        "kota.ekstrem", "kota.ej", "kota.temuan"]
    # the planning section: the plane and its words, one like-unit group and its outliers,
    # the formasi bars (17 OPD lack staff, more than ROWS_PER_SLIDE = 15: the 15 largest on
    # one slide, never split) and the city KPIs: 2 + 2 + 1 + 1 = 6 slides, 103 + 6 = 109
    assert [(s.key, s.kind) for s in deck[103:]] == [
        ("rencana.kuadran", "grafik"), ("rencana.kuadran_teks", "teks"),
        ("rencana.sejenis", "grafik"), ("rencana.pencilan", "teks"),
        ("rencana.formasi", "grafik"), ("rencana.formasi_kpi", "kpi")]
    assert deck[107].title == "Kebutuhan formasi per OPD, 2026–2030 (15 terbesar dari 17)"
    assert deck_opds(deck) == list(sample_eval.city.opd_names)
    assert len({s.key for s in deck}) == len(deck)


def test_sections_follow_the_chosen_order(duo):
    deck = build_deck(duo, ["Dinas Dua", "Tidak Ada", "Dinas Uji", "Dinas Dua"])
    # unknown names skipped, duplicates once: 9 + 2 × 5 + 6 planning slides
    assert len(deck) == CITY_SLIDES + 2 * OPD_SLIDES + PLANNING_SLIDES
    assert deck_opds(deck) == ["Dinas Dua", "Dinas Uji"]
    assert opd_start(deck, "Dinas Dua") == CITY_SLIDES
    assert opd_start(deck, "Dinas Uji") == CITY_SLIDES + OPD_SLIDES
    section = deck[CITY_SLIDES + OPD_SLIDES: CITY_SLIDES + 2 * OPD_SLIDES]
    assert [s.key for s in section] == [f"opd.Dinas Uji.{k}" for k in OPD_KEYS]
    assert {s.section for s in section} == {"opd"} and {s.opd for s in section} == {"Dinas Uji"}
    city_only = build_deck(duo, [])
    assert len(city_only) == CITY_SLIDES + PLANNING_SLIDES
    assert opd_start(city_only, "Dinas Uji") is None


def test_city_kpis_by_hand(uji_eval):
    kpi = {label: (value, sub) for label, value, sub in build_deck(uji_eval)[1].kpis}
    assert kpi["Pegawai ada"] == ("10 orang", "kebutuhan 11 orang")
    assert kpi["Kelebihan / kekurangan"][0] == "+2 / −3"
    assert kpi["EU kota"] == ("1,04", "PU A (Sangat Baik)")
    assert kpi["Rata-rata kematangan"][0] == "33,00"
    assert kpi["Jabatan kosong"] == ("1", "dari 8 jabatan")


def test_opd_section_by_hand(uji_eval):
    deck = build_deck(uji_eval)
    start = opd_start(deck, "Dinas Uji")
    opener, radar, eu2, eu3, findings = deck[start:start + OPD_SLIDES]
    kpi = {label: value for label, value, _ in opener.kpis}
    assert kpi["EU OPD"] == "1,04" and kpi["Kematangan"] == "33"
    assert radar.kind == "grafik" and radar.title == "Profil kematangan · Dinas Uji"
    bars = {str(y): x for t in eu2.figure.data for y, x in zip(t.y, t.x, strict=True)}
    assert bars == {"Sekretariat": 0.72, "Bidang Pelayanan": 1.24}
    bars = {str(y): x for t in eu3.figure.data for y, x in zip(t.y, t.x, strict=True)}
    assert bars == {"Seksi Layanan A": 0.78, "Seksi Layanan B": 3.5}
    assert findings.kind == "teks" and findings.bullets and findings.text.endswith("rendah")


def test_missing_maturity_gives_a_message_slide(duo):
    city = duo.city
    no_mat = city.with_frames(maturity=city.maturity.iloc[0:0])
    ev = evaluate(no_mat, Settings())
    deck = build_deck(ev, ["Dinas Uji"])
    assert [s.kind for s in deck[2:4]] == ["pesan", "pesan"]  # ranking and heat map
    radar = deck[opd_start(deck, "Dinas Uji") + 1]
    assert radar.kind == "pesan" and "belum diisi" in radar.text
    assert len(deck) == CITY_SLIDES + OPD_SLIDES + PLANNING_SLIDES


def test_scenario_slides_by_hand(uji_eval):
    # move 1 person J06 (3 staff, need 2) -> J08 (0 staff, need 3): surplus 2 -> 1,
    # shortage 3 -> 2, vacant 1 -> 0; staff 10 and EU 1,04 unchanged
    city = uji_eval.city
    scenario = Scenario("Geser analis").add(MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 1),
                                            city)
    deck = build_deck(uji_eval, scenario=scenario)
    assert len(deck) == CITY_SLIDES + SCENARIO_SLIDES + OPD_SLIDES + PLANNING_SLIDES
    part = deck[CITY_SLIDES:CITY_SLIDES + SCENARIO_SLIDES]
    assert {s.section for s in part} == {"simulasi"}
    assert part[0].bullets == tuple(scenario.describe(city))
    kpi = {label: (value, sub) for label, value, sub in part[1].kpis}
    assert kpi["Pegawai ada"] == ("10 → 10", "tetap")
    assert kpi["Kelebihan"] == ("2 → 1", "−1 orang")
    assert kpi["Kekurangan"] == ("3 → 2", "−1 orang")
    assert kpi["EU kota"] == ("1,04 → 1,04", "tetap")
    assert kpi["Jabatan kosong"] == ("1 → 0", "−1 jabatan")
    # the effect where it acts (builders.py): J08 0 -> 1 staff, need_raw 2.5, EJ 2.50;
    # J06 3 -> 2 staff, need_raw 2.4, EJ 0.80 -> 1.20; the receiving position first
    assert part[2].key == "simulasi.jabatan" and part[2].bullets == (
        "Analis Layanan (Seksi Layanan B, Dinas Uji): EJ – → 2,50 · pegawai 0 → 1 (+1) · "
        "butuh 2,50 orang · kurang 3 → kurang 2",
        "Analis Layanan (Seksi Layanan A, Dinas Uji): EJ 0,80 → 1,20 (+0,40) · pegawai 3 → 2 "
        "(−1) · butuh 2,40 orang · lebih 1 → pas")
    # Seksi B: J07 (1 staff, 1.0) + J08: 3.5 / 1 = 3.50 -> 3.5 / 2 = 1.75; Seksi A: J05
    # (0.724) + J06 (2.4) = 3.124 / 4 = 0.78 -> / 3 = 1.04; the bidang (J04 0.8 + both
    # seksi = 7.424 / 6 = 1.24): staff and EU unchanged, only its shortage moves
    assert part[3].key == "simulasi.unit" and part[3].bullets[:2] == (
        "Seksi Layanan B (Dinas Uji): EU 3,50 → 1,75 (−1,75) · pegawai 1 → 2 (+1) · kebutuhan "
        "4 orang · kekurangan 3 → 2 (−1) orang",
        "Seksi Layanan A (Dinas Uji): EU 0,78 → 1,04 (+0,26) · pegawai 4 → 3 (−1) · kebutuhan "
        "3 orang · kekurangan 0 orang")
    assert part[3].bullets[2] == ("Bidang Pelayanan (Dinas Uji): EU 1,24 · pegawai 6 · "
                                  "kebutuhan 8 orang · kekurangan 3 → 2 (−1) orang")
    # need 1+1+1+1+1+2+1+3 = 11
    assert part[4].bullets == ("Dinas Uji: pegawai 10 · kebutuhan 11 · kelebihan 2 → 1 (−1) · "
                               "kekurangan 3 → 2 (−1) orang · EU 1,04",)
    assert part[5].kind == "grafik" and part[5].figure is not None
    # an empty scenario adds nothing
    assert len(build_deck(uji_eval, scenario=Scenario("Kosong"))) == (
        CITY_SLIDES + OPD_SLIDES + PLANNING_SLIDES)


def test_scenario_that_does_not_apply(uji_eval, duo):
    # a scenario made for Dinas Dua's staff (moves 5 of its 6 analysts) is refused on Dinas Uji
    scenario = Scenario("Lain").add(MoveStaff("Dinas Uji", "J06", "Dinas Uji", "J08", 5),
                                    duo.city.with_frames(positions=duo.city.positions.assign(
                                        existing=6.0)))
    deck = build_deck(uji_eval, scenario=scenario)
    part = deck[CITY_SLIDES:CITY_SLIDES + SCENARIO_SLIDES]
    assert [s.kind for s in part] == ["pesan"] * SCENARIO_SLIDES
    assert "tidak dapat diterapkan" in part[0].text


def test_long_city_is_split_over_slides():
    # 16 copies of Dinas Uji: ranking, heat map, EU and staff charts get 2 slides of 8 rows
    books = [read_workbook(opd_bytes({"name": f"Dinas {i:02d}", "abbr": f"D{i:02d}"}),
                           f"d{i}.xlsx") for i in range(16)]
    ev = evaluate(build_city(books, "Kota Besar"), Settings())
    deck = build_deck(ev, [])
    assert len(deck) == CITY_SLIDES + 4 + PLANNING_SLIDES
    eu = [s for s in deck if s.key.startswith("kota.eu.")]
    assert [s.title for s in eu] == ["Efektivitas unit (EU) per OPD (1/2)",
                                     "Efektivitas unit (EU) per OPD (2/2)"]
    for s in deck:
        if s.kind == "grafik" and s.key.split(".")[1] in ("peringkat", "eu", "kebutuhan"):
            rows = {str(y) for t in s.figure.data if t.y is not None for y in t.y}
            assert len(rows) <= ROWS_PER_SLIDE


def test_need_vs_existing_labels(uji_eval):
    fig = need_vs_existing(uji_eval.opds)
    labels = [t for t in fig.data if getattr(t, "mode", None) == "text"][0].text
    assert [s.strip() for s in labels] == ["ada 10 · butuh 11"]


def test_extreme_units(duo):
    # depth 2 (bidang/bagian), n=1: highest DU Bidang Pelayanan 1,24; lowest DD Sekretariat 0,36
    fig = extreme_units(duo.workload.units, duo.opds, duo.settings, n=1)
    got = sorted((x, text) for t in fig.data for x, text in zip(t.x, t.text, strict=True))
    assert got == [(0.36, "0,36 · Sekretariat"), (1.24, "1,24 · Pelayanan")]
    assert list(fig.layout.yaxis.ticktext) == ["DD", "DU"]  # lowest at the bottom


def test_surplus_shortage_text():
    assert surplus_shortage_text(2, 3) == "+2 / −3"
    assert surplus_shortage_text(0, 0) == "0 / 0"
    assert surplus_shortage_text(4, 0) == "+4 / 0"


def test_every_slide_is_readable_from_the_back(sample_eval):
    """Projector type on every chart slide: ticks, data labels and notes >= 18 px."""
    for s in build_deck(sample_eval, sample_eval.city.opd_names[:3]):
        if s.kind != "grafik":
            continue
        fig = fit_slide(s.figure, 650)
        assert fig.layout.height == 650
        for axis in (fig.layout.xaxis, fig.layout.yaxis):
            size = axis.tickfont.size
            assert size >= 18, (s.key, size)
        for trace in fig.data:
            font = getattr(trace, "textfont", None)
            if font is not None and font.size is not None:
                sizes = font.size if isinstance(font.size, tuple) else (font.size,)
                assert min(sizes) >= 18, (s.key, sizes)
        for ann in fig.layout.annotations:
            assert ann.font.size is None or ann.font.size >= 18, (s.key, ann.text)


def test_city_without_computable_opd():
    # the only file is not a workbook: the deck still has its 9 city slides and its 6
    # planning slides, as messages (and the city's formasi figures, all 0)
    ev = evaluate(build_city([read_workbook(b"bukan xlsx", "rusak.xlsx")], "Kosong"), Settings())
    deck = build_deck(ev)
    assert len(deck) == CITY_SLIDES + PLANNING_SLIDES
    assert [s.kind for s in deck] == ["judul", "kpi"] + ["pesan"] * 6 + ["teks"] + [
        "pesan"] * 5 + ["kpi"]


def test_a_slide_draws_each_unit_name_on_one_line():
    """A page chart wraps long names onto two lines (40 px rows); on a slide (about 26 px a
    row) they ran into the next row's name ("Subbagian Monitoring dan / Evaluasi" over
    "Subbagian Pelayanan"). fit_slide gives every row one line: without the kind word (the
    slide title names it), a repeat keeping its " (2)", a name past 30 characters cut at a
    word with "…"."""
    import plotly.graph_objects as go

    names = ["Subbagian Monitoring dan<br>Evaluasi", "Subbagian Pelayanan (2)",
             "Seksi A", "Bidang Perencanaan, Evaluasi dan<br>Pelaporan Keuangan Daerah",
             "Subbagian Perencanaan dan<br>Keuangan (2)"]
    fig = go.Figure(go.Bar(x=[1, 2, 3, 4, 5], y=names, orientation="h"))
    axis = fit_slide(fig, 650).layout.yaxis
    assert list(axis.tickvals) == names  # the rows themselves are unchanged
    assert list(axis.ticktext) == [
        "Monitoring dan Evaluasi",  # 23 characters, kind word gone
        "Pelayanan (2)",
        "Seksi A",  # too short to lose its kind word
        "Perencanaan, Evaluasi dan…",  # cut at a word: 25 + 1 + "Pelaporan" (9) > 30
        "Perencanaan dan Keuangan (2)"]
    assert all("<br>" not in t and len(t) <= 30 for t in axis.ticktext)
    one_line = go.Figure(go.Bar(x=[1], y=["Setda"], orientation="h"))
    assert fit_slide(one_line, 650).layout.yaxis.ticktext is None  # nothing wrapped: as it was
