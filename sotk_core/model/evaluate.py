"""One call from a city to every result the product shows: `evaluate(city, settings)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.model.balance import BalanceResult, compute_balance
from sotk_core.model.city import CityData
from sotk_core.model.findings import build_findings
from sotk_core.model.kelembagaan import compute_kelembagaan, sakip_grade, table_warnings
from sotk_core.model.maturity import MaturityResult, compute_maturity
from sotk_core.model.norm_units import unit_warnings
from sotk_core.model.structure import StructureResult, compute_structure
from sotk_core.model.workload import WorkloadResult, compute_workload


@dataclass(frozen=True)
class Evaluation:
    settings: Settings
    city: CityData
    workload: WorkloadResult
    maturity: MaturityResult
    kelembagaan: pd.DataFrame
    opds: pd.DataFrame  # workload per OPD + maturity + SAKIP + kelembagaan
    summary: dict[str, object]  # the city block
    structure: StructureResult | None = field(default=None)  # SOTK checks (domain.md §4)
    findings: pd.DataFrame | None = field(default=None)  # flat table of findings (Temuan)
    # Warnings that need the settings in force: norms in the wrong unit, kelembagaan items the
    # chosen table does not have. `issues` lists them after the workbooks' own.
    notices: tuple[Issue, ...] = field(default=())

    @property
    def issues(self) -> list[Issue]:
        return [*self.city.issues, *self.notices]

    @cached_property
    def balance(self) -> BalanceResult:
        """Workload balance (domain.md §5), computed when first asked for: the pages that
        show it ask, the command-line report does not."""
        return compute_balance(self.city, self.workload, self.settings)


def evaluate(city: CityData, settings: Settings,
             size_limits: pd.DataFrame | None = None) -> Evaluation:
    """`size_limits` replaces the default size-limit table (see structure.size_limits_table)."""
    workload = compute_workload(city, settings)
    maturity = compute_maturity(city.maturity, city.opd_names, settings)
    with_upt = set(city.units.loc[city.units["kind"] == "UPT", "opd"].tolist())
    has_upt = {opd: opd in with_upt for opd in dict.fromkeys(city.units["opd"].tolist())}
    kel = compute_kelembagaan(city.kelembagaan, has_upt, settings.kelembagaan_table)
    files = dict(zip(city.opds["opd"], city.opds["file"], strict=True))
    notices = (*unit_warnings(city, workload, settings),
               *table_warnings(city.kelembagaan, files, settings.kelembagaan_table))

    opds = workload.opds.merge(
        maturity.opd.loc[:, ["opd", "total", "category", "stage", "self_total"]].rename(
            columns={"total": "maturity_total", "category": "maturity_category",
                     "stage": "maturity_stage", "self_total": "maturity_self_total"}),
        on="opd", how="left")
    opds["sakip_grade"] = [sakip_grade(s) for s in opds["sakip"]]
    if len(kel):
        opds = opds.merge(kel.loc[:, ["opd", "total", "rank"]].rename(
            columns={"total": "kelembagaan_total", "rank": "kelembagaan_rank"}), on="opd", how="left")
    else:
        opds["kelembagaan_total"] = np.nan
        opds["kelembagaan_rank"] = None

    summary: dict[str, object] = {
        "name": city.name,
        **workload.city,
        "maturity_mean": maturity.city_mean,
        "maturity_category": maturity.city_category,
        "maturity_count": int(len(maturity.opd)),
        "files": len(city.workbooks),
        "files_failed": sum(1 for wb in city.workbooks if not wb.ok),
    }
    structure = compute_structure(city, workload, settings, size_limits)
    findings = build_findings(structure, workload, settings)
    return Evaluation(settings=settings, city=city, workload=workload, maturity=maturity,
                      kelembagaan=kel, opds=opds, summary=summary, structure=structure,
                      findings=findings, notices=notices)
