"""What a what-if scenario does, as display frames and sentences (Simulasi page, deck, results
workbook): the changed positions and units before → after, the OPD and city totals, and
several named scenarios side by side. Every frame is text ready to show: numbers Indonesian
style with EJ/EU and decimal need to two decimals, a change written "2,80 → 0,93 (−1,87)".

Inputs are `WorkloadResult`s from `sotk_core.scenario.run_scenario` (the one pipeline), so the
page, the deck and the workbook read the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.model.workload import WorkloadResult
from sotk_core.scenario.compare import changed_only, compare, compare_city

MINUS = "\u2212"
ARROW = "\u2192"
# metric -> (header with unit, decimals)
METRICS: dict[str, tuple[str, int]] = {
    "existing": ("Pegawai (orang)", 0),
    "need_raw": ("Kebutuhan desimal (orang)", 2),
    "need": ("Kebutuhan (orang)", 0),
    "surplus": ("Kelebihan (orang)", 0),
    "shortage": ("Kekurangan (orang)", 0),
    "ej2": ("EJ", 2),
    "eu2": ("EU", 2),
    "pj": ("PJ", 0),
    "pu": ("PU", 0),
    "workload_hours": ("Beban kerja (jam/th)", 1),
}
# the reading first (EJ/EU), then why: people, decimal need, the shortage or surplus left
POSITION_METRICS = ["ej2", "existing", "need_raw", "need", "shortage", "surplus"]
UNIT_METRICS = ["eu2", "existing", "need_raw", "need", "shortage", "surplus"]
OPD_METRICS = ["existing", "need_raw", "need", "surplus", "shortage", "eu2"]
CITY_METRICS = ["existing", "need_raw", "need", "surplus", "shortage", "eu2", "vacant"]
CITY_HEADERS = {"vacant": ("Jabatan kosong", 0)}


def signed(value: float, decimals: int = 0) -> str:
    """'+1,25', '−0,50', '0' (typographic minus, no sign on zero)."""
    text = fmt_num(value, decimals)
    if text.strip("0,.") == "" or text == "–":
        return text.lstrip("-")
    return ("+" + text) if value > 0 else text.replace("-", MINUS, 1)


def change_text(base: object, scen: object, decimals: int = 0) -> str:
    """'2,80 → 0,93 (−1,87)' when the value changed, else the value alone; text values
    (PJ letters) as 'A → C'."""
    if isinstance(base, str) or isinstance(scen, str) or base is None or scen is None:
        b, s = ("–" if _opt(v) is None else fmt_or_text(v, decimals) for v in (base, scen))
        return b if b == s else f"{b} {ARROW} {s}"
    b, s = fmt_num(base, decimals), fmt_num(scen, decimals)
    if b == s:
        return b
    try:
        delta = float(scen) - float(base)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"{b} {ARROW} {s}"
    if delta != delta:  # one side missing (EJ of an empty position)
        return f"{b} {ARROW} {s}"
    return f"{b} {ARROW} {s} ({signed(delta, decimals)})"


def delta_view(frame: pd.DataFrame, metrics: Sequence[str], info: Mapping[str, str]
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A `compare` frame as text: the `info` columns (column -> header) and one column per
    metric 'before → after (delta)'; plus a frame of the same shape flagging changed cells."""
    view = pd.DataFrame({head: frame[col].astype(object).fillna("–").astype(str).to_numpy()
                         for col, head in info.items()})
    flags = pd.DataFrame(False, index=view.index, columns=view.columns)
    presence = frame["presence"].to_numpy() if "presence" in frame else None
    for m in metrics:
        head, dec = METRICS[m]
        base, scen = frame[f"{m}_base"].to_numpy(), frame[f"{m}_scen"].to_numpy()
        cells = [change_text(_opt(b), _opt(s), dec) for b, s in zip(base, scen, strict=True)]
        if presence is not None:  # a new or removed row: only the side that exists
            cells = [(("baru: " + fmt_or_text(s, dec)) if p == "baru" else
                      ("dihapus, semula " + fmt_or_text(b, dec)) if p == "dihapus" else c)
                     for c, p, b, s in zip(cells, presence, base, scen, strict=True)]
        view[head] = cells
        flags[head] = frame[f"{m}_changed"].to_numpy(dtype=bool)
    return view, flags


