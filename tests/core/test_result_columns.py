"""Every column of every result frame is documented, one line with its unit, in the docstring
of its result (WorkloadResult, StructureResult, BalanceResult, MaturityResult, the findings
module): a column added without a line fails here, and so does a line for a column that is
gone."""

from __future__ import annotations

import inspect
import re

import pytest

from sotk_core.model import findings as findings_module
from sotk_core.model.balance import BalanceResult
from sotk_core.model.maturity import MaturityResult
from sotk_core.model.structure import StructureResult
from sotk_core.model.workload import WorkloadResult


def documented(doc: str, section: str) -> list[str]:
    """The column names listed under `section` in a docstring:

        section (what one row is):
            col_a               what it is (unit)
            col_b, col_c        as in ...
                                (deeper lines continue the description)
    """
    lines = doc.splitlines()
    header = re.compile(rf"^(\s*){re.escape(section)}\b[^:]*:\s*$")
    start = next(i for i, line in enumerate(lines) if header.match(line))
    base = len(header.match(lines[start]).group(1))
    body = []
    for line in lines[start + 1:]:
        indent = len(line) - len(line.lstrip())
        if not line.strip() or indent <= base:
            break
        body.append((indent, line.strip()))
    column_indent = body[0][0]
    names = []
    for indent, text in body:
        if indent == column_indent:
            head = re.split(r"\s{2,}", text)[0]
            names += [n.strip() for n in head.split(",") if n.strip()]
    return names


def test_the_parser_reads_names_descriptions_and_groups():
    doc = """x

    rows (one row per thing):
        a                   first (persons)
                            more words
        b, c                as in elsewhere
        mean_Tata Laksana   a name with a space

    other:
        d                   no
    """
    assert documented(doc, "rows") == ["a", "b", "c", "mean_Tata Laksana"]


CASES = [(WorkloadResult, "uji_eval.workload", name) for name in
         ("tasks", "positions", "units", "opds")] + \
        [(StructureResult, "uji_eval.structure", name) for name in
         ("units", "heads", "span_buckets", "span_city", "opds", "size_checks", "urusan",
          "size_limits")] + \
        [(BalanceResult, "uji_eval.balance", name) for name in ("groups", "members", "levels")] + \
        [(MaturityResult, "uji_eval.maturity", name) for name in ("levels", "opd", "weakest")]


@pytest.mark.parametrize(("result", "where", "frame"), CASES,
                         ids=[f"{r.__name__}.{f}" for r, _, f in CASES])
def test_every_column_of_a_result_frame_is_documented(sample_eval, result, where, frame):
    obj = getattr(sample_eval, where.split(".")[1])
    columns = list(getattr(obj, frame).columns)
    names = documented(inspect.getdoc(result) or "", frame)
    assert len(names) == len(set(names)), names
    assert sorted(names) == sorted(columns)


def test_every_findings_column_is_documented(sample_eval):
    names = documented(findings_module.__doc__ or "", "Columns")
    assert names == list(findings_module.COLUMNS) == list(sample_eval.findings.columns)
