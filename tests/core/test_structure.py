"""SOTK structure checks (domain.md §4) on small hand-built trees.

Dinas Uji (tests/builders.py):
  01 Dinas Uji            head J01 (JPT Pratama)
    01.01 Sekretariat     head J02, staff J03 × 2
    01.02 Bidang Pelayanan head J04
      01.02.01 Seksi A    head J05, staff J06 × 3
      01.02.02 Seksi B    head J07, staff J08 × 0
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.structure import (
    SPAN_BUCKETS,
    classify_urusan,
    mapped_type,
    size_limits_table,
    span_bucket,
)
from tests.builders import POSITIONS, TASKS, UNITS, opd_bytes


def _eval(profile: dict | None = None, size_limits: pd.DataFrame | None = None, **tables):
    wb = read_workbook(opd_bytes(profile, **tables), "uji.xlsx")
    assert wb.ok, wb.issues
    return evaluate(build_city([wb]), Settings(), size_limits=size_limits)


def _unit(ev, code: str) -> pd.Series:
    u = ev.structure.units
    return u.loc[u["code"] == code].iloc[0]


def _bidang_opd(n_bidang: int, profile: dict) -> dict:
    """An OPD with a root, a Sekretariat and n Bidang, one head and one staff each."""
    units = [{"code": "01", "name": profile["name"], "kind": "OPD", "parent": None},
             {"code": "01.01", "name": "Sekretariat", "kind": "Sekretariat", "parent": "01"}]
    units += [{"code": f"01.{i + 2:02d}", "name": f"Bidang {i + 1}", "kind": "Bidang",
               "parent": "01"} for i in range(n_bidang)]
    positions = [{"code": f"K{i}", "name": f"Kepala {u['name']}", "unit": u["code"],
                  "kind": "JPT Pratama" if i == 0 else "Administrator", "existing": 1}
                 for i, u in enumerate(units)]
    tasks = [{"position": p["code"], "task": "Tugas", "output": "Dokumen", "volume": 1,
              "period": "Tahun", "norma": 60000, "time_unit": "Menit"} for p in positions]
    return {"Unit": units, "Jabatan": positions, "Beban Kerja": tasks}


# --- spans and layers --------------------------------------------------------------------------

def test_head_with_two_sub_units_and_three_staff_has_span_5():
    # Bidang Pelayanan has two seksi; add a Pelaksana position with 3 staff in the bidang itself:
    # span of the Kepala Bidang = 2 sub-units + 3 staff = 5 -> bucket 4–7.
    positions = [*POSITIONS, {"code": "J09", "name": "Pengolah Data", "unit": "01.02",
                              "kind": "Pelaksana", "existing": 3}]
    ev = _eval(Jabatan=positions)
    bidang = _unit(ev, "01.02")
    assert bidang["head_code"] == "J04"
    assert bidang["children"] == 2
    assert bidang["own_staff"] == 3
    assert bidang["span"] == 5
    assert bidang["span_bucket"] == "4–7"


def test_spans_of_dinas_uji_and_bucket_shares(uji_eval):
    # root: 2 sub-units + 0 staff = 2; Sekretaris: 0 + 2 (J03) = 2; Kabid: 2 seksi + 0 = 2;
    # Kasi A: 0 + 3 (J06) = 3; Kasi B: 0 + 0 (J08 vacant) = 0.
    spans = uji_eval.structure.units.set_index("code")["span"]
    assert spans.to_dict() == {"01": 2, "01.01": 2, "01.02": 2, "01.02.01": 3, "01.02.02": 0}
    # buckets: "0" 1 head, "2–3" 4 heads of 5 -> shares 0.2 and 0.8; every bucket listed
    b = uji_eval.structure.span_buckets.set_index("bucket")
    assert list(b.index) == list(SPAN_BUCKETS)
    assert b.loc["0", "heads"] == 1 and b.loc["0", "share"] == pytest.approx(0.2)
    assert b.loc["2–3", "heads"] == 4 and b.loc["2–3", "share"] == pytest.approx(0.8)
    assert b.loc["1", "heads"] == 0
    city = uji_eval.structure.span_city.set_index("bucket")
    assert city.loc["2–3", "heads"] == 4


def test_headless_sub_unit_counts_as_one_direct_report():
    # A Kelompok Jabatan Fungsional (no head) with 4 functional staff under the bidang counts as
    # one unit reporting directly: Kabid span = 3 sub-units + 0 staff = 3.
    units = [*UNITS, {"code": "01.02.03", "name": "Kelompok Jabatan Fungsional",
                      "kind": "Kelompok Jabatan Fungsional", "parent": "01.02"}]
    positions = [*POSITIONS, {"code": "J10", "name": "Analis Kebijakan", "unit": "01.02.03",
                              "kind": "Fungsional", "existing": 4}]
    ev = _eval(Unit=units, Jabatan=positions)
    bidang = _unit(ev, "01.02")
    assert (bidang["children_headed"], bidang["children_headless"], bidang["span"]) == (2, 1, 3)
    assert not _unit(ev, "01.02.03")["no_head"]  # KJF is not expected to have a head
    assert np.isnan(_unit(ev, "01.02.03")["span"])


def test_three_level_opd_has_three_layers(uji_eval):
    # OPD (1) -> Bidang (2) -> Seksi (3)
    assert uji_eval.structure.opds.iloc[0]["layers"] == 3


def test_two_level_opd_has_two_layers():
    ev = _eval(**_bidang_opd(2, {"name": "Dinas Uji"}))
    assert ev.structure.opds.iloc[0]["layers"] == 2


def test_span_bucket_edges():
    spans = np.array([0, 1, 2, 3, 4, 7, 8, 12, 13, 40, np.nan])
    assert list(span_bucket(spans)) == ["0", "1", "2–3", "2–3", "4–7", "4–7", "8–12", "8–12",
                                        "13+", "13+", None]


# --- type vs mapping ---------------------------------------------------------------------------

def test_mapping_bands_are_strict_greater_than():
    skor = np.array([801, 800, 601, 600, 401, 400, 301, 300, np.nan], dtype=object)
    assert list(mapped_type(skor)) == ["A", "B", "B", "C", "C", "hanya bidang", "hanya bidang",
                                       "hanya seksi", None]


@pytest.mark.parametrize(("tipe", "flagged"), [("A", True), ("B", False), ("C", False)])
def test_skor_650_maps_to_b_declared_a_is_flagged(tipe, flagged):
    # 650 > 600 -> Tipe B; A is higher than B (flag), B equal and C lower are allowed.
    ev = _eval({"tipe": tipe, "skor": 650})
    o = ev.structure.opds.iloc[0]
    assert o["tipe_pemetaan"] == "B"
    assert bool(o["tipe_melebihi"]) is flagged
    kinds = set(ev.findings["kind"])
    assert ("tipe_melebihi_pemetaan" in kinds) is flagged


def test_missing_score_is_not_checked():
    ev = _eval({"tipe": "A", "skor": None})
    o = ev.structure.opds.iloc[0]
    assert not o["tipe_diperiksa"] and not o["tipe_melebihi"]


# --- size limits -------------------------------------------------------------------------------

def test_default_limits_table_is_package_data_with_domain_values():
    t = size_limits_table().set_index(["jenis", "tipe", "measure"])["limit"]
    assert t[("Dinas", "A", "bidang")] == 4 and t[("Dinas", "A", "subbagian_sekretariat")] == 3
    assert t[("Dinas", "B", "bidang")] == 3 and t[("Badan", "C", "bidang")] == 2
    assert t[("Dinas", "C", "seksi_per_bidang")] == 3
    assert t[("Kecamatan", "A", "seksi")] == 5 and t[("Kecamatan", "B", "seksi")] == 4
    assert t[("Kecamatan", "B", "subbagian_sekretariat")] == 2


def test_limits_file_says_it_is_a_default_to_verify():
    from importlib import resources

    text = resources.files("sotk_core.model").joinpath("data", "size_limits.csv").read_text("utf-8")
    assert "default; verify against PP 18/2016 and later amendments" in text


def test_tipe_b_dinas_with_4_bidang_is_flagged_and_tipe_a_is_not():
    # Tipe B allows 3 bidang, Tipe A 4 (domain.md §4 defaults).
    b = _eval(**_bidang_opd(4, {"name": "Dinas Uji"}), profile={"tipe": "B", "skor": 700})
    a = _eval(**_bidang_opd(4, {"name": "Dinas Uji"}), profile={"tipe": "A", "skor": 900})
    fb = b.findings.loc[b.findings["kind"] == "bidang_melebihi_batas"]
    assert len(fb) == 1
    row = fb.iloc[0]
    assert (row["value"], row["limit"], row["severity"], row["basis"]) == (4, 3, "sedang",
                                                                            "[practice]")
    assert row["message"] == ("Dinas Uji bertipe B memiliki 4 bidang; batas tipe B 3 bidang "
                              "(acuan bawaan, verifikasi terhadap PP 18/2016).")
    assert "bidang_melebihi_batas" not in set(a.findings["kind"])
    assert a.structure.size_checks.set_index("measure").loc["bidang", "count"] == 4


def test_user_limits_replace_the_default():
    limits = pd.DataFrame([{"jenis": "Dinas", "tipe": "A", "measure": "bidang", "limit": 3}])
    ev = _eval(**_bidang_opd(4, {"name": "Dinas Uji"}), profile={"tipe": "A", "skor": 900},
               size_limits=limits)
    row = ev.findings.loc[ev.findings["kind"] == "bidang_melebihi_batas"].iloc[0]
    assert row["limit"] == 3 and "diatur pengguna" in row["message"]


def test_bad_user_limits_raise_in_indonesian():
    with pytest.raises(ValueError, match="Ukuran tidak dikenal"):
        size_limits_table(pd.DataFrame([{"jenis": "Dinas", "tipe": "A", "measure": "eselon",
                                         "limit": 1}]))


def test_seksi_per_bidang_and_subbagian_limits():
    # Bidang Pelayanan gets 4 seksi (limit 3); Sekretariat of a Tipe B dinas 3 subbagian
    # (limit 2).
    units = [*UNITS,
             {"code": "01.02.03", "name": "Seksi C", "kind": "Seksi", "parent": "01.02"},
             {"code": "01.02.04", "name": "Seksi D", "kind": "Seksi", "parent": "01.02"}]
    units += [{"code": f"01.01.0{i}", "name": f"Subbagian {i}", "kind": "Subbagian",
               "parent": "01.01"} for i in (1, 2, 3)]
    ev = _eval(Unit=units)
    f = ev.findings.set_index("kind")
    assert f.loc["seksi_melebihi_batas", "value"] == 4
    assert f.loc["seksi_melebihi_batas", "unit_code"] == "01.02"
    assert f.loc["subbagian_melebihi_batas", "value"] == 3
    assert f.loc["subbagian_melebihi_batas", "limit"] == 2


def test_other_jenis_get_no_size_check_and_say_so():
    ev = _eval(**_bidang_opd(6, {"name": "Inspektorat"}),
               profile={"name": "Inspektorat", "jenis": "Inspektorat", "tipe": "B"})
    o = ev.structure.opds.iloc[0]
    assert not o["size_checked"]
    assert "tidak diperiksa" in o["size_note"]
    assert ev.structure.size_checks.empty


# --- urusan grouping ---------------------------------------------------------------------------

def test_classify_urusan_by_whole_word_keywords():
    assert classify_urusan("Kesehatan") == [("kesehatan", "b")]
    assert classify_urusan("Pemberdayaan Perempuan dan Perlindungan Anak") == [
        ("pemberdayaan perempuan dan perlindungan anak", "b")]
    assert classify_urusan("PPPA") == [("pemberdayaan perempuan dan perlindungan anak", "b")]
    assert {r for _, r in classify_urusan("Tenaga Kerja dan Transmigrasi")} == {"d"}
    assert len(classify_urusan("Tenaga Kerja dan Transmigrasi")) == 2
    assert classify_urusan("lapangan") == []  # 'pangan' only as a whole word


def test_urusan_from_two_rumpun_is_flagged():
    # perhubungan (f) + komunikasi dan informatika (e)
    ev = _eval({"urusan": "perhubungan; komunikasi dan informatika"})
    o = ev.structure.opds.iloc[0]
    assert o["merged_dinas"] and o["rumpun"] == ["e", "f"]
    row = ev.findings.loc[ev.findings["kind"] == "rumpun_campur"].iloc[0]
    assert (row["severity"], row["basis"], row["value"]) == ("tinggi", "[reg]", 2)


def test_urusan_from_one_rumpun_is_not_flagged():
    ev = _eval({"urusan": "pendidikan; kebudayaan"})
    assert not ev.structure.opds.iloc[0]["rumpun_mixed"]
    assert not {"rumpun_campur", "urusan_lebih_3"} & set(ev.findings["kind"])


def test_four_urusan_in_one_rumpun_are_more_than_three():
    ev = _eval({"urusan": "pendidikan; kebudayaan; kepemudaan dan olahraga; pariwisata"})
    kinds = set(ev.findings["kind"])
    assert "urusan_lebih_3" in kinds and "rumpun_campur" not in kinds
    assert ev.findings.set_index("kind").loc["urusan_lebih_3", "value"] == 4


def test_unknown_urusan_is_a_low_finding_not_a_crash():
    ev = _eval({"urusan": "urusan ajaib; kesehatan"})
    row = ev.findings.loc[ev.findings["kind"] == "urusan_tidak_dikenali"].iloc[0]
    assert row["severity"] == "rendah" and "urusan ajaib" in row["message"]


def test_badan_is_not_a_merged_dinas():
    ev = _eval({"jenis": "Badan", "urusan": "perhubungan; statistik"})
    assert not ev.structure.opds.iloc[0]["merged_dinas"]
    assert "rumpun_campur" not in set(ev.findings["kind"])


# --- unit health -------------------------------------------------------------------------------

def test_unit_health_flags_of_dinas_uji(uji_eval):
    u = uji_eval.structure.units.set_index("code")
    # subtree staff: Sekretariat 3, Bidang 6, Seksi A 4, Seksi B 1 (< 3 -> micro); root never
    assert list(u.index[u["micro"]]) == ["01.02.02"]
    # Bidang: J06 surplus +1 (3 vs need 2), J08 shortage 3 (0 vs need 3) -> campuran
    assert bool(u.loc["01.02", "campuran"]) and not u.loc["01.02.01", "campuran"]
    assert not u["no_head"].any() and not u["no_workload"].any()


def test_unit_with_plus_one_and_minus_one_is_campuran():
    # J06: 3 staff, need 2 -> +1; J08: 2 staff, need 3 (2.5 rounded half up) -> −1.
    positions = [dict(p) for p in POSITIONS]
    positions[7]["existing"] = 2
    ev = _eval(Jabatan=positions)
    bidang = _unit(ev, "01.02")
    assert (bidang["surplus_positions"], bidang["shortage_positions"]) == (1, 1)
    assert bidang["campuran"]
    row = ev.findings.loc[(ev.findings["kind"] == "campuran")].iloc[0]
    assert row["unit_code"] == "01.02" and row["value"] == 1  # min(1 surplus, 1 shortage)
    assert "redistribusi" in row["message"]
    # the root is campuran too but is not reported (every OPD would be)
    assert list(ev.findings.loc[ev.findings["kind"] == "campuran", "unit_code"]) == ["01.02"]


def test_unit_without_head_and_head_without_tasks():
    units = [*UNITS, {"code": "01.02.03", "name": "Seksi Tanpa Kepala", "kind": "Seksi",
                      "parent": "01.02"}]
    positions = [*POSITIONS, {"code": "J11", "name": "Pengadministrasi", "unit": "01.02.03",
                              "kind": "Pelaksana", "existing": 3}]
    tasks = [t for t in TASKS if t["position"] != "J04"]  # Kepala Bidang without tasks
    ev = _eval(Unit=units, Jabatan=positions, **{"Beban Kerja": tasks})
    f = ev.findings
    nohead = f.loc[f["kind"] == "tanpa_kepala"]
    assert list(nohead["unit_code"]) == ["01.02.03"] and nohead.iloc[0]["severity"] == "rendah"
    # the headless seksi has staff but no tasks: no workload
    assert "01.02.03" in set(f.loc[f["kind"] == "tanpa_beban", "unit_code"])
    head = f.loc[f["kind"] == "kepala_tanpa_tugas"]
    assert list(head["unit_code"]) == ["01.02"] and "J04" in head.iloc[0]["message"]