def fmt_or_text(value: object, decimals: int) -> str:
    return value if isinstance(value, str) else fmt_num(_opt(value), decimals)


def _opt(v: object) -> object:
    """None for a missing value (None, NaN, pd.NA), else the value."""
    if v is None or isinstance(v, str):
        return v
    missing = pd.isna(v)
    return None if isinstance(missing, bool) and missing else v


# ---- the effect of one scenario --------------------------------------------------------------


def changed_positions(base: WorkloadResult, scen: WorkloadResult, opd: str | None = None
                      ) -> pd.DataFrame:
    """The positions the scenario changed (a `compare` frame), largest EJ change first."""
    pos = changed_only(compare(base, scen, "position", opd))
    size = (pos["ej2_scen"].fillna(0) - pos["ej2_base"].fillna(0)).abs() \
        + pos["existing_delta"].abs()
    return pos.assign(_size=size.to_numpy()).sort_values("_size", ascending=False,
                                                           kind="stable").drop(columns="_size")


def changed_units(base: WorkloadResult, scen: WorkloadResult, opd: str | None = None
                  ) -> pd.DataFrame:
    """The units below the OPD (bidang, seksi, ...) the scenario changed, deepest last."""
    units = changed_only(compare(base, scen, "unit", opd))
    return units.loc[units["depth"] > 1].reset_index(drop=True)


