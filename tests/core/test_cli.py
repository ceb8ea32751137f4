"""The command-line report contract of workbook.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from sotk_core.__main__ import main
from tests.builders import opd_bytes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def files(tmp_path):
    good = tmp_path / "uji.xlsx"
    good.write_bytes(opd_bytes())
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"ini bukan workbook")
    return good, bad


def _json(capsys, argv):
    code = main(argv)
    return code, json.loads(capsys.readouterr().out)


def test_report_json_has_the_contract_keys(files, capsys):
    good, _ = files
    code, out = _json(capsys, ["report", str(good), "--json"])
    assert code == 0
    assert set(out) >= {"settings", "city", "opd", "units", "positions", "issues"}
    assert out["settings"]["wke_hours"] == 1250 and out["settings"]["rounding"] == "half_up"
    assert set(out["city"]) == {"opd_count", "workload_hours", "need_raw", "need", "existing",
                                "surplus", "shortage", "eu", "pu", "maturity_mean",
                                "maturity_category"}
    assert out["city"]["need"] == 11 and out["city"]["existing"] == 10
    assert out["city"]["pu"] == "A" and out["city"]["maturity_category"] == "Sedang"
    opd = out["opd"][0]
    assert opd["file"] == "uji.xlsx" and opd["name"] == "Dinas Uji"
    assert (opd["maturity_total"], opd["maturity_stage"]) == (33, 3)
    vacant = next(p for p in out["positions"] if p["code"] == "J08")
    assert vacant["ej"] is None and vacant["pj"] is None and vacant["need"] == 3
    seksi = next(u for u in out["units"] if u["code"] == "01.02.01")
    assert seksi["parent"] == "01.02" and seksi["existing"] == 4


def test_bad_file_exits_2_and_still_reports_the_good_one(files, capsys):
    good, bad = files
    code, out = _json(capsys, ["report", str(bad), str(good), "--json"])
    assert code == 2
    assert out["city"]["opd_count"] == 1
    assert out["issues"][0]["file"] == "rusak.xlsx" and out["issues"][0]["severity"] == "error"


def test_options_change_the_settings(files, capsys):
    good, _ = files
    _, out = _json(capsys, ["report", str(good), "--json", "--wke-hours", "1300",
                            "--rounding", "ceil"])
    assert out["settings"]["wke_hours"] == 1300 and out["settings"]["rounding"] == "ceil"
    assert out["city"]["need_raw"] == pytest.approx(12_980 / 1300)


def test_misuse_exits_1(files, capsys):
    assert main(["report", "tidak-ada.xlsx"]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["report", "--rounding", "acak", str(files[0])])
    assert exc.value.code == 1


def test_template_and_validate(tmp_path, capsys):
    out = tmp_path / "template.xlsx"
    assert main(["template", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Profil", "Unit", "Jabatan", "Beban Kerja", "Kematangan",
                             "Kelembagaan", "Pensiun", "Petunjuk"]
    assert [c.value for c in wb["Beban Kerja"][1]] == ["Kode Jabatan", "Uraian Tugas",
                                                       "Satuan Hasil", "Volume", "Periode",
                                                       "Norma Waktu", "Satuan Waktu"]
    assert wb["Beban Kerja"].data_validations.dataValidation  # drop-down lists
    capsys.readouterr()
    assert main(["validate", str(out)]) == 2  # blank template: Nama OPD etc. missing
    assert "Isian wajib 'Nama OPD'" in capsys.readouterr().out


def test_results_workbook(files, tmp_path):
    good, _ = files
    out = tmp_path / "hasil.xlsx"
    assert main(["report", str(good), "-o", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    assert {"Kota", "OPD", "Unit", "Jabatan", "Kematangan", "Masalah Data", "Asumsi"} <= set(wb.sheetnames)
    asumsi = {r[0]: r[1] for r in wb["Asumsi"].iter_rows(min_row=4, values_only=True)}
    assert asumsi["Jam kerja efektif (jam/tahun)"] == 1250


def test_module_runs_on_the_sample_city():
    samples = sorted(str(p) for p in (ROOT / "sample_data").glob("*.xlsx"))
    proc = subprocess.run([sys.executable, "-m", "sotk_core", "report", *samples, "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    city = json.loads(proc.stdout)["city"]
    assert city["opd_count"] == len(samples)


def test_report_json_adds_the_formasi_plan(files, capsys):
    # Dinas Uji (tests/builders.py): J08 lacks 3 (need 3, no staff), J06 spares 1 (3 for a
    # need of 2) and is offered first: 1 from redistribution, 2 new formasi
    good, _ = files
    _, out = _json(capsys, ["report", str(good), "--json"])
    f = out["formasi"]
    assert f["plan_years"] == [2026, 2027, 2028, 2029, 2030]
    assert {k: f["city"][k] for k in ("formasi", "redistributed_in", "new_formasi")} == {
        "formasi": 3, "redistributed_in": 1, "new_formasi": 2}
    assert f["opd"][0]["file"] == "uji.xlsx" and f["opd"][0]["retiring"] == 1
    j08 = next(p for p in f["positions"] if p["code"] == "J08")
    assert (j08["need"], j08["existing"], j08["formasi"], j08["new_formasi"]) == (3, 0, 3, 2)
    assert f["moves"] == [{"opd": "Dinas Uji", "from": "J06", "to": "J08", "count": 1,
                           "scope": "opd"}]
    assert list(out)[:6] == ["settings", "city", "opd", "units", "positions", "issues"]


def test_report_as_a_process_ends_cleanly_whole_or_cut_short(files):
    """The command ends without the interpreter's clean-up (a fast exit): the JSON must still
    arrive whole, with the exit status; and a reader that stops early (`| head`) gets no
    traceback. The bad file makes the status 2, so the status is the command's, not 0."""
    good, bad = files
    cmd = [sys.executable, "-m", "sotk_core", "report", str(good), str(bad), "--json"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    assert done.returncode == 2
    out = json.loads(done.stdout)
    assert len(out["opd"]) == 1 and any(i["file"] == "rusak.xlsx" for i in out["issues"])
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader goes away before anything is written: EPIPE
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()[-600:]
    assert proc.returncode == 2


ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help",
                    "error:", "invalid choice", "required:", "expected", "unrecognized",
                    "not allowed", "choose from")


@pytest.mark.parametrize("argv", [["--help"], ["report", "--help"], ["workspace", "--help"],
                                  ["workspace", "user", "--help"]])
def test_help_is_indonesian(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "cara pakai: python -m sotk_core" in out and "tampilkan bantuan ini lalu keluar" in out
    assert not [w for w in ARGPARSE_ENGLISH if w in out], out


@pytest.mark.parametrize(("argv", "said"), [
    (["reprot"], "argumen PERINTAH: pilihan 'reprot' tidak dikenal (pilih salah satu: 'report'"),
    (["report"], "argumen berikut wajib diisi: FILE"),
    (["report", "a.xlsx", "--wke-hours", "abc"], "argumen --wke-hours: nilai 'abc' tidak sah"),
    (["report", "a.xlsx", "--wke-hours", "1", "--wke-minutes", "2"],
     "argumen --wke-minutes: tidak boleh dipakai bersama argumen --wke-hours"),
    (["report", "a.xlsx", "--bogus"], "argumen tidak dikenal: --bogus"),
])
def test_misuse_is_told_in_indonesian(argv, said, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert said in err and "galat:" in err and "cara pakai:" in err
    assert not [w for w in ARGPARSE_ENGLISH if w in err], err
