"""AppTest of every page on the sample city: no exception, no st.error, and the KPI cards,
charts and tables show the figures a person re-derives from the sample tables.

Expected values come from tests/sample_figures.py, which recomputes the sample city from
sample_data/kota_contoh/*.csv with exact decimals and the rules of domain.md, without
sotk_core: Σ Pegawai, need = hours ÷ 1,250 rounded half up per position, surplus and shortage
summed per position, EU = Σ need_raw ÷ Σ Pegawai, EJ bands, maturity totals. Numbers are
written the way the page writes them (`idn`: 1.234,5). A wrong core therefore cannot agree
with itself here; the sample city's figures as they stand are in the comments.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from sotk_core.base.labels import label
from sotk_core.present.charts import balance
from tests.app.helpers import (
    PAGES,
    array,
    assert_clean,
    bar_values,
    chart,
    clean_label,
    finding_lines,
    goto,
    metric_texts,
    table_with,
    traces,
)
from tests.sample_figures import ROMAN, grade, idn, maturity_category, sample_city


@pytest.fixture(scope="module")
def figures():
    return sample_city()


def per_opd(figures, value, keep=lambda g: True) -> dict[str, float]:
    """{chart label (the OPD's Singkatan): value} over the OPDs."""
    return {figures.abbr[name]: float(value(g)) for name, g in figures.opds.items() if keep(g)}


@pytest.mark.parametrize("stem", PAGES)
def test_every_page_renders_on_the_sample_city(app, stem):
    goto(app, stem)
    assert_clean(app)
    assert len(app.title) == 1 and app.title[0].value
    # the sidebar (data source + settings) is on every page but presentasi
    assert app.sidebar.file_uploader, stem
    assert app.selectbox(key="set_preset").value == "PermenPANRB 1/2020"


# ---- Ringkasan ----------------------------------------------------------------------------


def test_ringkasan_kpis(app, figures):
    c = figures.city
    assert_clean(app)
    assert app.title[0].value == "Ringkasan Kota Contoh (data fiktif)"

    value, sub, help_text = metric_texts(app, "Pegawai ada")
    assert value == f"{idn(c.existing)} orang"  # Σ Pegawai: "479 orang"
    assert sub == f"kebutuhan {idn(c.need)} orang"  # Σ need per position: "kebutuhan 473 orang"
    assert f"Kebutuhan desimal {idn(c.need_raw, 2)} orang" in help_text  # 445,31
    assert f"beban kerja {idn(c.hours)} jam" in help_text  # 556.639 jam
    assert "WKE 1.250 jam" in help_text

    value, _, _ = metric_texts(app, "Lebih / kurang")
    assert value == f"+{idn(c.surplus)} / −{idn(c.shortage)}"  # "+25 / −19", never netted

    value, sub, _ = metric_texts(app, "EU kota")
    assert value == idn(c.eu, 2)  # 445,31 ÷ 479 = 0,930 -> "0,93"
    letter, word = grade(c.eu2)
    assert sub == f"PU {letter} ({word})"  # 0,93 is in 0,90–1,00: "PU B (Baik)"

    value, sub, _ = metric_texts(app, "Kematangan kota")
    mean = figures.maturity_mean  # 666 ÷ 17 = 39,18
    assert value == idn(mean, 2)
    assert sub == f"{maturity_category(mean)} · {len(figures.maturity)} OPD"  # "Tinggi · 17 OPD"
    assert any(c.value.startswith(f"{len(figures.opds)} OPD dihitung dari {len(figures.opds)} file")
               for c in app.caption)


def test_ringkasan_charts(app, figures):
    # EU per OPD: one bar per OPD (label = Singkatan), value = EU rounded half up to 2 decimals
    assert bar_values(chart(app, "ring_eu")) == pytest.approx(per_opd(figures, lambda g: g.eu2))

    need = chart(app, "ring_need")
    assert bar_values(need, label("need")) == per_opd(figures, lambda g: g.need)
    assert bar_values(need, label("existing")) == per_opd(figures, lambda g: g.existing)

    gap = chart(app, "ring_gap")
    moving = lambda g: g.surplus > 0 or g.shortage > 0  # noqa: E731
    assert bar_values(gap, label("surplus")) == per_opd(figures, lambda g: g.surplus, moving)
    # shortage drawn to the left of zero
    assert bar_values(gap, label("shortage")) == per_opd(figures, lambda g: -g.shortage, moving)

    assert bar_values(chart(app, "ring_maturity")) == {
        figures.abbr[opd]: float(total) for opd, total in figures.maturity.items()}

    frame = table_with(app, "OPD", label("existing"))
    assert list(frame["OPD"]) == list(figures.opds)
    assert list(frame[label("existing")]) == [g.existing for g in figures.opds.values()]


# ---- Kematangan ---------------------------------------------------------------------------


def test_kematangan_kpis_and_charts(app, figures):
    goto(app, "kematangan")
    assert_clean(app)
    totals = figures.maturity
    mean = figures.maturity_mean
    value, sub, _ = metric_texts(app, "Rata-rata kota")
    assert (value, sub) == (idn(mean, 2), maturity_category(mean))  # "39,18", "Tinggi"
    missing = [n for n in figures.opds if n not in totals]  # Kecamatan Sukamaju
    value, sub, help_text = metric_texts(app, "OPD dinilai")
    assert value == f"{len(totals)} dari {len(figures.opds)}"
    assert sub == f"{len(missing)} tanpa data"
    assert all(name in help_text for name in missing)
    categories = [maturity_category(t) for t in totals.values()]
    most = max(categories.count(c) for c in categories)  # Tinggi: 8 OPD (ties would show either)
    value, sub, _ = metric_texts(app, "Kategori terbanyak")
    assert value == f"{most} OPD" and categories.count(sub) == most
    lowest = min(level for (opd, _), level in figures.levels.items())
    assert metric_texts(app, "Tahap terendah")[0] == f"Tingkat {lowest}"

    assert bar_values(chart(app, "mat_rank")) == {figures.abbr[o]: float(t)
                                                  for o, t in totals.items()}

    # heat map: one row per assessed OPD, one column per variable I–XI, cell = level used
    heat = traces(chart(app, "mat_heat"), "heatmap")[0]
    rows = [clean_label(y) for y in array(heat["y"])]
    cols = [clean_label(x) for x in array(heat["x"])]
    z = array(heat["z"])
    assert len(rows) == len(totals) and cols == list(ROMAN)
    name_of = {figures.abbr[o]: o for o in figures.opds}
    for i, row in enumerate(rows):
        for j in range(11):
            assert z[i][j] == figures.levels[(name_of[row], j + 1)], (row, ROMAN[j])

    # radar of the selected OPD (the first assessed one): its level per variable
    chosen = app.selectbox(key="mat_opd_widget").value
    assert chosen == next(n for n in figures.opds if n in totals)
    own = traces(chart(app, "mat_radar"), name=chosen)[0]
    shown = {clean_label(t).split(" ")[0]: r for t, r in zip(array(own["theta"]),
                                                             array(own["r"]), strict=True)}
    assert shown == {ROMAN[v - 1]: level for (o, v), level in figures.levels.items()
                     if o == chosen}
    assert metric_texts(app, "Total")[:2] == (idn(totals[chosen]),
                                              maturity_category(totals[chosen]))

    # kelembagaan: weight × Σv ÷ (4 n) per sub-dimension, negative items reversed
    assert bar_values(chart(app, "mat_kel")) == pytest.approx(
        {figures.abbr[o]: float(t) for o, t in figures.kelembagaan.items()})


# ---- Produktivitas ------------------------------------------------------------------------


def test_produktivitas_kpis_and_charts(app, figures):
    goto(app, "produktivitas")
    assert_clean(app)
    opd = app.selectbox(key="prod_opd_widget").value
    assert opd == next(iter(figures.opds))  # no ?opd= and nothing chosen: the first OPD
    assert app.query_params.get("opd") == opd  # the choice is put in the URL to share
    o = figures.opds[opd]

    value, sub, help_text = metric_texts(app, "Pegawai ada")
    assert (value, sub) == (f"{idn(o.existing)} orang", f"kebutuhan {idn(o.need)} orang")
    assert help_text == f"Beban kerja {idn(o.hours)} jam/tahun"
    assert metric_texts(app, "Lebih / kurang")[0] == f"+{idn(o.surplus)} / −{idn(o.shortage)}"
    letter, word = grade(o.eu2)
    assert metric_texts(app, "EU OPD")[:2] == (idn(o.eu, 2), f"PU {letter} ({word})")
    assert metric_texts(app, "Jabatan kosong")[:2] == (idn(o.vacant),
                                                       f"dari {len(o.positions)} jabatan")

    # EU per bidang/bagian: the depth-2 units of this OPD, each over its whole subtree
    bidang = figures.depth_units(opd, 2)
    assert bar_values(chart(app, "prod_bidang")) == pytest.approx(
        {clean_label(g.name): float(g.eu2) for g in bidang.values() if g.eu2 is not None})

    # need vs staff per position: one bar each, adding up to the OPD's KPI card
    pos = chart(app, "prod_positions")
    assert sorted(bar_values(pos, label("need")).values()) == sorted(p.need for p in o.positions)
    assert sum(bar_values(pos, label("existing")).values()) == o.existing

    # largest tasks of the chosen position: hours per task, at most 8
    code = app.selectbox(key="prod_pos_pick").value
    (position,) = [p for p in o.positions if p.code == code]
    shown = sorted(bar_values(chart(app, "prod_tasks")).values())
    assert shown == pytest.approx(sorted(float(h) for h in position.task_hours)[-8:])

    # position table: every position of the OPD (no bidang chosen), with its EJ
    frame = table_with(app, label("name"), label("ej2"))
    assert len(frame) == len(o.positions)
    assert sorted(frame[label("ej2")].dropna()) == pytest.approx(
        sorted(float(p.ej2) for p in o.positions if p.ej2 is not None))


def test_deep_link_selects_the_opd(app, figures):
    """?opd=<name> opens Produktivitas on that OPD (a link shared from another session)."""
    name = "Dinas Kesehatan"
    o = figures.opds[name]
    app.switch_page("pages/produktivitas.py")
    app.query_params["opd"] = name
    app.run()
    assert_clean(app)
    assert app.selectbox(key="prod_opd_widget").value == name
    assert metric_texts(app, "Pegawai ada")[0] == f"{idn(o.existing)} orang"
    assert metric_texts(app, "EU OPD")[0] == idn(o.eu, 2)
    assert chart(app, "prod_bidang")["layout"]["title"]["text"].endswith(name)
    # the choice is shared: Kematangan follows the same OPD
    goto(app, "kematangan")
    assert app.selectbox(key="mat_opd_widget").value == name


def test_unknown_deep_link_falls_back_to_the_first_opd(app, figures):
    app.switch_page("pages/produktivitas.py")
    app.query_params["opd"] = "Dinas Tidak Ada"
    app.run()
    assert_clean(app)
    assert app.selectbox(key="prod_opd_widget").value == next(iter(figures.opds))


# ---- Keseimbangan -------------------------------------------------------------------------

LOW, HIGH = Decimal("0.70"), Decimal("1.00")


def test_keseimbangan_kpis_and_charts(app, figures, monkeypatch):
    monkeypatch.setattr(balance, "HOURS_ROWS", 18)  # every OPD drawn (test_balance_many_opd)
    goto(app, "keseimbangan")
    assert_clean(app)
    staff = figures.city.existing
    outside = figures.ej2_staff(lambda e: e < LOW or e > HIGH)  # 127 people
    value, sub, _ = metric_texts(app, "Di luar 0,70–1,00")
    assert value == f"{idn(Decimal(outside) * 100 / staff)} %"  # 127 ÷ 479 = 26,5 % -> "27 %"
    assert sub == f"{idn(outside)} dari {idn(staff)} orang"
    over = (figures.ej2_count(lambda e: e > 1), figures.ej2_staff(lambda e: e > 1))
    idle = (figures.ej2_count(lambda e: e < Decimal("0.5")),
            figures.ej2_staff(lambda e: e < Decimal("0.5")))
    assert metric_texts(app, "Beban berlebih")[:2] == (idn(over[0]), f"jabatan · {idn(over[1])} orang")
    assert metric_texts(app, "Beban rendah")[:2] == (idn(idle[0]), f"jabatan · {idn(idle[1])} orang")

    # staff per EJ bucket (EJ rounded half up to 2 decimals); vacant positions add no one
    hist = bar_values(chart(app, "bal_hist"))
    edges = {"< 0,50": (None, "0.50"), "0,50–0,69": ("0.50", "0.70"),
             "0,70–0,89": ("0.70", "0.90"), "0,90–1,00": ("0.90", "1.01"),
             "1,01–1,20": ("1.01", "1.21"), "> 1,20": ("1.21", None)}
    assert list(hist) == list(edges)
    for bucket, (lo, hi) in edges.items():
        assert hist[bucket] == figures.ej2_staff(
            lambda e, lo=lo, hi=hi: (lo is None or e >= Decimal(lo))
            and (hi is None or e < Decimal(hi))), bucket
    assert sum(hist.values()) == staff

    # hours per head of every staffed bidang/bagian, one point each
    expected = sorted(float(g.hours / g.existing) for opd in figures.opds
                      for g in figures.depth_units(opd, 2).values() if g.existing)
    points = sorted(v for t in traces(chart(app, "bal_hours"), "scatter")
                    for v in array(t.get("x")) if v is not None)
    assert points == pytest.approx(expected)

    # imbalance per level: one row per comparison level
    levels = table_with(app, label("level_label"), label("median_gini"))
    assert list(levels[label("level_label")]) == [
        "Seksi/subbagian dalam bidang", "Bidang/bagian dalam OPD", "OPD dalam kota"]


# ---- Evaluasi SOTK ------------------------------------------------------------------------


def test_evaluasi_sotk_kpis_and_charts(app, figures):
    goto(app, "evaluasi_sotk")
    assert_clean(app)
    lines = finding_lines(app)  # default filter: tinggi + sedang, every basis
    count = {s: sum(f"**{s}**" in line for line in lines) for s in ("Tinggi", "Sedang")}
    value, sub, _ = metric_texts(app, "Temuan tinggi")
    assert value == idn(count["Tinggi"]) and sub.startswith(f"sedang {idn(count['Sedang'])} · ")
    assert any(c.value.startswith(f"{idn(len(lines))} dari ") and c.value.endswith(" temuan")
               for c in app.caption)
    assert {line.split("**")[1] for line in lines} <= {"Tinggi", "Sedang"}
    # the findings a person can count in the tables: units with EU (2 decimals) above 1,00 and
    # below 0,50 (sample city: 27 and 3), and vacant positions with work (6)
    eu2 = [g.eu2 for g in figures.units.values() if g.eu2 is not None]
    assert sum("di atas 1,00" in line for line in lines) == sum(e > 1 for e in eu2)
    assert sum("di bawah 0,50" in line for line in lines) == sum(e < Decimal("0.5") for e in eu2)
    assert sum("kosong: 0 pegawai" in line for line in lines) == figures.city.vacant

    layers = [max(d for (o, _), d in figures.unit_depth.items() if o == opd)
              for opd in figures.opds]
    assert metric_texts(app, "Lapisan")[0] == f"{min(layers)}–{max(layers)}"
    # every headed unit is counted once in the span buckets 0 / 1 / 2–3 / 4–7 / 8–12 / 13+
    bars = bar_values(chart(app, "sotk_span"))
    assert list(bars) == ["0", "1", "2–3", "4–7", "8–12", "13+"]
    assert sum(bars.values()) == figures.heads  # 162 heads
    value, sub, _ = metric_texts(app, "Rentang kendali 2–7")
    share = Decimal(int(bars["2–3"] + bars["4–7"])) * 100 / figures.heads  # heads with 2–7 direct reports ÷ 162
    assert (value, sub) == (f"{idn(share)} %", f"dari {idn(figures.heads)} kepala unit")


def test_evaluasi_sotk_filter_by_opd(app, figures):
    goto(app, "evaluasi_sotk")
    everything = finding_lines(app)
    name = "Dinas Kesehatan"
    app.selectbox(key="sotk_f_opd").set_value(name).run()
    assert_clean(app)
    lines = finding_lines(app)
    assert 0 < len(lines) < len(everything)
    assert all(name in line for line in lines)  # every message names its OPD
    eu2 = [g.eu2 for (o, _), g in figures.units.items() if o == name and g.eu2 is not None]
    assert sum("di atas 1,00" in line for line in lines) == sum(e > 1 for e in eu2)


# ---- Data ---------------------------------------------------------------------------------


def test_data_page_lists_every_sample_file(app, figures, sample_paths):
    goto(app, "data")
    assert_clean(app)
    status = table_with(app, "File", "Status")
    assert list(status["File"]) == [p.name for p in sample_paths]
    assert set(status["Status"]) == {"Dihitung"}
    assert status["Galat"].sum() == 0
    # positions and tasks per file: the rows of jabatan.csv and beban_kerja.csv per Berkas
    per_file = {f: sum(1 for p in figures.positions if p.file == f) for f in status["File"]}
    assert list(status["Jabatan"]) == list(per_file.values())
    assert list(status["Tugas"]) == [figures.tasks_per_file[f] for f in status["File"]]
    # the issue panel: one expander per file, closed when the file has no error
    labels = [e.label for e in app.expander]
    for p in sample_paths:
        assert sum(p.name in lab for lab in labels) == 1, p.name
    keys = {b.key for b in app.get("download_button")}
    assert {"dl_results", "dl_template_page"} <= keys
    # raw tables: one row per position of the city in the "Jabatan" tab (only the open tab's
    # table is built)
    app.session_state["raw_tabs"] = "Jabatan"
    app.run()
    assert len(figures.positions) in {len(d.value) for d in app.dataframe}
