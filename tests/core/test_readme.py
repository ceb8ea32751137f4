"""README's set-up: exactly two commands; the first creates and uses a virtual environment
(Debian's and Ubuntu's system Python refuse `pip install` outside one), the second uses the
same one and installs the Debian packages CI installs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setup_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Memulai", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, flags=re.S)]


def test_two_setup_commands_in_a_virtual_environment():
    commands = _setup_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    first, second = (c.split(" && ") for c in commands)
    assert "python3-venv" in " ".join(first)
    venv = first.index("python3 -m venv .venv")
    assert first[venv + 1] == ". .venv/bin/activate"
    assert first.index("pip install -r requirements.txt") > venv + 1
    assert first[-1] == "streamlit run app.py"
    assert second.index(". .venv/bin/activate") < second.index(
        "pip install -r requirements-dev.txt")
    assert second[-1] == "python -m pytest"


def test_readme_installs_the_debian_packages_ci_installs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    line = re.search(r"apt-get install -y -qq --no-install-recommends (.*?)>/dev/null", ci,
                     flags=re.S)
    assert line is not None
    packages = set(line.group(1).replace("\\", " ").split())
    readme = next(c for c in _setup_commands()[1].split(" && ") if "apt-get install" in c)
    words = readme.split("install -y", 1)[1].split()
    assert "--no-install-recommends" in words  # as CI: no recommended extras (LibreOffice's)
    assert {w for w in words if not w.startswith("-")} - {"python3-venv"} == packages
