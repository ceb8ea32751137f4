"""Figure builders (sotk_core.present.charts), checked on the figure JSON against hand computations.

City of two OPDs built from tests/builders.py (WKE 1,250 h):

Dinas Uji (DU), as in builders.py: Σ need_raw = 0.8 + 0.96 + 1.2 + 0.8 + 0.724 + 2.4 + 1.0 + 2.5
  = 10.384, Σ existing = 1+1+2+1+1+3+1+0 = 10 -> EU 1.0384 -> 1.04 -> PU A (beban berlebih).
  Σ need = 1+1+1+1+1+2+1+3 = 11; surplus J03 +1, J06 +1 = 2; shortage J08 3.
  Sekretariat EU (0.96 + 1.2) / 3 = 0.72 C; Bidang Pelayanan (0.8+0.724+2.4+1.0+2.5) / 6
  = 7.424 / 6 = 1.2373 -> 1.24 A. Seksi A (0.724+2.4)/4 = 0.781 -> 0.78 C; Seksi B 3.5/1 A.
  Maturity: every variable verified 3 (self 4): total 33 (Sedang), self 44, gap +11.
  Kelembagaan: every item scored v = 4 -> each sub-dimension = its weight -> 100 -> P-5.
Dinas Dua (DD): same tasks, staff 2,2,4,2,2,6,2,2 = 22 -> EU 10.384 / 22 = 0.472 -> 0.47 -> E.
  Need 11, existing 22; surplus per position 1,1,3,1,1,4,1,0 = 12 (J08 need 3, has 2 -> short 1).
  Maturity: self 2 everywhere, no verification -> total 22 (Rendah).
  Kelembagaan: every v = 1 -> each sub-dimension = weight / 4 -> 25 -> P-2 (> 20).
City maturity mean (33 + 22) / 2 = 27.5 -> Rendah.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.kelembagaan import SUBDIMENSIONS
from sotk_core.present import charts
from sotk_core.present.charts import theme
from tests.builders import MATURITY, POSITIONS, opd_bytes

SNAPSHOTS = Path(__file__).parent / "snapshots"
VERMILLION, BLUE, GREEN = "#D55E00", "#0072B2", "#009E73"


def _kelembagaan(v: int) -> list[dict]:
    """Answers giving score v on every item (negative items are reversed: v = 5 - answer)."""
    return [{"subdimension": s.name, "item": i, "answer": 5 - v if i in s.negative else v}
            for s in SUBDIMENSIONS for i in range(1, s.items + 1)]


@pytest.fixture(scope="module")
def ev():
    staff = [2, 2, 4, 2, 2, 6, 2, 2]
    dua_positions = [{**p, "existing": n} for p, n in zip(POSITIONS, staff, strict=True)]
    dua_maturity = [{**m, "self_level": 2, "verified_level": None} for m in MATURITY]
    books = [
        read_workbook(opd_bytes(Kelembagaan=_kelembagaan(4)), "uji.xlsx"),
        read_workbook(opd_bytes({"name": "Dinas Dua", "abbr": "DD"}, Jabatan=dua_positions,
                                Kematangan=dua_maturity, Kelembagaan=_kelembagaan(1)),
                      "dua.xlsx"),
    ]
    assert all(b.ok for b in books), [i.message for b in books for i in b.issues]
    return evaluate(build_city(books, "Kota Uji"), Settings())


def _bars(fig: go.Figure) -> list[go.Bar]:
    return [t for t in fig.data if t.type == "bar"]


def _colors(fig: go.Figure) -> set[str]:
    out: set[str] = set()
    for t in fig.data:
        c = getattr(t.marker, "color", None) if "marker" in t else None
        if isinstance(c, str):
            out.add(c)
        elif c is not None:
            out.update(str(x) for x in c)
        if t.type == "treemap":
            out.update(t.marker.colors)
    return out


def _subtitle(fig: go.Figure) -> str:
    return fig.layout.title.subtitle.text.replace("<br>", " ")


def _point(fig: go.Figure, label: str) -> tuple[float, str, str]:
    """(x, text, colour) of the bar labelled `label` on a horizontal bar chart."""
    for t in _bars(fig):
        ys = list(t.y)
        if label in ys:
            i = ys.index(label)
            color = t.marker.color if isinstance(t.marker.color, str) else t.marker.color[i]
            return float(t.x[i]), t.text[i], color
    raise AssertionError(f"{label} not in figure")


# ---- template ---------------------------------------------------------------------------


def test_template_registered_with_projector_sizes():
    tpl = pio.templates["sotk"]
    assert tpl.layout.font.family == "DejaVu Sans, Arial, sans-serif"
    assert tpl.layout.font.size == 18 and tpl.layout.font.color == "#1a1a1a"
    assert tpl.layout.title.font.size == 24
    assert tpl.layout.xaxis.title.font.size == 20 and tpl.layout.xaxis.tickfont.size == 18
    assert tpl.layout.hoverlabel.font.size == 16
    assert tpl.layout.separators == ",."
    assert list(tpl.layout.colorway) == list(theme.PALETTE)


def test_grade_colours_follow_the_staffing_reading():
    # A (EJ > 1,00) reads overloaded, B and C share the balanced colour, D/E under-used
    assert theme.GRADE_COLORS == {"A": VERMILLION, "B": GREEN, "C": GREEN, "D": "#56B4E9",
                                  "E": BLUE}
    assert set(theme.MATURITY_COLORS) == {"Sangat Rendah", "Rendah", "Sedang", "Tinggi",
                                          "Sangat Tinggi"}


def test_num_labels_are_indonesian():
    assert charts.num_labels([1.0384, 1234.5, None], 2) == ["1,04", "1.234,50", "–"]
    assert theme.num_labels([2, -3, 0], signed=True) == ["+2", "-3", "0"]


# ---- productivity -----------------------------------------------------------------------


def test_opd_eu_values_colours_and_labels(ev):
    fig = charts.opd_eu(ev.opds, ev.settings)
    assert fig.layout.template == pio.templates["sotk"]
    assert fig.layout.separators == ",."
    # DU: 10.384 / 10 = 1.0384 -> 1.04 A; DD: 10.384 / 22 = 0.472 -> 0.47 E
    assert _point(fig, "DU") == (1.04, "1,04", VERMILLION)
    assert _point(fig, "DD") == (0.47, "0,47", BLUE)
    names = {t.name for t in _bars(fig)}
    assert names == {"EU > 1,00 (A): beban berlebih", "EU < 0,50 (E): beban rendah"}
    assert len(_colors(fig)) <= 6
    texts = [a.text for a in fig.layout.annotations]
    assert "◀ Beban rendah &lt;0,50 " in texts and "Beban berlebih &gt;1,00 ▶" in texts
    # the two band labels sit on two rows above the plot, so they can never overlap
    shift = {a.text: a.yshift or 0 for a in fig.layout.annotations}
    assert shift["◀ Beban rendah &lt;0,50 "] == theme.BAND_LABEL_ROW > 0
    assert shift["Beban berlebih &gt;1,00 ▶"] == 0
    lines = sorted(s.x0 for s in fig.layout.shapes if s.type == "line")
    assert lines == [0.5, 0.7, 0.9, 1.0]


def test_eu_value_labels_stay_off_the_band_lines():
    # x range [0, 1.05 × 1.15 = 1.2075]: room = 0.16 × 1.2075 = 0.193 -> a label goes inside
    # the bar for 0.307 <= v <= 0.50 and 0.807 <= v <= 1.00 (it would cross the dashed line)
    got = theme.band_label_positions([0.97, 1.0, 1.01, 0.78, 0.47, 0.2], span=1.2075)
    assert got == ["inside", "inside", "outside", "outside", "inside", "outside"]


def test_opd_need_vs_existing(ev):
    fig = charts.opd_need_vs_existing(ev.opds)
    need, existing = _bars(fig)
    assert need.name == "Kebutuhan (orang)" and existing.name == "Pegawai ada (orang)"
    # both need 11; staff 10 (DU) and 22 (DD)
    assert dict(zip(need.y, need.x, strict=True)) == {"DU": 11, "DD": 11}
    assert dict(zip(existing.y, existing.text, strict=True)) == {"DU": "10", "DD": "22"}


def test_surplus_shortage_diverges(ev):
    fig = charts.surplus_shortage(ev.opds)
    short, surplus = _bars(fig)
    # shortage drawn to the left (negative), labelled with the positive count
    assert dict(zip(short.y, short.x, strict=True)) == {"DU": -3, "DD": -1}
    assert dict(zip(surplus.y, surplus.x, strict=True)) == {"DU": 2, "DD": 12}
    assert dict(zip(short.y, short.text, strict=True)) == {"DU": "3", "DD": "1"}
    assert list(surplus.y)[-1] == "DU"  # net -1 (DU) above net +11 (DD): most short on top


def test_unit_eu_bars_depth_2_and_3(ev):
    units = ev.workload.units
    fig = charts.unit_eu_bars(units, "Dinas Uji", ev.settings, depth=2)
    assert _point(fig, "Sekretariat") == (0.72, "0,72", GREEN)
    assert _point(fig, "Bidang Pelayanan") == (1.24, "1,24", VERMILLION)
    fig3 = charts.unit_eu_bars(units, "Dinas Uji", depth=3)
    assert _point(fig3, "Seksi Layanan A")[:2] == (0.78, "0,78")
    assert _point(fig3, "Seksi Layanan B")[:2] == (3.5, "3,50")


def test_position_need_bars_marks_duplicate_names(ev):
    pos = ev.workload.positions
    fig = charts.position_need_bars(pos, "Dinas Uji", unit_code="01.02", units=ev.workload.units)
    need, existing = _bars(fig)
    # subtree of 01.02: J04, J05, J06, J07, J08; "Analis Layanan" twice -> unit on a 2nd line
    assert len(need.y) == 5
    dup = [y for y in need.y if y.startswith("Analis Layanan")]
    assert len(dup) == 2 and all("Seksi Layanan" in y for y in dup)
    j08 = next(i for i, y in enumerate(need.y) if "Seksi Layanan B" in y and "Analis" in y)
    assert (need.x[j08], existing.x[j08]) == (3, 0)


def test_top_tasks_hours_and_share(ev):
    w = ev.workload
    fig = charts.top_tasks(w.tasks, w.positions, "Dinas Uji", "J03")
    bar = fig.data[0]
    # J03: 50 Minggu × 30 × 1 jam = 1,500 h, the only task -> 100 %
    assert list(bar.x) == [1500.0] and list(bar.text) == ["1.500 jam (100 %)"]
    assert "1,20 → 1 orang" in _subtitle(fig)
    # the same from a pre-filtered frame, as a page passes it
    one = w.tasks.loc[w.tasks["pid"] == int(w.positions.loc[
        (w.positions["opd"] == "Dinas Uji") & (w.positions["code"] == "J03"), "pid"].iloc[0])]
    assert list(charts.top_tasks(one).data[0].text) == ["1.500 jam (100 %)"]


def test_workload_treemap_sizes_and_band_colours(ev):
    w = ev.workload
    fig = charts.workload_treemap(w.units, w.positions, "Dinas Uji", maxdepth=None)
    tm = fig.data[0]
    leaves = {i: v for i, v in zip(tm.ids, tm.values, strict=True) if i.startswith("p")}
    assert sum(leaves.values()) == pytest.approx(12980.0)  # DU workload hours
    color = dict(zip(tm.ids, tm.marker.colors, strict=True))
    du = w.units.loc[w.units["opd"] == "Dinas Uji"]
    uid = dict(zip(du["name"], du["uid"], strict=True))
    assert color[f"u{uid['Bidang Pelayanan']}"] == VERMILLION  # EU 1.24 A
    j08 = int(w.positions.loc[(w.positions["opd"] == "Dinas Uji")
                              & (w.positions["code"] == "J08"), "pid"].iloc[0])
    assert color[f"p{j08}"] == theme.VACANT_COLOR
    assert "12.980 jam" in tm.text[0]
    # every tile keeps its label (text shrinks to fit instead of being hidden)
    assert fig.layout.uniformtext.mode is False
    assert len(_colors(fig)) <= 6


# ---- balance ----------------------------------------------------------------------------


def test_ej_histogram_counts_staff(ev):
    fig = charts.ej_histogram(ev.workload.positions, ev.settings, opd="Dinas Uji")
    bar = fig.data[0]
    # DU staff by EJ: 0,60 J03 (2) | 0,72 J05, 0,80 J01 J04 J06 (1+1+1+3) | 0,96 J02, 1,00 J07
    assert list(bar.x) == ["< 0,50", "0,50–0,69", "0,70–0,89", "0,90–1,00", "1,01–1,20",
                           "> 1,20"]
    assert list(bar.y) == [0, 2, 6, 2, 0, 0]
    assert bar.text[2] == "6 orang<br>(60 %)"
    assert "Seimbang 0,70–1,00: 80 % pegawai" in fig.layout.annotations[0].text
    assert "1 jabatan kosong (kebutuhan 3 orang)" in _subtitle(fig)


def test_hours_per_head_single_opd(ev):
    fig = charts.hours_per_head(ev.workload.units, ev.settings, level=2, opd="Dinas Uji")
    # Sekretariat 2,700 h / 3 = 900; Bidang Pelayanan 9,280 h / 6 = 1,546.7
    pts = {y: t for b in _bars(fig) for y, t in zip(b.y, b.text, strict=True)}
    assert pts == {"Sekretariat": "900 jam", "Bidang Pelayanan": "1.547 jam"}
    assert "rasio 1,7×" in _subtitle(fig)
    assert any(s.type == "line" and s.x0 == 1250 for s in fig.layout.shapes)


def test_hours_per_head_city_strip(ev):
    fig = charts.hours_per_head(ev.workload.units, level=2, opd_labels={"Dinas Uji": "DU",
                                                                         "Dinas Dua": "DD"})
    assert list(fig.layout.yaxis.ticktext) in (["DD", "DU"], ["DU", "DD"])
    assert sum(len(t.x) for t in fig.data if t.type == "scatter") == 4  # 2 units × 2 OPD
    # hours per head: DU 900 and 1,546.7; DD (twice the staff) 450 and 773.3 -> lowest 450,
    # top max(1,546.7, 1,250) = 1,546.7; start floor((450 − 0.08 × 1,096.7) / 100) × 100
    # = floor(3.62) × 100 = 300, end 300 + 1,246.7 × 1.15 = 1,733.7
    lo, hi = fig.layout.xaxis.range
    assert lo == 300 and hi == pytest.approx(300 + (1546.6667 - 300) * 1.15)


# ---- maturity and kelembagaan -----------------------------------------------------------


def test_maturity_ranking_bands_and_mean(ev):
    fig = charts.maturity_ranking(ev.opds, ev.settings)
    assert _point(fig, "DU") == (33.0, "33", theme.MATURITY_COLORS["Sedang"])
    assert _point(fig, "DD") == (22.0, "22", theme.MATURITY_COLORS["Rendah"])
    rects = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    assert rects == [(11, 19), (19, 28), (28, 37), (37, 46), (46, 55)]
    assert "Rata-rata kota 27,50 (Rendah)" in [a.text.strip() for a in fig.layout.annotations]
    # a label goes inside only when its bar ends within 0.09 × (58 − 11) = 4.23 left of the
    # mean: 27.5 − 22 = 5.5 > 4.23 -> outside; 33 ends right of the mean -> outside
    assert list(fig.data[0].textposition) == ["outside", "outside"]
    fig = charts.maturity_ranking(ev.opds, ev.settings, 34.0)
    # 33 ends 1.0 left of the mean 34 (< 4.23): its label goes inside the bar end
    pos = dict(zip(fig.data[0].y, fig.data[0].textposition, strict=True))
    assert pos == {"DD": "outside", "DU": "inside"}


def test_maturity_ranking_accepts_page_signature(ev):
    m = ev.maturity
    fig = charts.maturity_ranking(m.opd, ev.settings, 40.07)
    # the published example (domain.md §2): city value 40,07 -> Tinggi
    assert "Rata-rata kota 40,07 (Tinggi)" in [a.text.strip() for a in fig.layout.annotations]


def test_maturity_heatmap_levels_in_cells(ev):
    fig = charts.maturity_heatmap(ev.maturity.levels, opd_labels={"Dinas Uji": "DU",
                                                                   "Dinas Dua": "DD"})
    hm = fig.data[0]
    assert list(hm.y) == ["DD", "DU"]  # lowest total first, highest on top
    assert [list(r) for r in hm.z] == [[2.0] * 11, [3.0] * 11]
    assert hm.text[1][0] == "3" and list(hm.x)[3] == "<b>IV</b>"
    assert (hm.zmin, hm.zmax) == (0.5, 5.5) and len({c for _, c in hm.colorscale}) == 5


def test_maturity_radar_against_city_mean(ev):
    fig = charts.maturity_radar(ev.maturity.levels, "Dinas Uji")
    mean, own = fig.data
    assert list(own.r) == [3.0] * 12  # 11 variables, closed loop
    assert list(mean.r) == [2.5] * 12  # (3 + 2) / 2
    # short two-line angular labels: numeral in bold, lines of <= 14 characters
    assert own.theta[0] == "<b>I</b> Perencanaan"
    assert own.theta[10] == "<b>XI</b> Budaya<br>Organisasi"
    assert fig.layout.title.text == "Profil kematangan"
    assert _subtitle(fig).startswith("Dinas Uji")


def test_self_vs_verified_gap(ev):
    fig = charts.self_vs_verified(ev.maturity.levels)
    verified, self_ = (t for t in fig.data if t.mode and "markers" in t.mode)
    gaps = dict(zip(self_.y, self_.text, strict=True))
    assert gaps["Dinas Uji"].strip() == "+11"  # 44 − 33
    assert gaps["Dinas Dua"] == ""  # not verified: no gap to show
    assert dict(zip(self_.y, self_.x, strict=True)) == {"Dinas Dua": 22, "Dinas Uji": 44}


def test_kelembagaan_bars_ranks(ev):
    fig = charts.kelembagaan_bars(ev.opds)
    assert _point(fig, "DU") == (100.0, "100,00 · P-5", theme.RANK_COLORS["P-5"])
    assert _point(fig, "DD") == (25.0, "25,00 · P-2", theme.RANK_COLORS["P-2"])
    # short band labels on the plot, explained in the subtitle (thresholds of rank_of)
    labels = [a.text for a in fig.layout.annotations]
    assert labels == ["P-1", "P-2", "P-3", "P-4", "P-5"]
    assert "P-1 tidak efektif (≤20)" in _subtitle(fig)
    assert "P-5 sangat efektif (>80)" in _subtitle(fig)


# ---- compare ----------------------------------------------------------------------------


def test_compare_bars_without_colour(ev):
    frame = ev.opds.assign(scen=[12.0, 9.0])
    fig = charts.compare_bars(frame, "abbr", "need", "scen", "Kebutuhan: saat ini vs simulasi")
    scen, base = _bars(fig)
    assert base.name == "Saat ini (orang)" and scen.name == "Simulasi (orang)"
    assert scen.marker.pattern.shape == "/" and not base.marker.pattern.shape
    # need DU 11 -> 12 (+1), DD 11 -> 9 (−2 with the typographic minus U+2212)
    assert dict(zip(scen.y, scen.text, strict=True)) == {"DU": "12 (+1)", "DD": "9 (\u22122)"}


def test_compare_bars_omits_zero_change(ev):
    # EU 1.04 and 0.47 unchanged (or changed by less than 0,005): no "(0,00)" label
    frame = ev.opds.assign(scen=[1.04, 0.4701])
    fig = charts.compare_bars(frame, "abbr", "eu2", "scen", "EU", decimals=2, unit="")
    scen, _ = _bars(fig)
    assert dict(zip(scen.y, scen.text, strict=True)) == {"DU": "1,04", "DD": "0,47"}


def test_span_buckets_short_title():
    import pandas as pd

    span = pd.DataFrame({"bucket": ["0", "1", "2–3"], "heads": [0, 1, 3],
                         "share": [0.0, 0.25, 0.75]})
    fig = charts.span_buckets(span)
    assert fig.layout.title.text == "Rentang kendali per kepala unit"
    assert "bawahan langsung" in fig.layout.xaxis.title.text
    assert list(fig.data[0].text) == ["0", "1 (25 %)", "3 (75 %)"]


# ---- sizes and projector ----------------------------------------------------------------


def _all_figures(ev) -> list[go.Figure]:
    w, m = ev.workload, ev.maturity
    return [
        charts.opd_eu(ev.opds), charts.opd_need_vs_existing(ev.opds),
        charts.surplus_shortage(ev.opds), charts.unit_eu_bars(w.units, "Dinas Uji"),
        charts.position_need_bars(w.positions, "Dinas Uji"),
        charts.top_tasks(w.tasks, w.positions, "Dinas Uji", "J06"),
        charts.workload_treemap(w.units, w.positions, "Dinas Uji"),
        charts.ej_histogram(w.positions), charts.hours_per_head(w.units, opd="Dinas Uji"),
        charts.maturity_ranking(ev.opds), charts.maturity_heatmap(m.levels),
        charts.maturity_radar(m.levels, "Dinas Uji"), charts.self_vs_verified(m.levels),
        charts.kelembagaan_bars(ev.opds),
        charts.compare_bars(ev.opds, "abbr", "existing", "need", "x"),
    ]


def test_every_builder_uses_template_and_big_type(ev):
    for fig in _all_figures(ev):
        title = fig.layout.title.text
        assert fig.layout.template == pio.templates["sotk"], title
        assert fig.layout.separators == ",.", title
        assert len(_colors(fig)) <= 6, title
        for t in fig.data:
            size = t.textfont.size if "textfont" in t and t.textfont.size else 18
            assert size >= 18, title
        for a in fig.layout.annotations:
            assert (a.font.size or 18) >= 16, (title, a.text)


def test_projector_bumps_sizes_on_a_copy(ev):
    fig = charts.opd_eu(ev.opds)
    big = charts.projector(fig)
    assert big.layout.xaxis.tickfont.size >= 22 and big.layout.yaxis.tickfont.size >= 22
    assert all(t.textfont.size >= 22 for t in big.data)
    assert all(a.font.size >= 22 for a in big.layout.annotations)
    assert fig.layout.xaxis.tickfont.size is None  # original untouched (template sizes)


def test_empty_inputs_give_empty_figures(ev):
    fig = charts.maturity_ranking(ev.opds.iloc[0:0])
    assert list(fig.data[0].x) == []
    fig = charts.opd_eu(ev.opds.iloc[0:0])
    assert _bars(fig) == []


# ---- snapshot ---------------------------------------------------------------------------


def _key_properties(fig: go.Figure) -> dict:
    return {
        "title": fig.layout.title.text,
        "separators": fig.layout.separators,
        "height": fig.layout.height,
        "traces": [{"name": t.name, "y": list(t.y), "x": [float(v) for v in t.x],
                    "text": list(t.text), "color": t.marker.color} for t in fig.data],
        "shapes": [[s.type, s.x0, s.x1] for s in fig.layout.shapes],
        "annotations": [a.text for a in fig.layout.annotations],
        "xaxis": {"title": fig.layout.xaxis.title.text,
                  "range": [round(v, 6) for v in fig.layout.xaxis.range]},
    }


def test_opd_eu_snapshot(ev):
    """Key properties of the EU chart; regenerate with SOTK_UPDATE_SNAPSHOTS=1 after a
    deliberate change and review the diff."""
    path = SNAPSHOTS / "charts_opd_eu.json"
    got = _key_properties(charts.opd_eu(ev.opds, ev.settings))
    if os.environ.get("SOTK_UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


# ---- export -----------------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"),
                                    reason="/usr/bin/chromium not installed")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@needs_chromium
def test_png_and_svg_export(ev):
    fig = charts.opd_eu(ev.opds)
    with charts.image_session():
        png = charts.to_png(fig, width=800, height=450)
        png2 = charts.to_png(fig, width=640, height=360, scale=2)
        svg = charts.to_svg(fig, width=800, height=450)
    assert _png_size(png) == (800, 450)
    assert _png_size(png2) == (1280, 720)  # layout px × scale
    assert svg.lstrip().startswith(b"<svg") and b"Beban berlebih" in svg


def test_export_without_browser_raises_in_indonesian(monkeypatch):
    from sotk_core.present.charts import export

    monkeypatch.setattr(export, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(RuntimeError, match="Chromium tidak ditemukan"):
        charts.to_png(go.Figure())


def test_position_need_bars_draws_the_positions_of_highest_workload(ev):
    pos, units = ev.workload.positions, ev.workload.units
    # Dinas Uji has 8 positions: with room for 8 every one is drawn and nothing is said
    whole = charts.position_need_bars(pos, "Dinas Uji", units=units, top=8)
    assert len(_bars(whole)[0].y) == 8 and whole.layout.title.subtitle.text is None
    # room for 7: J05 Kepala Seksi Layanan A (905 h, the lowest workload) is left out
    cut = charts.position_need_bars(pos, "Dinas Uji", units=units, top=7)
    need, existing = _bars(cut)
    assert len(need.y) == 7 and not [y for y in need.y if "Kepala Seksi Layanan A" in y]
    assert _subtitle(cut) == (
        "Menampilkan 7 jabatan dengan beban kerja tertinggi dari 8; semua jabatan ada di tabel "
        "jabatan.")
    # still largest need on top: J08 (need 3) last in plotly's bottom-up order
    assert need.x[-1] == 3 and existing.x[-1] == 0