def position_effect_view(base: WorkloadResult, scen: WorkloadResult, opd: str | None = None
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    pos = changed_positions(base, scen, opd)
    info = {"name": "Jabatan", "unit_name": "Unit"} | ({} if opd else {"opd": "OPD"})
    return delta_view(pos, POSITION_METRICS, info)


def unit_effect_view(base: WorkloadResult, scen: WorkloadResult, opd: str | None = None
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    units = changed_units(base, scen, opd)
    info = {"name": "Unit"} | ({} if opd else {"opd": "OPD"})
    return delta_view(units, UNIT_METRICS, info)


def _staffing(surplus: object, shortage: object) -> str:
    s, k = float(surplus or 0), float(shortage or 0)  # type: ignore[arg-type]
    if k > 0:
        return f"kurang {fmt_num(k)}"
    return f"lebih {fmt_num(s)}" if s > 0 else "pas"


def position_sentences(base: WorkloadResult, scen: WorkloadResult, limit: int = 6
                       ) -> list[str]:
    """One line per changed position for a slide: 'Analis (Seksi B, Dinkes): EJ 2,80 → 0,93 ·
    pegawai 1 → 3 · butuh 2,80 orang · kurang 2 → pas'."""
    out = []
    for r in changed_positions(base, scen).head(limit).itertuples(index=False):
        where = ", ".join(str(x) for x in (r.unit_name, r.opd) if isinstance(x, str))
        parts = [f"EJ {change_text(_opt(r.ej2_base), _opt(r.ej2_scen), 2)}",
                 f"pegawai {change_text(r.existing_base, r.existing_scen)}",
                 f"butuh {change_text(r.need_raw_base, r.need_raw_scen, 2)} orang",
                 f"{_staffing(r.surplus_base, r.shortage_base)} {ARROW} "
                 f"{_staffing(r.surplus_scen, r.shortage_scen)}"]
        if r.presence != "tetap":
            parts.insert(0, "jabatan baru" if r.presence == "baru" else "dihapus")
        out.append(f"{r.name} ({where}): " + " · ".join(parts))
    return out


def unit_sentences(base: WorkloadResult, scen: WorkloadResult, limit: int = 6) -> list[str]:
    """One line per changed unit below the OPD: 'Seksi B (Dinkes): EU 1,40 → 0,93 · pegawai
    2 → 3 · kekurangan 2 → 0 orang'."""
    out = []
    units = changed_units(base, scen)
    units = units.assign(_size=(units["eu2_scen"].fillna(0) - units["eu2_base"].fillna(0)).abs())
    for r in units.sort_values("_size", ascending=False, kind="stable").head(limit).itertuples(
            index=False):
        out.append(f"{r.name} ({r.opd}): EU {change_text(_opt(r.eu2_base), _opt(r.eu2_scen), 2)}"
                   f" · pegawai {change_text(r.existing_base, r.existing_scen)}"
                   f" · kebutuhan {change_text(r.need_base, r.need_scen)} orang"
                   f" · kekurangan {change_text(r.shortage_base, r.shortage_scen)} orang")
    return out


def opd_totals_view(base: WorkloadResult, scen: WorkloadResult, only_changed: bool = True
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = compare(base, scen, "opd")
    if only_changed:
        frame = changed_only(frame)
    return delta_view(frame, OPD_METRICS, {"opd": "OPD"})


def city_view(base: WorkloadResult, scen: WorkloadResult) -> pd.DataFrame:
    """The city block: Ukuran, Saat ini, Simulasi, Selisih (two decimals for EU and decimal
    need, hours one, people whole)."""
    city = compare_city(base, scen)
    decimals = {"workload_hours": 1, "need_raw": 2, "eu2": 2}
    rows = []
    for m, lab, b, s in zip(city["metric"], city["label"], city["base"], city["scen"],
                            strict=True):
        dec = decimals.get(m, 0)
        numeric = not isinstance(b, str) and not isinstance(s, str)
        rows.append({"Ukuran": lab, "Saat ini": fmt_or_text(b, dec),
                     "Simulasi": fmt_or_text(s, dec),
                     "Selisih": signed(float(s) - float(b), dec)
                     if numeric and b is not None and s is not None else
                     ("tetap" if b == s else f"{b} {ARROW} {s}")})
    return pd.DataFrame(rows)


def city_sentence(base: WorkloadResult, scen: WorkloadResult) -> str:
    """'Kota: pegawai 391 · kebutuhan 380 → 379 (−1) orang · ... · EU 0,90 → 0,91 (+0,01)'."""
    city = compare_city(base, scen).set_index("metric")

    def part(metric: str, what: str, dec: int = 0, unit: str = " orang") -> str:
        return (f"{what} {change_text(_opt(city.at[metric, 'base']), _opt(city.at[metric, 'scen']), dec)}"
                f"{unit}")

    return "Kota: " + "; ".join([part("existing", "pegawai"), part("need", "kebutuhan"),
                                 part("surplus", "kelebihan"), part("shortage", "kekurangan"),
                                 part("eu2", "EU", 2, "")])


# ---- several named scenarios side by side -----------------------------------------------------


def scenarios_by_opd(base: WorkloadResult, scens: Mapping[str, WorkloadResult], metric: str,
                     only_changed: bool = True) -> pd.DataFrame:
    """One row per OPD: today's value, then per scenario its value and its change from
    today ('Δ <name>'), as text (EU and decimal need to two decimals)."""
    head, dec = METRICS[metric]
    frames = {name: compare(base, s, "opd") for name, s in scens.items()}
    first = next(iter(frames.values()), None)
    if first is None:
        return pd.DataFrame(columns=["OPD", "Saat ini"])
    out = pd.DataFrame({"OPD": first["opd"].to_numpy(),
                        "Saat ini": [fmt_or_text(_opt(v), dec) for v in first[f"{metric}_base"]]})
    changed = pd.Series(False, index=out.index)
    for name, f in frames.items():
        f = f.set_index("opd").reindex(out["OPD"])
        out[name] = [fmt_or_text(_opt(v), dec) for v in f[f"{metric}_scen"]]
        delta = f[f"{metric}_scen"].to_numpy(dtype="float64") - \
            f[f"{metric}_base"].to_numpy(dtype="float64")
        out[f"\u0394 {name}"] = ["–" if d != d else signed(d, dec) for d in delta]
        changed |= f["changed"].to_numpy(dtype=bool)
    out.attrs["metric"] = head
    return out.loc[changed.to_numpy()].reset_index(drop=True) if only_changed else out


def scenarios_city(base: WorkloadResult, scens: Mapping[str, WorkloadResult]) -> pd.DataFrame:
    """The city block for every scenario: Ukuran, Saat ini, then <name> and Δ <name>."""
    out: pd.DataFrame | None = None
    for name, s in scens.items():
        city = compare_city(base, s).set_index("metric").loc[CITY_METRICS]
        if out is None:
            out = pd.DataFrame({"Ukuran": [_city_label(m) for m in city.index],
                                "Saat ini": [fmt_or_text(_opt(v), _city_dec(m))
                                             for m, v in city["base"].items()]})
        out[name] = [fmt_or_text(_opt(v), _city_dec(m)) for m, v in city["scen"].items()]
        out[f"\u0394 {name}"] = [signed(d, _city_dec(m)) if d == d else "–"
                                 for m, d in city["delta"].items()]
    return out if out is not None else pd.DataFrame(columns=["Ukuran", "Saat ini"])


def _city_label(metric: str) -> str:
    return (CITY_HEADERS.get(metric) or METRICS[metric])[0].replace("EU", "EU kota")


def _city_dec(metric: str) -> int:
    return (CITY_HEADERS.get(metric) or METRICS[metric])[1]


# ---- labels of the change forms --------------------------------------------------------------


def position_options(positions: pd.DataFrame, opd: str, donors_only: bool = False
                     ) -> dict[str, str]:
    """Kode Jabatan -> 'Nama · Unit (6 org)' for the positions of `opd` in a (scenario)
    workload; `donors_only`: positions that have staff to move."""
    pos = positions.loc[positions["opd"] == opd]
    if donors_only:
        pos = pos.loc[pos["existing"] > 0]
    return {str(c): f"{n} · {u} ({fmt_num(e)} org)" for c, n, u, e in zip(
        pos["code"], pos["name"], pos["unit_name"], pos["existing"], strict=True)}


def task_options(tasks: pd.DataFrame, opd: str, code: str) -> dict[int, str]:
    """Excel row -> 'Uraian — 12 Dokumen/Bulan × 90 Menit' for the tasks of one position
    that come from the workbook (tasks added by a scenario have row 0)."""
    own = tasks.loc[(tasks["opd"] == opd) & (tasks["position"] == code) & (tasks["row"] > 0)]
    return {int(r): (f"{t} — {fmt_num(v, 1)} {o if isinstance(o, str) else ''}/{p} × "
                     f"{fmt_num(nm, 1)} {tu}").replace(" /", "/")
            for r, t, v, o, p, nm, tu in zip(own["row"], own["task"], own["volume"],
                                             own["output"], own["period"], own["norma"],
                                             own["time_unit"], strict=True)}


def task_values(tasks: pd.DataFrame, opd: str, row: int) -> tuple[float, float, str]:
    """(volume, norma, time unit) of the task at `row` of `opd`."""
    t = tasks.loc[(tasks["opd"] == opd) & (tasks["row"] == row)].iloc[0]
    return float(t["volume"]), float(t["norma"]), str(t["time_unit"])


def positions_with_tasks(tasks: pd.DataFrame, opd: str) -> set[str]:
    own = tasks.loc[(tasks["opd"] == opd) & (tasks["row"] > 0), "position"]
    return set(own.astype(str))


def unit_options(units: pd.DataFrame, opd: str) -> dict[str, str]:
    """Kode Unit -> name for the units of `opd`."""
    own = units.loc[units["opd"] == opd]
    return dict(zip(own["code"].astype(str), own["name"].astype(str), strict=True))


def balance_view(bal: pd.DataFrame) -> pd.DataFrame:
    """`compare_balance` as text: Ukuran, Saat ini, Simulasi (shares as %, others 2 dec.)."""
    def shown(metric: str, value: object) -> str:
        if isinstance(value, str):
            return value
        return fmt_pct(value, 1) if "share" in metric else fmt_num(value, 2)

    return pd.DataFrame({
        "Ukuran": bal["label"].to_numpy(),
        "Saat ini": [shown(m, v) for m, v in zip(bal["metric"], bal["base"], strict=True)],
        "Simulasi": [shown(m, v) for m, v in zip(bal["metric"], bal["scen"], strict=True)],
    })


__all__ = ["balance_view", "change_text", "changed_positions", "changed_units",
           "city_sentence", "city_view", "delta_view", "opd_totals_view", "position_effect_view",
           "position_options", "position_sentences", "positions_with_tasks", "scenarios_by_opd",
           "scenarios_city", "signed", "task_options", "task_values", "unit_effect_view",
           "unit_options", "unit_sentences"]
