"""The FGD presentation deck: one message or chart per slide, built from an `Evaluation`.

`build_deck(ev, opd_order=None, scenario=None)` returns a list of `Slide`:

1. city part, always `CITY_SLIDES` slides when the city has at most `ROWS_PER_SLIDE` OPDs
   (a longer list is split: the ranking, heat map, EU and staff slides get one slide per
   `ROWS_PER_SLIDE` OPDs): judul, KPI kota, peringkat kematangan, peta kematangan, EU per
   OPD, pegawai ada vs kebutuhan, unit paling berlebih dan paling longgar, sebaran EJ,
   temuan struktur;
2. scenario part, `SCENARIO_SLIDES` slides when `scenario` has changes: perubahan, KPI kota
   saat ini vs simulasi, the changed positions and the changed units before → after, the
   OPD totals before → after, pegawai per OPD, EU per OPD (OPDs the scenario changed);
3. one section of `OPD_SLIDES` slides per OPD of `opd_order` (default: every OPD in file
   order; [] = none): pembuka OPD (KPI), profil kematangan, EU bidang/bagian, EU
   seksi/subbagian, temuan OPD. Missing data gives a message slide, so every section has the
   same length.

The deck closes with the `PLANNING_SLIDES` slides of the planning views (maturity beside
workload, like units, the five-year formasi: `sotk_core.present.deck_planning`, section
"rencana"). So len(deck) = CITY_SLIDES (+ SCENARIO_SLIDES) + OPD_SLIDES × len(opd_order) +
PLANNING_SLIDES for a city of at most 15 OPDs. Figures are on the "sotk" template;
`charts.deck.fit_slide` sizes them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

import pandas as pd
import plotly.graph_objects as go

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import FINDING_SEVERITY_LABELS
from sotk_core.base.settings import Settings
from sotk_core.base.texts import (
    AXIS_EU,
    COMPUTED_WITH,
    KPI_EU_CITY,
    KPI_EU_OPD,
    KPI_EXISTING,
    KPI_MATURITY_MEAN,
    KPI_SURPLUS_SHORTAGE,
    KPI_VACANT,
    NO_FINDINGS,
    NOT_ASSESSED,
    TITLE_EJ_SPREAD,
    TITLE_EU_PER_OPD,
    TITLE_EXISTING_BEFORE_AFTER,
    TITLE_EXTREME_UNITS,
    TITLE_MATURITY_PER_OPD,
    TITLE_MATURITY_RANKING,
    TITLE_NEED_PER_OPD,
    ej_overload_note,
)
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.rounds import RoundChanges, RoundTrend
from sotk_core.model.workload import WorkloadResult
from sotk_core.present import charts, whatif
from sotk_core.present.charts.deck import ROWS_PER_SLIDE, extreme_units, need_vs_existing
from sotk_core.present.deck_planning import PLANNING_SLIDES, planning_slides  # noqa: F401 - count re-exported beside CITY_SLIDES
from sotk_core.present.rounds import round_slides
from sotk_core.scenario.compare import changed_only, compare, compare_city
from sotk_core.scenario.core import Scenario
from sotk_core.scenario.pipeline import ScenarioRun, run_scenario

RoundsPart = tuple[RoundTrend, RoundChanges | None]  # model.rounds results

CITY_SLIDES = 9
SCENARIO_SLIDES = 7
OPD_SLIDES = 5
MAX_FINDINGS = 5  # findings per slide: a bullet is one or two lines at projector size
MAX_CHANGES = 6  # change sentences are long: two lines each at projector size
SEVERITY_LABELS = FINDING_SEVERITY_LABELS  # old name, kept importable


@dataclass(frozen=True, eq=False)
class Slide:
    """One slide. kind: "judul" (title), "kpi" (big numbers), "grafik" (figure), "teks"
    (bullets), "pesan" (a single message, e.g. missing data). section: "kota", "simulasi"
    or "opd"; opd: the OPD of an OPD section (None elsewhere); key: a stable id (the same
    slide has the same key in every build of the deck, whatever else was added, so the
    presenter's place is kept by key, never by number).

    `make` builds the figure of a "grafik" slide; `figure` builds it on first use and keeps it
    (a plotly figure takes 50–200 ms, so a deck of 80 slides is cheap until shown).
    """

    kind: str
    title: str
    make: Callable[[], go.Figure] | None = None
    text: str | None = None
    opd: str | None = None
    section: str = "kota"
    key: str = ""
    kpis: tuple[tuple[str, str, str], ...] = ()
    bullets: tuple[str, ...] = ()

    @cached_property
    def figure(self) -> go.Figure | None:
        return self.make() if self.make is not None else None


def _chunks(frame: pd.DataFrame, size: int = ROWS_PER_SLIDE) -> list[pd.DataFrame]:
    """`frame` in pieces of at most `size` rows (at least one piece)."""
    if len(frame) <= size:
        return [frame]
    n = -(-len(frame) // size)
    step = -(-len(frame) // n)  # balanced pieces: 40 rows -> 14, 13, 13
    return [frame.iloc[i:i + step] for i in range(0, len(frame), step)]


def _part(title: str, i: int, n: int) -> str:
    return title if n == 1 else f"{title} ({i + 1}/{n})"


def _year(ev: Evaluation) -> str:
    years = pd.to_numeric(ev.opds.get("tahun"), errors="coerce").dropna()
    return str(int(years.mode().iloc[0])) if len(years) else "–"


def _severity_counts(findings: pd.DataFrame | None) -> dict[str, int]:
    counts = findings["severity"].value_counts() if findings is not None and len(findings) \
        else pd.Series(dtype="int64")
    return {s: int(counts.get(s, 0)) for s in SEVERITY_LABELS}


def _finding_bullets(findings: pd.DataFrame, n: int = MAX_FINDINGS,
                     with_opd: bool = True) -> tuple[str, ...]:
    rows = findings.iloc[:n]
    out = []
    for sev, opd, msg in zip(rows["severity"], rows["opd"], rows["message"], strict=True):
        where = f"{opd}: " if with_opd and isinstance(opd, str) and opd not in msg else ""
        out.append(f"[{SEVERITY_LABELS.get(sev, sev)}] {where}{msg}")
    return tuple(out)


def surplus_shortage_text(surplus: object, shortage: object) -> str:
    """'+4 / −2' (a zero without a sign)."""
    a, b = fmt_num(surplus), fmt_num(shortage)
    return f"{'+' + a if a not in ('0', '–') else a} / {'−' + b if b not in ('0', '–') else b}"


def _counts_short(counts: dict[str, int]) -> str:
    return " · ".join(f"{fmt_num(counts[k])} {k}" for k in SEVERITY_LABELS)


def _counts_text(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    return (f"{fmt_num(total)} temuan: {fmt_num(counts['tinggi'])} tinggi, "
            f"{fmt_num(counts['sedang'])} sedang, {fmt_num(counts['rendah'])} rendah")


# ---- city part ------------------------------------------------------------------------


def _city_slides(ev: Evaluation) -> list[Slide]:
    s, st = ev.summary, ev.settings
    opds = ev.opds
    labels = dict(zip(opds["opd"], opds["abbr"].fillna(opds["opd"]), strict=True))
    counts = _severity_counts(ev.findings)
    out = [
        Slide("judul", f"Evaluasi Kelembagaan dan Beban Kerja · {ev.city.name}",
              text=f"Forum Group Discussion · Tahun data {_year(ev)}", key="kota.judul",
              bullets=(f"{fmt_num(s['opd_count'])} OPD dihitung · {fmt_num(s['existing'])} "
                       f"pegawai · {fmt_num(s['positions'])} jabatan",
                       f"{COMPUTED_WITH}: " + st.describe())),
        Slide("kpi", f"{ev.city.name} dalam angka", key="kota.kpi", kpis=(
            (KPI_EXISTING, f"{fmt_num(s['existing'])} orang",
             f"kebutuhan {fmt_num(s['need'])} orang"),
            (KPI_SURPLUS_SHORTAGE, surplus_shortage_text(s["surplus"], s["shortage"]),
             "orang, dijumlah per jabatan"),
            (KPI_EU_CITY, fmt_num(s["eu2"], 2), f"PU {s['pu']} ({s['pu_label']})"),
            (KPI_MATURITY_MEAN, fmt_num(s["maturity_mean"], 2),
             f"{s['maturity_category'] or '–'} · {fmt_num(s['maturity_count'])} OPD"),
            (KPI_VACANT, fmt_num(s["vacant"]), f"dari {fmt_num(s['positions'])} jabatan"),
            ("Temuan struktur", fmt_num(sum(counts.values())), _counts_short(counts)),
        )),
    ]
    mature = opds.loc[opds["maturity_total"].notna()].sort_values(
        "maturity_total", ascending=False, kind="stable")
    if len(mature):
        parts = _chunks(mature)
        for i, part in enumerate(parts):
            title = _part(TITLE_MATURITY_RANKING, i, len(parts))
            make = partial(charts.maturity_ranking, part, st, ev.maturity.city_mean, title=title)
            out.append(Slide("grafik", title, make, key=f"kota.peringkat.{i}"))
        for i, part in enumerate(parts):
            lv = ev.maturity.levels.loc[ev.maturity.levels["opd"].isin(part["opd"])]
            title = _part("Tingkat kematangan per variabel (1–5)", i, len(parts))
            make = partial(charts.maturity_heatmap, lv, opd_labels=labels, title=title)
            out.append(Slide("grafik", title, make, key=f"kota.peta.{i}"))
    else:
        for key, title in (("peringkat", TITLE_MATURITY_PER_OPD),
                           ("peta", "Tingkat kematangan per variabel")):
            out.append(Slide("pesan", title, text="Belum ada OPD dengan data kematangan.",
                             key=f"kota.{key}.0"))
    if opds.empty:  # every file failed: say so instead of four empty charts
        for key, title in (("eu.0", TITLE_EU_PER_OPD),
                           ("kebutuhan.0", TITLE_NEED_PER_OPD),
                           ("ekstrem", TITLE_EXTREME_UNITS),
                           ("ej", TITLE_EJ_SPREAD)):
            out.append(Slide("pesan", title, key=f"kota.{key}",
                             text="Belum ada OPD yang dapat dihitung: periksa file di halaman "
                                  "Data."))
        out.append(Slide("teks", "Temuan utama struktur organisasi", key="kota.temuan",
                         text=_counts_text(counts), bullets=(NO_FINDINGS,)))
        return out
    by_eu = opds.loc[opds["eu2"].notna()].sort_values("eu2", ascending=False, kind="stable")
    parts = _chunks(by_eu)
    for i, part in enumerate(parts):
        title = _part(TITLE_EU_PER_OPD, i, len(parts))
        out.append(Slide("grafik", title, partial(charts.opd_eu, part, st, title=title),
                         key=f"kota.eu.{i}"))
    by_need = opds.sort_values(["need", "existing"], ascending=False, kind="stable")
    parts = _chunks(by_need)
    for i, part in enumerate(parts):
        title = _part(TITLE_NEED_PER_OPD, i, len(parts))
        out.append(Slide("grafik", title, partial(need_vs_existing, part, title=title),
                         key=f"kota.kebutuhan.{i}"))
    out.append(Slide("grafik", TITLE_EXTREME_UNITS,
                     partial(extreme_units, ev.workload.units, opds, st), key="kota.ekstrem"))
    out.append(Slide("grafik", TITLE_EJ_SPREAD,
                     partial(charts.ej_histogram, ev.workload.positions, st), key="kota.ej"))
    findings = ev.findings if ev.findings is not None else pd.DataFrame(
        columns=["severity", "opd", "message"])
    out.append(Slide("teks", "Temuan utama struktur organisasi", text=_counts_text(counts),
                     key="kota.temuan", bullets=_finding_bullets(findings)
                     or (NO_FINDINGS,)))
    return out


# ---- scenario part ----------------------------------------------------------------------


def _delta(base: object, scen: object, decimals: int = 0, unit: str = "") -> str:
    try:
        d = float(scen) - float(base)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    text = fmt_num(d, decimals, unit)
    return "tetap" if text.lstrip("-").strip("0,. ") == "" or d == 0 else \
        ("+" + text if d > 0 else text.replace("-", "−", 1))


def _scenario_slides(ev: Evaluation, scenario: Scenario, run: ScenarioRun | None = None
                     ) -> list[Slide]:
    name = scenario.name
    if run is None or run.scenario != scenario:
        run = run_scenario(ev.city, scenario, ev.settings)
    scen = run.workload
    if scen is None:
        msg = f"Skenario \u201c{name}\u201d tidak dapat diterapkan: {run.error}"
        return [Slide("pesan", f"Simulasi · {name}", text=msg, section="simulasi",
                      key=f"simulasi.{i}") for i in range(SCENARIO_SLIDES)]
    described = scenario.describe(ev.city)
    bullets = tuple(described[:MAX_CHANGES])
    more = len(described) - len(bullets)
    out = [Slide("teks", f"Simulasi \u201c{name}\u201d: {len(described)} perubahan",
                 text="Perubahan dibandingkan kondisi saat ini" +
                      (f" ({more} perubahan lain di workbook hasil)" if more > 0 else ""),
                 bullets=bullets, section="simulasi", key="simulasi.perubahan")]
    city = compare_city(ev.workload, scen).set_index("metric")

    def kpi(metric: str, title: str, decimals: int = 0, unit: str = "orang") -> tuple:
        b, s = city.at[metric, "base"], city.at[metric, "scen"]
        return (title, f"{fmt_num(b, decimals)} → {fmt_num(s, decimals)}",
                _delta(b, s, decimals, unit))

    out.append(Slide("kpi", "Saat ini → simulasi: kota", section="simulasi", key="simulasi.kpi",
                     kpis=(kpi("existing", KPI_EXISTING), kpi("need", "Kebutuhan"),
                           kpi("surplus", "Kelebihan"), kpi("shortage", "Kekurangan"),
                           kpi("eu2", KPI_EU_CITY, 2, ""), kpi("vacant", KPI_VACANT, 0,
                                                               "jabatan"))))
    out += _effect_slides(ev, scen, run.settings or ev.settings)
    opd = changed_only(compare(ev.workload, scen, "opd"))
    abbr = dict(zip(ev.opds["opd"], ev.opds["abbr"].fillna(ev.opds["opd"]), strict=True))
    if len(opd):
        opd = opd.assign(abbr=opd["opd"].map(abbr).fillna(opd["opd"]))
        opd = opd.assign(_size=(opd["existing_delta"].abs() + opd["need_delta"].abs()))
        opd = opd.sort_values("_size", ascending=False, kind="stable").iloc[:ROWS_PER_SLIDE // 2]
        title = TITLE_EXISTING_BEFORE_AFTER
        out.append(Slide("grafik", title, partial(charts.compare_bars, opd, "abbr",
                                                  "existing_base", "existing_scen", title),
                         section="simulasi", key="simulasi.pegawai"))
        title = "EU per OPD: saat ini dan simulasi"
        out.append(Slide("grafik", title, partial(
            charts.compare_bars, opd, "abbr", "eu2_base", "eu2_scen", title, decimals=2,
            unit="", x_title=AXIS_EU),
            section="simulasi", key="simulasi.eu"))
    else:
        for key, title in (("pegawai", "Pegawai ada per OPD"), ("eu", "EU per OPD")):
            out.append(Slide("pesan", f"{title}: saat ini dan simulasi", section="simulasi",
                             text="Simulasi ini tidak mengubah angka OPD mana pun.",
                             key=f"simulasi.{key}"))
    return out


def _effect_slides(ev: Evaluation, scen: WorkloadResult, settings: Settings) -> list[Slide]:
    """What the scenario does where it acts: the changed positions and units before → after
    (EJ/EU to two decimals, staff, need, surplus/shortage) and the OPD totals; the overload
    threshold named is the one of the scenario's `settings`."""
    sec = {"section": "simulasi"}
    positions = whatif.position_sentences(ev.workload, scen, MAX_CHANGES)
    units = whatif.unit_sentences(ev.workload, scen, MAX_CHANGES)
    opds = _opd_sentences(ev, scen)
    n_pos = len(whatif.changed_positions(ev.workload, scen))
    n_units = len(whatif.changed_units(ev.workload, scen))
    return [
        Slide("teks", "Dampak pada jabatan: saat ini → simulasi", key="simulasi.jabatan",
              text=f"{fmt_num(n_pos)} jabatan berubah · {ej_overload_note(settings)}", **sec,
              bullets=tuple(positions) or ("Tidak ada jabatan yang berubah.",)),
        Slide("teks", "Dampak pada unit: saat ini → simulasi", key="simulasi.unit",
              text=f"{fmt_num(n_units)} bidang/seksi berubah · EU seluruh subunit", **sec,
              bullets=tuple(units) or ("Tidak ada bidang atau seksi yang berubah.",)),
        Slide("teks", "Jumlah per OPD: saat ini → simulasi", key="simulasi.opd",
              text="OPD yang angkanya berubah", **sec,
              bullets=tuple(opds) or ("Simulasi ini tidak mengubah jumlah OPD mana pun.",)),
    ]


def _opd_sentences(ev: Evaluation, scen: WorkloadResult) -> list[str]:
    opd = changed_only(compare(ev.workload, scen, "opd"))
    out = []
    for r in opd.head(MAX_CHANGES).itertuples(index=False):
        change = whatif.change_text
        out.append(f"{r.opd}: pegawai {change(r.existing_base, r.existing_scen)} · kebutuhan "
                   f"{change(r.need_base, r.need_scen)} · kelebihan "
                   f"{change(r.surplus_base, r.surplus_scen)} · kekurangan "
                   f"{change(r.shortage_base, r.shortage_scen)} orang · EU "
                   f"{change(r.eu2_base, r.eu2_scen, 2)}")
    return out


# ---- OPD sections -----------------------------------------------------------------------


def _opd_slides(ev: Evaluation, opd: str) -> list[Slide]:
    o = ev.opds.set_index("opd").loc[opd]
    st = ev.settings
    sec = {"section": "opd", "opd": opd}
    findings = ev.findings.loc[ev.findings["opd"] == opd] if ev.findings is not None \
        else pd.DataFrame(columns=["severity", "opd", "message"])
    counts = _severity_counts(findings)
    total = o.get("maturity_total")
    out = [Slide("kpi", opd, text=f"{o.get('abbr') or ''} · tipe {o.get('tipe') or '–'}",
                 key=f"opd.{opd}.kpi", **sec, kpis=(
        (KPI_EXISTING, f"{fmt_num(o['existing'])} orang", f"kebutuhan {fmt_num(o['need'])} orang"),
        (KPI_SURPLUS_SHORTAGE, surplus_shortage_text(o["surplus"], o["shortage"]),
         "orang, dijumlah per jabatan"),
        (KPI_EU_OPD, fmt_num(o["eu2"], 2), f"PU {o['pu']} ({o['pu_label']})"
         if isinstance(o["pu"], str) else "tanpa pegawai"),
        ("Kematangan", fmt_num(total), (o.get("maturity_category") or NOT_ASSESSED)
         if pd.notna(total) else NOT_ASSESSED),
        (KPI_VACANT, fmt_num(o["vacant"]), f"dari {fmt_num(o['positions'])} jabatan"),
        ("Temuan", fmt_num(sum(counts.values())), _counts_short(counts)),
    ))]
    if ev.maturity.levels["opd"].eq(opd).any():
        out.append(Slide("grafik", f"Profil kematangan · {opd}",
                         partial(charts.maturity_radar, ev.maturity.levels, opd),
                         key=f"opd.{opd}.radar", **sec))
    else:
        out.append(Slide("pesan", f"Profil kematangan · {opd}", key=f"opd.{opd}.radar",
                         text="Data kematangan OPD ini belum diisi (sheet Kematangan kosong).",
                         **sec))
    units = ev.workload.units.loc[ev.workload.units["opd"] == opd]
    for depth, what in ((2, "bidang/bagian"), (3, "seksi/subbagian")):
        level = units.loc[(units["depth"] == depth) & units["eu2"].notna()]
        key = f"opd.{opd}.eu{depth}"
        if level.empty:
            out.append(Slide("pesan", f"EU per {what} · {opd}", key=key, **sec,
                             text=f"OPD ini tidak memiliki {what} dengan pegawai."))
            continue
        title = f"EU per {what} · {o.get('abbr') or opd}"
        if len(level) > ROWS_PER_SLIDE:  # the most extreme units: lowest and highest EU
            keep = level.sort_values("eu2", kind="stable")
            half = ROWS_PER_SLIDE // 2
            drop = keep.iloc[half:len(keep) - (ROWS_PER_SLIDE - half)]["uid"]
            units_shown = units.loc[~units["uid"].isin(drop)]
            title += f" ({ROWS_PER_SLIDE} ekstrem dari {len(level)})"  # one line at 1024 px
        else:
            units_shown = units
        out.append(Slide("grafik", title, partial(charts.unit_eu_bars, units_shown, opd, st,
                                                  depth=depth, title=title), key=key, **sec))
    out.append(Slide("teks", f"Temuan · {opd}", text=_counts_text(counts),
                     key=f"opd.{opd}.temuan", **sec,
                     bullets=_finding_bullets(findings, with_opd=False)
                     or ("Tidak ada temuan untuk OPD ini.",)))
    return out


# ---- the deck -----------------------------------------------------------------------------


def default_opds(ev: Evaluation) -> list[str]:
    """Every OPD of the city, in file order."""
    return list(ev.city.opd_names)


def build_deck(ev: Evaluation, opd_order: Sequence[str] | None = None,
               scenario: Scenario | None = None, *, run: ScenarioRun | None = None,
               rounds: RoundsPart | None = None) -> list[Slide]:
    """The deck: city slides, scenario slides (when `scenario` has changes; `run` is its
    `run_scenario` result when the caller has it), one section per OPD of `opd_order` in
    that order (unknown names are skipped, duplicates once), then the planning slides
    (present.deck_planning). `rounds` (trend, changes since the previous round) adds the round
    slides after the city part (present.rounds)."""
    slides = _city_slides(ev)
    if rounds is not None:
        slides += [Slide(**fields) for fields in round_slides(*rounds)]
    if scenario is not None and len(scenario):
        slides += _scenario_slides(ev, scenario, run)
    known = set(ev.city.opd_names)
    order = default_opds(ev) if opd_order is None else list(dict.fromkeys(opd_order))
    for opd in order:
        if opd in known:
            slides += _opd_slides(ev, opd)
    return slides + [Slide(**fields) for fields in planning_slides(ev)]


def opd_start(slides: Sequence[Slide], opd: str) -> int | None:
    """Index of the first slide of the OPD's section (None when the deck has none)."""
    for i, s in enumerate(slides):
        if s.section == "opd" and s.opd == opd:
            return i
    return None


def deck_opds(slides: Sequence[Slide]) -> list[str]:
    """The OPDs with a section, in deck order."""
    return list(dict.fromkeys(s.opd for s in slides if s.section == "opd" and s.opd))
