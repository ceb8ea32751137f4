"""AppTest of every page on the sample city: no exception, no st.error, KPI cards equal to the
core's numbers (formatted as the page does), and charts carrying the expected traces.

Expected values come from sotk_core on the same workbooks (`sample_eval` in tests/conftest.py:
load_paths(sample_data/*.xlsx) + evaluate(Settings())). Where a relation can be checked by
hand (need = hours ÷ WKE, EU = need ÷ staff, histogram buckets adding up to the staff outside
the balanced band) the test checks it too, so a wrong core cannot hide behind itself.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import label
from tests.app.helpers import (
    PAGES,
    array,
    assert_clean,
    bar_values,
    chart,
    clean_label,
    goto,
    metric_texts,
    table_with,
    traces,
)


def axis_label(row: pd.Series) -> str:
    """What a chart shows for an OPD: its abbreviation, else its name (charts._util)."""
    abbr = row.get("abbr")
    return clean_label(abbr if isinstance(abbr, str) and abbr.strip() else row["opd"])


def by_label(opds: pd.DataFrame, column: str, keep: pd.Series | None = None) -> dict[str, float]:
    rows = opds if keep is None else opds.loc[keep]
    return {axis_label(r): float(r[column]) for _, r in rows.iterrows()}


@pytest.mark.parametrize("stem", PAGES)
def test_every_page_renders_on_the_sample_city(app, stem):
    goto(app, stem)
    assert_clean(app)
    assert len(app.title) == 1 and app.title[0].value
    # the sidebar (data source + settings) is on every page but presentasi
    assert app.sidebar.file_uploader, stem
    assert app.selectbox(key="set_preset").value == "PermenPANRB 1/2020"


# ---- Ringkasan ----------------------------------------------------------------------------


def test_ringkasan_kpis(app, sample_eval):
    s = sample_eval.summary
    assert_clean(app)
    assert app.title[0].value == "Ringkasan Kota Contoh (data fiktif)"
    # by hand: need_raw = Σ hours ÷ WKE; EU = need_raw ÷ staff (domain.md §1)
    assert s["need_raw"] == pytest.approx(s["workload_hours"] / 1250)
    assert s["eu"] == pytest.approx(s["need_raw"] / s["existing"])

    value, sub, help_text = metric_texts(app, "Pegawai ada")
    assert value == f"{fmt_num(s['existing'])} orang"  # sample city: "391 orang"
    assert sub == f"kebutuhan {fmt_num(s['need'])} orang"  # "kebutuhan 380 orang"
    assert f"Kebutuhan desimal {fmt_num(s['need_raw'], 2)} orang" in help_text  # 353,51
    assert f"beban kerja {fmt_num(s['workload_hours'])} jam" in help_text  # 441.889 jam
    assert "WKE 1.250 jam" in help_text

    value, _, _ = metric_texts(app, "Lebih / kurang")
    assert value == f"+{fmt_num(s['surplus'])} / −{fmt_num(s['shortage'])}"  # "+23 / −12"

    value, sub, _ = metric_texts(app, "EU kota")
    assert value == fmt_num(s["eu"], 2)  # 353,51 ÷ 391 = 0,904 -> "0,90"
    assert sub == f"PU {s['pu']} ({s['pu_label']})"  # 0,90 is in 0,90–1,00: "PU B (Baik)"

    value, sub, _ = metric_texts(app, "Kematangan kota")
    assert value == fmt_num(s["maturity_mean"], 2)
    assert sub == f"{s['maturity_category']} · {s['maturity_count']} OPD"
    assert any(c.value.startswith(f"{s['opd_count']} OPD dihitung dari {s['files']} file")
               for c in app.caption)


def test_ringkasan_charts(app, sample_eval):
    opds = sample_eval.opds
    # EU per OPD: one bar per OPD (label = abbreviation), value = EU rounded to 2 decimals
    eu = bar_values(chart(app, "ring_eu"))
    assert len(eu) == opds["eu2"].notna().sum() == len(opds)
    assert eu == pytest.approx(by_label(opds, "eu2"))
    assert all(0 < v < 3 for v in eu.values())

    need = chart(app, "ring_need")
    assert bar_values(need, "Kebutuhan (orang)") == by_label(opds, "need")
    assert bar_values(need, "Pegawai ada (orang)") == by_label(opds, "existing")
    assert sum(bar_values(need, "Pegawai ada (orang)").values()) == sample_eval.summary["existing"]

    gap = chart(app, "ring_gap")
    moving = (opds["surplus"] > 0) | (opds["shortage"] > 0)
    assert bar_values(gap, "Kelebihan (orang)") == by_label(opds, "surplus", moving)
    # shortage drawn to the left of zero
    assert bar_values(gap, "Kekurangan (orang)") == {
        k: -v for k, v in by_label(opds, "shortage", moving).items()}

    ranking = bar_values(chart(app, "ring_maturity"))
    has_maturity = opds["maturity_total"].notna()
    assert ranking == by_label(opds, "maturity_total", has_maturity)
    assert len(ranking) == sample_eval.summary["maturity_count"]
    assert all(11 <= v <= 55 for v in ranking.values())  # 11 variables × level 1–5

    frame = table_with(app, "OPD", "Pegawai ada (orang)")
    assert list(frame["OPD"]) == list(opds["opd"])
    assert list(frame["Pegawai ada (orang)"]) == list(opds["existing"])


# ---- Kematangan ---------------------------------------------------------------------------


def test_kematangan_kpis_and_charts(app, sample_eval):
    goto(app, "kematangan")
    assert_clean(app)
    mat, opds = sample_eval.maturity, sample_eval.opds
    assert mat.city_mean == pytest.approx(mat.opd["total"].mean())

    value, sub, _ = metric_texts(app, "Rata-rata kota")
    assert (value, sub) == (fmt_num(mat.city_mean, 2), mat.city_category)
    missing = sorted(set(opds["opd"]) - set(mat.opd["opd"]))
    value, sub, help_text = metric_texts(app, "OPD dinilai")
    assert value == f"{len(mat.opd)} dari {len(opds)}"
    assert sub == f"{len(missing)} tanpa data"
    assert all(name in help_text for name in missing)
    counts = mat.opd["category"].value_counts()
    assert metric_texts(app, "Kategori terbanyak")[:2] == (f"{counts.iloc[0]} OPD",
                                                           counts.index[0])
    assert metric_texts(app, "Tahap terendah")[0] == f"Tingkat {fmt_num(mat.opd['stage'].min())}"

    has_maturity = opds["maturity_total"].notna()
    assert bar_values(chart(app, "mat_rank")) == by_label(opds, "maturity_total", has_maturity)

    # heat map: one row per assessed OPD, one column per variable I–XI, cell = level used
    heat = traces(chart(app, "mat_heat"), "heatmap")[0]
    rows = [clean_label(y) for y in array(heat["y"])]
    cols = [clean_label(x) for x in array(heat["x"])]
    z = array(heat["z"])
    assert len(rows) == len(mat.opd) and len(cols) == 11
    labels = {axis_label(r): r["opd"] for _, r in opds.iterrows()}
    levels = mat.levels.set_index(["opd", "roman"])["level"]
    for i, row in enumerate(rows):
        for j, roman in enumerate(cols):
            assert z[i][j] == levels[(labels[row], roman)], (row, roman)

    # radar of the selected OPD (the first assessed one) against the city mean per variable
    chosen = app.selectbox(key="mat_opd_widget").value
    assert chosen == next(n for n in sample_eval.city.opd_names if n in set(mat.opd["opd"]))
    radar = chart(app, "mat_radar")
    own = traces(radar, name=chosen)[0]
    shown = {clean_label(t).split(" ")[0]: r for t, r in zip(array(own["theta"]),
                                                             array(own["r"]), strict=True)}
    assert shown == levels.loc[chosen].to_dict()
    row = mat.opd.set_index("opd").loc[chosen]
    assert metric_texts(app, "Total")[:2] == (fmt_num(row["total"]), row["category"])
    assert sum(shown.values()) == row["total"]

    kel = opds["kelembagaan_total"].notna()
    assert bar_values(chart(app, "mat_kel")) == pytest.approx(
        by_label(opds, "kelembagaan_total", kel))


# ---- Produktivitas ------------------------------------------------------------------------


def test_produktivitas_kpis_and_charts(app, sample_eval):
    goto(app, "produktivitas")
    assert_clean(app)
    wl = sample_eval.workload
    opd = app.selectbox(key="prod_opd_widget").value
    assert opd == sample_eval.city.opd_names[0]  # no ?opd= and nothing chosen: the first OPD
    assert app.query_params.get("opd") == opd  # the choice is put in the URL to share
    o = sample_eval.opds.set_index("opd").loc[opd]

    value, sub, help_text = metric_texts(app, "Pegawai ada")
    assert (value, sub) == (f"{fmt_num(o['existing'])} orang", f"kebutuhan {fmt_num(o['need'])} orang")
    assert help_text == f"Beban kerja {fmt_num(o['workload_hours'])} jam/tahun"
    assert metric_texts(app, "Lebih / kurang")[0] == (
        f"+{fmt_num(o['surplus'])} / −{fmt_num(o['shortage'])}")
    value, sub, _ = metric_texts(app, "EU OPD")
    assert (value, sub) == (fmt_num(o["eu"], 2), f"PU {o['pu']} ({o['pu_label']})")
    assert o["eu"] == pytest.approx(o["need_raw"] / o["existing"])
    assert metric_texts(app, "Jabatan kosong")[:2] == (fmt_num(o["vacant"]),
                                                       f"dari {fmt_num(o['positions'])} jabatan")

    # EU per bidang/bagian: the depth-2 units of this OPD, each over its whole subtree
    units = wl.units.loc[(wl.units["opd"] == opd) & (wl.units["depth"] == 2)
                         & wl.units["eu2"].notna()]
    expected = {clean_label(n): float(e) for n, e in zip(units["name"], units["eu2"], strict=True)}
    assert bar_values(chart(app, "prod_bidang")) == pytest.approx(expected)

    # need vs staff per position: the bars add up to the OPD's KPI card
    pos = chart(app, "prod_positions")
    assert sum(bar_values(pos, "Kebutuhan (orang)").values()) == o["need"]
    assert sum(bar_values(pos, "Pegawai ada (orang)").values()) == o["existing"]
    assert len(bar_values(pos, "Kebutuhan (orang)")) == (wl.positions["opd"] == opd).sum()

    # largest tasks of the chosen position: hours per task, at most 8
    code = app.selectbox(key="prod_pos_pick").value
    tasks = wl.tasks.loc[(wl.tasks["opd"] == opd) & (wl.tasks["position"] == code)]
    shown = sorted(bar_values(chart(app, "prod_tasks")).values())
    assert shown == pytest.approx(sorted(tasks["hours"].nlargest(8)))

    # position table: every position of the OPD (no bidang chosen), with its EJ
    frame = table_with(app, label("name"), label("ej2"))
    positions = wl.positions.loc[wl.positions["opd"] == opd]
    assert len(frame) == len(positions)
    assert sorted(frame[label("ej2")].dropna()) == pytest.approx(sorted(positions["ej2"].dropna()))


def test_deep_link_selects_the_opd(app, sample_eval):
    """?opd=<name> opens Produktivitas on that OPD (a link shared from another session)."""
    name = "Dinas Kesehatan"
    assert name in sample_eval.city.opd_names
    app.switch_page("pages/produktivitas.py")
    app.query_params["opd"] = name
    app.run()
    assert_clean(app)
    assert app.selectbox(key="prod_opd_widget").value == name
    o = sample_eval.opds.set_index("opd").loc[name]
    assert metric_texts(app, "Pegawai ada")[0] == f"{fmt_num(o['existing'])} orang"
    assert metric_texts(app, "EU OPD")[0] == fmt_num(o["eu"], 2)
    assert chart(app, "prod_bidang")["layout"]["title"]["text"].endswith(name)
    # the choice is shared: Kematangan follows the same OPD
    goto(app, "kematangan")
    assert app.selectbox(key="mat_opd_widget").value == name


def test_unknown_deep_link_falls_back_to_the_first_opd(app, sample_eval):
    app.switch_page("pages/produktivitas.py")
    app.query_params["opd"] = "Dinas Tidak Ada"
    app.run()
    assert_clean(app)
    assert app.selectbox(key="prod_opd_widget").value == sample_eval.city.opd_names[0]


# ---- Keseimbangan -------------------------------------------------------------------------


def test_keseimbangan_kpis_and_charts(app, sample_eval):
    goto(app, "keseimbangan")
    assert_clean(app)
    s = sample_eval.balance.summary
    value, sub, _ = metric_texts(app, "Di luar 0,70–1,00")
    assert value == fmt_pct(s["share_outside"])  # 92 ÷ 391 = 0,235 -> "24 %"
    assert sub == f"{fmt_num(s['staff_outside'])} dari {fmt_num(s['staff'])} orang"
    assert metric_texts(app, "Beban berlebih")[:2] == (
        fmt_num(s["overloaded_positions"]), f"jabatan · {fmt_num(s['overloaded_staff'])} orang")
    assert metric_texts(app, "Beban rendah")[:2] == (
        fmt_num(s["idle_positions"]), f"jabatan · {fmt_num(s['idle_staff'])} orang")

    # staff per EJ bucket: every person counted once; the buckets outside 0,70–1,00 add up to
    # the "Di luar" card, < 0,50 is the "Beban rendah" staff, > 1,00 the "Beban berlebih" staff
    hist = bar_values(chart(app, "bal_hist"))
    assert list(hist) == ["< 0,50", "0,50–0,69", "0,70–0,89", "0,90–1,00", "1,01–1,20", "> 1,20"]
    assert sum(hist.values()) == s["staff"]
    assert hist["< 0,50"] + hist["0,50–0,69"] + hist["1,01–1,20"] + hist["> 1,20"] == (
        s["staff_outside"])
    assert hist["< 0,50"] == s["idle_staff"]
    assert hist["1,01–1,20"] + hist["> 1,20"] == s["overloaded_staff"]

    # hours per head of every staffed bidang/bagian, one point each
    units = sample_eval.workload.units
    staffed = units.loc[(units["depth"] == 2) & (units["existing"] > 0)]
    expected = sorted(staffed["workload_hours"] / staffed["existing"])
    points = sorted(v for t in traces(chart(app, "bal_hours"), "scatter")
                    for v in array(t.get("x")) if v is not None)
    assert points == pytest.approx(expected)

    # imbalance per level: one row per comparison level of the core
    levels = table_with(app, label("level_label"), label("median_gini"))
    assert list(levels[label("level_label")]) == list(sample_eval.balance.levels["level_label"])


# ---- Evaluasi SOTK ------------------------------------------------------------------------


def test_evaluasi_sotk_kpis_and_charts(app, sample_eval):
    goto(app, "evaluasi_sotk")
    assert_clean(app)
    struct, findings = sample_eval.structure, sample_eval.findings
    sev = findings["severity"].value_counts()
    value, sub, _ = metric_texts(app, "Temuan tinggi")
    assert value == fmt_num(sev.get("tinggi", 0))
    assert sub == f"sedang {fmt_num(sev.get('sedang', 0))} · rendah {fmt_num(sev.get('rendah', 0))}"
    assert metric_texts(app, "Lapisan")[0] == (
        f"{fmt_num(struct.opds['layers'].min())}–{fmt_num(struct.opds['layers'].max())}")
    span = struct.span_city.set_index("bucket")
    value, sub, _ = metric_texts(app, "Rentang kendali 2–7")
    # sample city: (89 + 33) ÷ 132 heads = 92,4 % -> "92 %"
    share = (span.loc["2–3", "heads"] + span.loc["4–7", "heads"]) / span["heads"].sum()
    assert value == f"{fmt_num(share * 100)} %"
    assert sub == f"dari {fmt_num(span['heads'].sum())} kepala unit"
    assert metric_texts(app, "Melebihi batas")[0] == fmt_num(int(struct.size_checks["over"].sum()))

    # heads per span bucket, 0 / 1 / 2–3 / 4–7 / 8–12 / 13+
    bars = bar_values(chart(app, "sotk_span"))
    assert bars == {str(b): float(h) for b, h in zip(struct.span_city["bucket"],
                                                      struct.span_city["heads"], strict=True)}

    # default filter: tinggi + sedang, every basis
    shown = findings["severity"].isin(["tinggi", "sedang"]).sum()
    assert any(c.value == f"{fmt_num(shown)} dari {fmt_num(len(findings))} temuan"
               for c in app.caption)
    lines = finding_lines(app)
    assert len(lines) == shown
    assert {line.split("**")[1] for line in lines} <= {"Tinggi", "Sedang"}


def finding_lines(app) -> list[str]:
    """The findings list: one markdown line per finding, "<icon> **Tingkat** · *Dasar* — …"."""
    return [m.value for m in app.markdown if re.search(r"\*\*(Tinggi|Sedang|Rendah)\*\* · \*", m.value)]


def test_evaluasi_sotk_filter_by_opd(app, sample_eval):
    goto(app, "evaluasi_sotk")
    findings = sample_eval.findings
    name = findings["opd"].value_counts().index[0]  # the OPD with the most findings
    app.selectbox(key="sotk_f_opd").set_value(name).run()
    assert_clean(app)
    own = findings.loc[(findings["opd"] == name) & findings["severity"].isin(["tinggi", "sedang"])]
    assert len(finding_lines(app)) == len(own)


# ---- Data ---------------------------------------------------------------------------------


def test_data_page_lists_every_sample_file(app, sample_eval, sample_paths):
    goto(app, "data")
    assert_clean(app)
    city = sample_eval.city
    status = table_with(app, "File", "Status")
    assert list(status["File"]) == [p.name for p in sample_paths]
    assert set(status["Status"]) == {"Dihitung"}
    assert status["Galat"].sum() == 0
    # positions and tasks per file, as read by the core
    assert list(status["Jabatan"]) == [len(wb.positions) for wb in city.workbooks]
    assert list(status["Tugas"]) == [len(wb.tasks) for wb in city.workbooks]
    assert status["Tugas"].sum() == sample_eval.summary["task_count"]
    # the issue panel: one expander per file, closed when the file has no error
    labels = [e.label for e in app.expander]
    for p in sample_paths:
        assert sum(p.name in lab for lab in labels) == 1, p.name
    keys = {b.key for b in app.get("download_button")}
    assert {"dl_results", "dl_template_page"} <= keys
    # raw tables: one row per position of the city in the "Jabatan" tab
    assert len(sample_eval.workload.positions) in {len(d.value) for d in app.dataframe}
