"""Suggested staff moves that cover shortages with surpluses [policy].

Rules:
* a donor is a non-structural position with surplus (kelebihan = existing − need > 0), a
  recipient a non-structural position with shortage (kekurangan > 0). Structural heads (JPT
  Pratama, Administrator, Pengawas) are never moved and never filled by a move;
* donor and recipient must match (`match`):
  - "name" (default): the same Nama Jabatan and Jenis Jabatan;
  - "jenis_pelaksana": as "name", and any two Pelaksana positions of the same Kelas Jabatan
    (Pelaksana without a kelas still match by name only);
  - "any_pelaksana": as "name", and any two Pelaksana positions whatever their kelas;
  each rule is a partition of the positions into groups (a group key per position), so every
  donor of a group can serve every recipient of the same group;
* `scope="opd"` (default): moves stay inside one OPD; `scope="city"`: first inside the OPD,
  then across OPDs. `opd` restricts the shortages to cover to one OPD.

Why the number of people moved is minimal: moving one person into a position with shortage
lowers its shortage by exactly 1, and taking one from a position with surplus leaves it
without shortage (need does not depend on staff), so lowering the total shortage by k needs at
least k people. Inside a group every donor fits every recipient, so the greedy pairing moves
min(Σ surplus, Σ shortage) people, the most any matching can cover there; groups do not share
positions, so the total covered is the maximum and every person moved covers one unit of
shortage — no move is wasted. (Pairing largest surplus with largest shortage also keeps the
number of move rows small; that count is not guaranteed minimal.)
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import MATCH_LABELS, SCOPE_LABELS
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.scenario.core import MoveStaff, Scenario, validate
from sotk_core.workbook.spec import STRUCTURAL

Match = Literal["name", "jenis_pelaksana", "any_pelaksana"]
Scope = Literal["opd", "city"]


@dataclass(frozen=True)
class Suggestion:
    """A scenario of moves and what it achieves (people, shortages in the chosen scope)."""

    scenario: Scenario
    moved: int
    shortage_before: int
    shortage_after: int
    uncovered: int  # formasi baru still needed after the moves
    surplus_left: int  # surplus no matching shortage could use
    message: str


def _group_keys(pos: pd.DataFrame, match: Match) -> list[Hashable]:
    keys: list[Hashable] = []
    for kind, name, grade in zip(pos["kind"].tolist(), pos["name"].tolist(),
                                 pos["grade"].tolist(), strict=True):
        if kind == "Pelaksana" and match == "any_pelaksana":
            keys.append(("Pelaksana",))
        elif kind == "Pelaksana" and match == "jenis_pelaksana" and not pd.isna(grade):
            keys.append(("Pelaksana", float(grade)))
        else:
            keys.append((kind, name))
    return keys


def _pair(donors: list[list], recipients: list[list]) -> list[tuple[list, list, int]]:
    """Greedy two-pointer pairing, in list order; items are [opd, code, remaining] lists and
    their remaining counts are updated in place."""
    moves = []
    i = j = 0
    while i < len(donors) and j < len(recipients):
        d, r = donors[i], recipients[j]
        if d[2] == 0:
            i += 1
        elif r[2] == 0:
            j += 1
        else:
            n = min(d[2], r[2])
            moves.append((d, r, n))
            d[2] -= n
            r[2] -= n
    return moves


def _pair_within_opd(donors: list[list], recipients: list[list]
                     ) -> list[tuple[list, list, int]]:
    by_opd: dict[str, tuple[list[list], list[list]]] = {}
    for d in donors:
        by_opd.setdefault(d[0], ([], []))[0].append(d)
    for r in recipients:
        if r[0] in by_opd:
            by_opd[r[0]][1].append(r)
    return [m for ds, rs in by_opd.values() for m in _pair(ds, rs)]


def suggest_moves(result: WorkloadResult, city: CityData, scope: Scope = "opd",
                  match: Match = "name", opd: str | None = None) -> Suggestion:
    """Moves that reduce shortage using surplus (see the module docstring for the rules)."""
    if scope not in SCOPE_LABELS:
        raise ValueError(f"Cakupan tidak dikenal: {scope!r} (opd, city).")
    if match not in MATCH_LABELS:
        raise ValueError(f"Aturan kecocokan tidak dikenal: {match!r}.")
    pos = result.positions
    in_scope = np.ones(len(pos), dtype=bool) if opd is None else (pos["opd"] == opd).to_numpy()
    surplus = pos["surplus"].to_numpy(dtype="float64").round().astype("int64")
    shortage = pos["shortage"].to_numpy(dtype="float64").round().astype("int64")
    movable = ~pos["kind"].isin(STRUCTURAL).to_numpy()
    donor_ok = movable & (surplus > 0) & (in_scope if scope == "opd" else True)
    recip_ok = movable & (shortage > 0) & in_scope
    vacant = pos["existing"].to_numpy() == 0

    keys = _group_keys(pos, match)
    groups: dict[Hashable, tuple[list[list], list[list]]] = {}
    # Largest surplus first; recipients: vacant positions first, then largest shortage.
    for i in sorted(np.flatnonzero(donor_ok), key=lambda i: (-surplus[i], i)):
        groups.setdefault(keys[i], ([], []))[0].append([pos["opd"].iat[i], pos["code"].iat[i],
                                                        int(surplus[i])])
    for i in sorted(np.flatnonzero(recip_ok), key=lambda i: (not vacant[i], -shortage[i], i)):
        if keys[i] in groups:
            groups[keys[i]][1].append([pos["opd"].iat[i], pos["code"].iat[i], int(shortage[i])])

    moves: list[tuple[list, list, int]] = []
    for donors, recipients in groups.values():
        moves += _pair_within_opd(donors, recipients)
        if scope == "city":
            moves += _pair(donors, recipients)

    changes = tuple(MoveStaff(d[0], d[1], r[0], r[1], n) for d, r, n in moves)
    title = "Saran pemindahan pegawai" + (f" {opd}" if opd else "")
    scenario = Scenario(name=title, changes=changes)
    problems = validate(city, scenario, result.settings)
    if problems:  # the result was not computed from this city
        raise ValueError("Saran tidak cocok dengan data kota: " + problems[0].message)

    moved = sum(n for _, _, n in moves)
    before = int(shortage[in_scope].sum())
    after = before - moved
    left = int(surplus[donor_ok].sum()) - moved
    heads_short = int(shortage[in_scope & ~movable].sum())
    return Suggestion(scenario=scenario, moved=moved, shortage_before=before,
                      shortage_after=after, uncovered=after, surplus_left=left,
                      message=_message(moved, len(changes), before, after, left, heads_short,
                                       scope, match))


def _lc_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _message(moved: int, steps: int, before: int, after: int, left: int, heads_short: int,
             scope: Scope, match: Match) -> str:
    rule = f"aturan: {_lc_first(MATCH_LABELS[match])}; {_lc_first(SCOPE_LABELS[scope])}"
    if before == 0:
        return f"Tidak ada kekurangan pegawai yang perlu ditutup ({rule})."
    if moved == 0:
        text = (f"Tidak ada kelebihan pegawai yang cocok untuk menutup kekurangan ({rule}). "
                f"Kekurangan {fmt_num(before)} orang tetap memerlukan formasi baru.")
    else:
        text = (f"Pindahkan {fmt_num(moved)} pegawai dalam {fmt_num(steps)} langkah ({rule}). "
                f"Kekurangan turun dari {fmt_num(before)} menjadi {fmt_num(after)} orang.")
        if after == 0:
            text += " Seluruh kekurangan tertutup oleh kelebihan pegawai; tidak perlu formasi baru."
        else:
            text += (f" Kelebihan pegawai tidak cukup atau tidak cocok untuk sisanya: masih "
                     f"diperlukan {fmt_num(after)} formasi baru.")
    if heads_short > 0 and after > 0:
        text += (f" Dari sisa itu, {fmt_num(heads_short)} ada pada jabatan struktural, yang tidak "
                 "diisi lewat pemindahan.")
    if left > 0:
        wider = ("aturan kecocokan yang lebih luas atau cakupan antar-OPD" if scope == "opd"
                 else "aturan kecocokan yang lebih luas")
        text += (f" Masih ada {fmt_num(left)} kelebihan pegawai tanpa jabatan cocok yang "
                 f"kekurangan; pertimbangkan {wider}." if after > 0 else
                 f" Masih ada {fmt_num(left)} kelebihan pegawai yang tidak diperlukan untuk "
                 "menutup kekurangan.")
    return text
