"""Display frames and sentences of the three planning views (pages only draw): the five-year
formasi plan, like units side by side, maturity beside workload. Pure functions over an
`Evaluation` and the planning results of `sotk_core.model`."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from sotk_core.base.fmt import fmt_num, fmt_pct
from sotk_core.base.labels import (
    GROUP_LEVEL_LABELS,
    MOVE_SCOPE_LABELS,
    QUADRANT_ADVICE,
    QUADRANT_LABELS,
)
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.formasi import FormasiResult, compute_formasi
from sotk_core.model.like_units import (
    OUTLIER_SHARE,
    GroupRule,
    LikeUnitsResult,
    compare_like_units,
)
from sotk_core.model.quadrant import maturity_workload
from sotk_core.workbook.spec import JENIS_OPD, JENIS_UNIT

NO_YEAR = "Tanpa tahun"

# ---- formasi ------------------------------------------------------------------------------


def formasi_plan(ev: Evaluation) -> FormasiResult:
    return compute_formasi(ev.city, ev.workload)


def _abbr(ev: Evaluation) -> dict[str, str]:
    return dict(zip(ev.opds["opd"], ev.opds["abbr"].fillna(ev.opds["opd"]), strict=True))


def years_text(plan: FormasiResult) -> str:
    """'2026–2030', or 'lima tahun' when the data give no year."""
    return f"{plan.plan_years[0]}–{plan.plan_years[-1]}" if plan.plan_years else "lima tahun"


def formasi_opd_view(plan: FormasiResult, ev: Evaluation) -> pd.DataFrame:
    """One row per OPD: need, bezetting, retiring, projected, formasi, from redistribution,
    new formasi, surplus left (file order), with the OPD's abbreviation."""
    o = plan.opds.copy()
    o.insert(1, "abbr", o["opd"].map(_abbr(ev)))
    return o


def _scope_words(scope: str) -> str:
    """'unit yang sama' / 'OPD yang sama' inside a sentence (OPD stays in capitals)."""
    text = MOVE_SCOPE_LABELS[scope]
    return text if text.startswith("OPD") else text[:1].lower() + text[1:]


def formasi_positions_view(plan: FormasiResult, opd: str) -> pd.DataFrame:
    """The OPD's positions that retire, lack or spare staff, with a note on redistribution
    ("2 orang dari Administrator Kesehatan Ahli Muda (unit yang sama)")."""
    p = plan.positions.loc[plan.positions["opd"] == opd]
    p = p.loc[(p["formasi"] > 0) | (p["excess"] > 0) | (p["retiring"] > 0)]
    m = plan.moves.loc[plan.moves["opd"] == opd]
    incoming: dict[object, list[str]] = {}
    outgoing: dict[object, list[str]] = {}
    for count, scope, from_code, from_name, from_unit, to_code, to_name, to_unit in zip(
            m["count"], m["scope"], m["from_code"], m["from_name"], m["from_unit_name"],
            m["to_code"], m["to_name"], m["to_unit_name"], strict=True):
        incoming.setdefault(to_code, []).append(
            f"{fmt_num(count)} orang dari {from_name} ({from_unit}, {_scope_words(scope)})")
        outgoing.setdefault(from_code, []).append(f"{fmt_num(count)} orang ke {to_name} "
                                                  f"({to_unit})")
    # one pass over the moves, not two filters per position (5.000 positions at 40 OPD)
    return p.assign(note=["; ".join(incoming.get(code, []) + outgoing.get(code, []))
                          for code in p["code"]])


def formasi_units_view(plan: FormasiResult, opd: str) -> pd.DataFrame:
    """The OPD's units in sheet order, each with the sums over itself and the units below it
    (the OPD's top unit is the OPD's total); units with neither need nor staff left out.
    unit_name carries one "– " per level below the top ("– – Subbagian Umum")."""
    u = plan.units.loc[plan.units["opd"] == opd]
    u = u.loc[(u["need"] > 0) | (u["existing"] > 0)]
    depth = u["depth"] - (int(u["depth"].min()) if len(u) else 0)
    names = [("– " * int(d)) + str(n) for d, n in zip(depth, u["name"], strict=True)]
    return u.assign(unit_name=names).reset_index(drop=True)


def move_sentences(plan: FormasiResult, opd: str) -> list[str]:
    """'2 orang: Administrator Kesehatan Ahli Muda (Bidang …) → Administrator Kesehatan Ahli
    Pertama (unit yang sama)', one per move of the OPD."""
    out = []
    for _, r in plan.moves.loc[plan.moves["opd"] == opd].iterrows():
        where = _scope_words(r["scope"]) if r["scope"] == "unit" else \
            str(r["to_unit_name"])
        out.append(f"{fmt_num(r['count'])} orang: {r['from_name']} ({r['from_unit_name']}) → "
                   f"{r['to_name']} ({where})")
    return out


