"""Validated frames to results: the city, workload (ABK), maturity, kelembagaan, structure,
balance, findings, FGD notes, and `evaluate`, which runs them all."""

from sotk_core.model.city import CityData, build_city, load_files, load_paths
from sotk_core.model.evaluate import Evaluation, evaluate
from sotk_core.model.workload import STATUS_LABELS, WorkloadResult, compute_workload, status_labels

__all__ = ["STATUS_LABELS", "CityData", "Evaluation", "WorkloadResult", "build_city",
           "compute_workload", "evaluate", "load_files", "load_paths", "status_labels"]
