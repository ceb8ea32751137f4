"""The shape of the house, checked on every import statement (module level, inside functions
and under TYPE_CHECKING alike): sotk_core never imports streamlit, no two project modules
import each other in a cycle, and lower layers never import higher ones."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "sotk_core"
LAYERS = ["base", "workbook", "model", "scenario", "present", "store", "__main__"]  # low → high
SIBLINGS = {frozenset({"present", "store"})}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, resolved to a project module where it names one."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = _module(path)
                package = here if path.name == "__init__.py" else here.rpartition(".")[0]
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in CORE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for mod, path in files.items():
        targets = {t for t in _imports(path) if t in files and t != mod}
        # importing a submodule runs its package __init__, which is not an edge back
        graph[mod] = {t for t in targets if not mod.startswith(t + ".")}
    return graph


def test_no_streamlit_import_in_core():
    offenders = [f"{p.relative_to(ROOT)}: {n}" for p in CORE.rglob("*.py") for n in _imports(p)
                 if n.split(".")[0] == "streamlit"]
    assert list(CORE.rglob("*.py")), "sotk_core not found"
    assert offenders == []


def test_no_import_cycle_among_core_modules():
    graph = _graph()
    colour: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        colour[node] = 1
        for nxt in sorted(graph[node]):
            if colour.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in colour:
                visit(nxt, [*stack, nxt])
        colour[node] = 2

    for node in sorted(graph):
        if node not in colour:
            visit(node, [node])
    assert cycles == []


def test_lower_layers_never_import_higher_ones():
    def layer(mod: str) -> str | None:
        parts = mod.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None

    wrong = []
    for mod, targets in _graph().items():
        src = layer(mod)
        for t in targets:
            dst = layer(t)
            if src is None or dst is None or src == dst:
                continue
            if frozenset({src, dst}) in SIBLINGS or LAYERS.index(dst) > LAYERS.index(src):
                wrong.append(f"{mod} -> {t}")
    assert wrong == []


def test_the_scan_sees_imports_inside_functions_and_type_checking(tmp_path):
    """The scan itself works: imports hidden in a function or under TYPE_CHECKING count."""
    a = tmp_path / "a.py"
    a.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sotk_core.model.city\n"
                 "def f():\n    from sotk_core.present import deck\n", encoding="utf-8")
    assert {"sotk_core.present.deck", "sotk_core.model.city"} <= _imports(a)


PAGES = ROOT / "pages"


def test_pages_only_draw_no_pandas_or_numpy_import():
    """Display frames are built in sotk_core or sotk_ui; a page imports neither library, not
    even inside a function."""
    files = list(PAGES.glob("*.py"))
    offenders = [f"{p.relative_to(ROOT)}: {n}" for p in files for n in _imports(p)
                 if n.split(".")[0] in {"pandas", "numpy"}]
    assert len(files) >= 8, "pages/ not found"
    assert offenders == []


def test_the_page_scan_sees_a_pandas_import(tmp_path):
    page = tmp_path / "page.py"
    page.write_text("def body():\n    import pandas as pd\n    from numpy import nan\n",
                    encoding="utf-8")
    assert {"pandas", "numpy"} <= {n.split(".")[0] for n in _imports(page)}
