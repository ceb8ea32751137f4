"""Every third-party module the product imports is installed by its requirements files: a
fresh `pip install -r requirements.txt` (the README's first command) must give the app every
package it imports, and `requirements-dev.txt` everything the tests and benchmarks import."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ("app.py", "pages", "sotk_ui", "sotk_core", "sample_data")
DEV = ("tests", "benchmarks")
# this repository's own modules: top level, and tests/ (on sys.path for its helpers)
LOCAL = {p.stem for d in (ROOT, ROOT / "tests") for p in d.iterdir()
         if p.suffix == ".py" or (p / "__init__.py").exists() or p.name in RUNTIME}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pinned(path: Path) -> set[str]:
    """Distribution names a requirements file names (following `-r other.txt`)."""
    names: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= _pinned(path.parent / line[3:].strip())
        elif line:
            names.add(_norm(re.split(r"[\[=<>!~; ]", line, maxsplit=1)[0]))
    return names


def _closure(names: set[str]) -> set[str]:
    """The distributions installing `names` brings in (their declared requirements)."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for req in requires:
            if "extra ==" in req:
                continue
            todo.append(_norm(re.split(r"[\[=<>!~;( ]", req, maxsplit=1)[0]))
    return seen


def _imported(where: tuple[str, ...]) -> dict[str, str]:
    """Top-level third-party modules imported under `where` -> a file importing it."""
    found: dict[str, str] = {}
    for entry in where:
        path = ROOT / entry
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    tops = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                    tops = [node.module.split(".")[0]]
                else:
                    continue
                for top in tops:
                    if top not in sys.stdlib_module_names and top not in LOCAL:
                        found.setdefault(top, str(file.relative_to(ROOT)))
    return found


def _missing(where: tuple[str, ...], requirements: str) -> list[str]:
    installed = _closure(_pinned(ROOT / requirements))
    providers = metadata.packages_distributions()
    missing = []
    for module, file in sorted(_imported(where).items()):
        dists = {_norm(d) for d in providers.get(module, [])}
        if not dists & installed:
            missing.append(f"{module} (imported by {file}; from {sorted(dists) or '?'})")
    return missing


def test_the_app_imports_only_what_requirements_txt_installs():
    assert _missing(RUNTIME, "requirements.txt") == []


def test_tests_and_benchmarks_import_only_what_requirements_dev_txt_installs():
    assert _missing(RUNTIME + DEV, "requirements-dev.txt") == []


def test_the_check_sees_a_package_that_is_not_listed(tmp_path):
    (tmp_path / "requirements.txt").write_text("pandas==3.1.1\n", encoding="utf-8")
    assert "argon2" not in {_norm(d) for d in _closure(_pinned(tmp_path / "requirements.txt"))}
    installed = _closure(_pinned(tmp_path / "requirements.txt"))
    providers = metadata.packages_distributions()
    assert not {_norm(d) for d in providers["argon2"]} & installed  # argon2-cffi: not via pandas
    assert {_norm(d) for d in providers["numpy"]} & installed  # numpy: a pandas requirement
