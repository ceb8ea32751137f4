"""The planning part of the FGD deck, a self-contained section: always `PLANNING_SLIDES`
slides (a message slide where the data give nothing to show):

1. maturity beside workload (the plane with the four quadrants);
2. the quadrants in words: every overloaded OPD with its weakest variable and heaviest unit,
   the other quadrants counted;
3. like units: the EU of the first group (in the order of the rules) with an outlier, else
   the first group of three or more (Kecamatan in the sample city), beside its median;
4. like units in words: the members furthest from their group median;
5. the five-year formasi per OPD (the `ROWS_PER_SLIDE` largest when there are more);
6. the formasi plan of the city in numbers.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import QUADRANT_LABELS
from sotk_core.model.evaluate import Evaluation
from sotk_core.present.charts.deck import ROWS_PER_SLIDE
from sotk_core.present.charts.planning import (
    formasi_bars,
    lacking_most,
    like_unit_bars,
    maturity_workload_plane,
)
from sotk_core.present.planning import (
    formasi_opd_view,
    formasi_plan,
    formasi_sentence,
    group_members,
    like_units,
    outlier_sentences,
    quadrant_counts,
    quadrant_view,
    years_text,
)

PLANNING_SLIDES = 6
SECTION = "rencana"
MAX_BULLETS = 5  # as the deck's findings slides: one or two lines each at projector size
PROJECTOR_LABEL = 22  # point label size on a slide (charts.PROJECTOR_SIZES["label"])
SLIDE_PLOT_PX = (1100.0, 360.0)  # plot area of the plane on a 650 px slide
TITLE_PLANE = "Kematangan dan beban kerja per OPD"
TITLE_QUADRANTS = "Kematangan dan beban kerja: siapa di mana"
TITLE_LIKE = "Unit sejenis dibandingkan dengan sesamanya"
TITLE_OUTLIERS = "Unit sejenis yang paling jauh dari median kelompoknya"




def _quadrant_bullets(ev: Evaluation) -> tuple[str, ...]:
    view = quadrant_view(ev)
    groups = quadrant_counts(view)
    bullets: list[str] = []
    by_abbr = view.set_index("abbr")
    for code in ("belum_berlebih", "matang_berlebih"):
        for abbr in groups[code]:
            r = by_abbr.loc[abbr]
            bullets.append(f"{QUADRANT_LABELS[code]}: {r['opd']} (kematangan "
                           f"{fmt_num(r['maturity_total'])}, EU {fmt_num(r['eu2'], 2)}); "
                           f"terlemah {r['weakest']}; terberat {r['top_unit']}.")
    for code in ("matang_terkendali", "belum_terkendali", "belum_dinilai"):
        if groups[code]:
            bullets.append(f"{QUADRANT_LABELS[code]}: {len(groups[code])} OPD ("
                           + ", ".join(groups[code]) + ").")
    return tuple(bullets[:MAX_BULLETS])


def _plane_slide(view: Any, settings: Any) -> Any:
    """The plane for a slide: its two subtitle lines joined into one, as the slide's top
    margin (charts.deck.fit_slide) leaves room for one line above the quadrant names."""
    fig = maturity_workload_plane(view, settings, label_size=PROJECTOR_LABEL,
                                  plot_px=SLIDE_PLOT_PX)
    sub = str(fig.layout.title.subtitle.text or "")
    return fig.update_layout(title_subtitle_text=sub.replace("<br>", " "))


def _slide(kind: str, title: str, key: str, **kw: object) -> dict[str, Any]:
    return {"kind": kind, "title": title, "section": SECTION, "key": f"{SECTION}.{key}", **kw}


def planning_slides(ev: Evaluation) -> list[dict[str, Any]]:
    """The planning section of the deck (module docstring), as the fields of each
    `sotk_core.present.deck.Slide` (the deck makes the slides: no import cycle)."""
    st = ev.settings

    view = quadrant_view(ev)
    placed = view["maturity_total"].notna() & view["eu2"].notna()
    out: list[dict[str, Any]] = []
    if placed.any():
        out.append(_slide("grafik", TITLE_PLANE, "kuadran", make=partial(_plane_slide, view,
                                                                          st)))
        out.append(_slide("teks", TITLE_QUADRANTS, "kuadran_teks", bullets=_quadrant_bullets(ev),
                          text="Matang = kategori Tinggi atau lebih; beban berlebih = EU di atas "
                               f"{fmt_num(st.overload_ej, 2)}"))
    else:
        for key, title in (("kuadran", TITLE_PLANE), ("kuadran_teks", TITLE_QUADRANTS)):
            out.append(_slide("pesan", title, key, text="Belum ada OPD dengan data kematangan "
                                                        "dan pegawai."))

    like = like_units(ev)
    groups = like.groups.loc[like.groups["measured"] >= 3]
    if len(groups):
        with_outlier = groups.loc[groups["outliers"].map(len) > 0]
        best = (with_outlier if len(with_outlier) else groups).iloc[0]
        members = group_members(like, best["group"])
        title = f"{TITLE_LIKE}: {best['group']}"
        out.append(_slide("grafik", title, "sejenis", make=partial(
            like_unit_bars, members, st, title=title, outlier_share=like.outlier_share)))
        bullets = tuple(outlier_sentences(like)[:MAX_BULLETS])
        out.append(_slide("teks", TITLE_OUTLIERS, "pencilan",
                          text=f"Pencilan: EU paling sedikit {fmt_num(like.outlier_share * 100)} % "
                               "dari median kelompoknya",
                          bullets=bullets or ("Tidak ada pencilan: unit sejenis bebannya "
                                              "setara.",)))
    else:
        for key, title in (("sejenis", TITLE_LIKE), ("pencilan", TITLE_OUTLIERS)):
            out.append(_slide("pesan", title, key, text="Belum ada tiga unit sejenis atau lebih "
                                                        "untuk dibandingkan."))

    plan = formasi_plan(ev)
    years = years_text(plan)
    opds = formasi_opd_view(plan, ev)
    n_lacking = int((opds["formasi"] > 0).sum())
    title = f"Kebutuhan formasi per OPD, {years}"
    if n_lacking > ROWS_PER_SLIDE:  # the title says it: the chart's own note is not drawn
        title += f" ({ROWS_PER_SLIDE} terbesar dari {n_lacking})"
    if n_lacking:
        out.append(_slide("grafik", title, "formasi", make=partial(
            formasi_bars, lacking_most(opds, ROWS_PER_SLIDE), years, title=title,
            top=ROWS_PER_SLIDE)))
    else:
        out.append(_slide("pesan", title, "formasi",
                          text="Tidak ada OPD yang kekurangan pegawai dalam lima tahun."))
    c = plan.city
    out.append(_slide("kpi", f"Rencana formasi {ev.city.name}, {years}", "formasi_kpi",
                      text=formasi_sentence(plan, ev.city.name), kpis=(
        ("Kebutuhan ABK", f"{fmt_num(c['need'])} orang", f"bezetting {fmt_num(c['existing'])} "
                                                         "orang"),
        ("Pensiun", f"{fmt_num(c['retiring'])} orang", years),
        ("Proyeksi bezetting", f"{fmt_num(c['projected'])} orang", "setelah pensiun"),
        ("Kurang", f"{fmt_num(c['formasi'])} orang", "dijumlah per jabatan"),
        ("Dari redistribusi", f"{fmt_num(c['redistributed_in'])} orang",
         "pegawai lebih di OPD yang sama"),
        ("Usulan formasi baru", f"{fmt_num(c['new_formasi'])} orang",
         f"kelebihan tersisa {fmt_num(c['excess_left'])} orang"),
    )))
    return out