MOVES_SHOWN = 5  # redistribution notes under the tables; the rest in a box (an OPD had 27)


def move_lines(plan: FormasiResult, opd: str, shown: int | None = None
               ) -> tuple[list[str], list[str]]:
    """`move_sentences` split into the first `shown` (default MOVES_SHOWN), drawn on the
    page, and the rest, offered in a box built only when opened."""
    lines = move_sentences(plan, opd)
    n = MOVES_SHOWN if shown is None else shown
    return lines[:n], lines[n:]


def moves_view(plan: FormasiResult, opd: str | None = None) -> pd.DataFrame:
    m = plan.moves if opd is None else plan.moves.loc[plan.moves["opd"] == opd]
    return m.assign(scope=m["scope"].map(MOVE_SCOPE_LABELS))


def retirements_by_year(plan: FormasiResult, opd: str | None = None) -> pd.DataFrame:
    """year (text), count: retirements per plan year from the sheet Pensiun, then those known
    only as a five-year total ("Tanpa tahun")."""
    y = plan.years if opd is None else plan.years.loc[plan.years["opd"] == opd]
    p = plan.positions if opd is None else plan.positions.loc[plan.positions["opd"] == opd]
    per = y.groupby("year")["count"].sum()
    rows = [(str(year), float(per.get(year, 0.0))) for year in plan.plan_years]
    rows.append((NO_YEAR, float(p.loc[p["retiring_source"] == "kolom", "retiring"].sum())))
    return pd.DataFrame(rows, columns=["year", "count"])


def formasi_sentence(plan: FormasiResult, name: str, opd: str | None = None) -> str:
    """What the plan says for the city (`opd` None) or one OPD, in one sentence."""
    row = plan.city if opd is None else plan.opds.set_index("opd").loc[opd].to_dict()
    head = (f"{name}: dalam {years_text(plan)} {fmt_num(row['retiring'])} pegawai pensiun; "
            f"bezetting {fmt_num(row['existing'])} orang menjadi {fmt_num(row['projected'])} "
            f"orang, kebutuhan ABK {fmt_num(row['need'])} orang.")
    if not row["formasi"]:
        return head + " Tidak ada kebutuhan formasi."
    text = f" Kurang {fmt_num(row['formasi'])} orang"
    if row["redistributed_in"]:
        text += (f": {fmt_num(row['redistributed_in'])} dapat diisi dari pegawai yang lebih di "
                 f"jabatan lain, usulan formasi baru {fmt_num(row['new_formasi'])} orang.")
    else:
        text += f", seluruhnya usulan formasi baru ({fmt_num(row['new_formasi'])} orang)."
    if row["excess_left"]:
        text += f" Masih lebih {fmt_num(row['excess_left'])} orang yang belum tersalurkan."
    return head + text


# ---- like units ---------------------------------------------------------------------------

RULE_HEADERS = {"name": "Kelompok", "level": "Tingkat", "kind": "Jenis", "pattern": "Pola nama"}
LEVEL_BY_LABEL = {v: k for k, v in GROUP_LEVEL_LABELS.items()}


def like_units(ev: Evaluation, rules: Sequence[GroupRule] | None = None,
               outlier_share: float = OUTLIER_SHARE) -> LikeUnitsResult:
    totals = dict(zip(ev.opds["opd"], ev.opds["maturity_total"], strict=True))
    return compare_like_units(ev.city, ev.workload, ev.settings, totals, rules, outlier_share)


def rules_frame(rules: Sequence[GroupRule]) -> pd.DataFrame:
    """The rules as an editable table (Indonesian headers)."""
    return pd.DataFrame([{RULE_HEADERS["name"]: r.name,
                          RULE_HEADERS["level"]: GROUP_LEVEL_LABELS[r.level],
                          RULE_HEADERS["kind"]: r.kind or "",
                          RULE_HEADERS["pattern"]: r.pattern or ""} for r in rules],
                        columns=list(RULE_HEADERS.values()))


