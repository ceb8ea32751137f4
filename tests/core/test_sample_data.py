"""The sample city is data: the committed workbooks are exactly what the tables in
sample_data/kota_contoh/ give through the product's template writer."""

from __future__ import annotations

from pathlib import Path

from sample_data import generate

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"


def test_committed_workbooks_are_the_tables_byte_for_byte():
    books = generate.workbooks()
    assert sorted(books) == sorted(p.name for p in SAMPLE_DIR.glob("*.xlsx"))
    stale = [f for f, data in books.items() if (SAMPLE_DIR / f).read_bytes() != data]
    assert stale == [], "run python sample_data/generate.py"


def test_rerunning_gives_the_same_bytes():
    assert generate.workbooks() == generate.workbooks()


def test_check_mode_reports_a_changed_workbook(tmp_path, capsys):
    assert generate.main(["--out", str(tmp_path)]) == 0
    assert generate.main(["--out", str(tmp_path), "--check"]) == 0
    (tmp_path / "02_setwan.xlsx").write_bytes(b"not a workbook")
    assert generate.main(["--out", str(tmp_path), "--check"]) == 1
    assert "02_setwan.xlsx: differs" in capsys.readouterr().out