def rules_from_frame(frame: pd.DataFrame) -> tuple[list[GroupRule], list[str]]:
    """Rules from the edited table, and a sentence per row that cannot be a rule (blank rows
    are skipped). Jenis must be a Jenis OPD (level OPD) or a Jenis Unit (level Unit)."""
    rules: list[GroupRule] = []
    problems: list[str] = []
    seen: set[str] = set()
    for i, row in enumerate(frame.to_dict(orient="records"), start=1):
        name, level, kind, pattern = (str(row.get(h) or "").strip() for h in RULE_HEADERS.values())
        if not (name or kind or pattern):
            continue
        if not name:
            problems.append(f"Baris {i}: nama kelompok kosong.")
            continue
        if name in seen:
            problems.append(f"Baris {i}: kelompok '{name}' sudah ada; beri nama lain.")
            continue
        code = LEVEL_BY_LABEL.get(level or GROUP_LEVEL_LABELS["unit"])
        if code is None:
            problems.append(f"Baris {i}: tingkat '{level}' tidak dikenal; pilih OPD atau Unit.")
            continue
        allowed = JENIS_OPD if code == "opd" else JENIS_UNIT
        if kind and kind not in allowed:
            problems.append(f"Baris {i}: jenis '{kind}' bukan jenis "
                            f"{'OPD' if code == 'opd' else 'unit'}; pilih salah satu: "
                            f"{', '.join(allowed)}.")
            continue
        seen.add(name)
        rules.append(GroupRule(name, code, kind or None, pattern or None))
    return rules, problems


def group_options(result: LikeUnitsResult) -> dict[str, str]:
    """Group name -> 'Nama (n unit, k pencilan)' for the groups with members."""
    out = {}
    for _, g in result.groups.iterrows():
        if g["members"]:
            extra = f", {len(g['outliers'])} pencilan" if g["outliers"] else ""
            out[g["group"]] = f"{g['group']} ({g['members']} unit{extra})"
    return out


def group_members(result: LikeUnitsResult, group: str) -> pd.DataFrame:
    return result.members.loc[result.members["group"] == group]


def members_view(result: LikeUnitsResult, group: str) -> pd.DataFrame:
    """The group's members for a table: the distance from the median also in percent."""
    m = group_members(result, group)
    return m.assign(eu2_relative=m["eu2_relative"] * 100)


def outlier_sentences(result: LikeUnitsResult, group: str | None = None) -> list[str]:
    """'Kecamatan Karangrejo: EU 1,39 — 0,48 (53 %) di atas median kelompok Kecamatan
    (0,91).'"""
    m = result.members.loc[result.members["outlier"]]
    if group is not None:
        m = m.loc[m["group"] == group]
    out = []
    for _, r in m.iterrows():
        d = r["eu2_distance"]
        side = "di atas" if d > 0 else "di bawah"
        out.append(f"{r['label']}: EU {fmt_num(r['eu2'], 2)} — {fmt_num(abs(d), 2)} "
                   f"({fmt_pct(abs(r['eu2_relative']))}) {side} median kelompok {r['group']} "
                   f"({fmt_num(r['eu2_median'], 2)}).")
    return out


def same_name_view(result: LikeUnitsResult, group: str) -> pd.DataFrame:
    """Same-name positions of the group (column `name` = the position's name)."""
    return result.positions.loc[result.positions["group"] == group].rename(
        columns={"position": "name"})


# ---- maturity beside workload ---------------------------------------------------------------


def quadrant_view(ev: Evaluation) -> pd.DataFrame:
    """One row per OPD: quadrant (code and words), maturity total, EU, the weakest variable in
    words ('V Pendidikan dan Pelatihan Aparatur (tingkat 2) dan 3 lainnya') and the most
    loaded unit ('Subbagian Umum dan Kepegawaian (EU 1,50)')."""
    q = maturity_workload(ev.opds, ev.maturity, ev.workload, ev.settings)
    weakest = []
    for _, r in q.iterrows():
        if not isinstance(r["weak_roman"], str):
            weakest.append("–")
            continue
        more = f" dan {int(r['weak_count']) - 1} lainnya" if r["weak_count"] > 1 else ""
        weakest.append(f"{r['weak_roman']} {r['weak_name']} (tingkat "
                       f"{fmt_num(r['weak_level'])}){more}")
    top = [f"{u} (EU {fmt_num(e, 2)})" if isinstance(u, str) else "–"
           for u, e in zip(q["top_unit"], q["top_unit_eu"], strict=True)]
    return q.assign(quadrant_code=q["quadrant"], quadrant=q["quadrant"].map(QUADRANT_LABELS),
                    advice=q["quadrant"].map(QUADRANT_ADVICE), weakest=weakest, top_unit=top)


def quadrant_counts(view: pd.DataFrame) -> dict[str, list[str]]:
    """Quadrant code -> the OPDs (abbreviations) in it, in QUADRANT_LABELS order."""
    return {code: view.loc[view["quadrant_code"] == code, "abbr"].astype(str).tolist()
            for code in QUADRANT_LABELS}
