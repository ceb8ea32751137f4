"""The sample city "Kota Contoh" produces the findings designed into it
(sample_data/story.py, SAMPLE_STORY)."""

from __future__ import annotations

import pandas as pd
import pytest

from sample_data.story import SAMPLE_STORY


@pytest.fixture(scope="module")
def findings(sample_eval) -> pd.DataFrame:
    return sample_eval.findings


@pytest.fixture(scope="module")
def opd_of_file(sample_eval) -> dict[str, str]:
    return dict(zip(sample_eval.city.opds["file"], sample_eval.city.opds["opd"], strict=True))


def _of(findings: pd.DataFrame, kind: str) -> pd.DataFrame:
    return findings.loc[findings["kind"] == kind]


def test_type_b_dinas_with_too_many_bidang(findings):
    story = SAMPLE_STORY["over_bidang_limit"]
    rows = _of(findings, "bidang_melebihi_batas")
    assert rows["opd"].tolist() == [story["opd"]]  # the only one in the city
    row = rows.iloc[0]
    assert (row["value"], row["limit"]) == (story["bidang"], story["limit"])
    assert row["message"] == (
        f"{story['opd']} bertipe {story['tipe']} memiliki {story['bidang']} bidang; batas tipe "
        f"{story['tipe']} {story['limit']} bidang (acuan bawaan, verifikasi terhadap PP 18/2016).")


def test_mixed_bidang_in_dinas_kesehatan(findings, sample_eval):
    story = SAMPLE_STORY["mixed_unit"]
    rows = _of(findings, "campuran")
    row = rows.loc[(rows["opd"] == story["opd"]) & (rows["unit_code"] == story["code"])].iloc[0]
    surplus = story["surplus_position"]["surplus"]
    shortage = story["shortage_position"]["shortage"]
    assert row["value"] == min(surplus, shortage)
    assert f"({surplus} orang)" in row["message"] and f"({shortage} orang)" in row["message"]
    # the bidang as a whole looks healthy: no EU finding on it
    unit_rows = findings.loc[(findings["opd"] == story["opd"])
                             & (findings["unit_code"] == story["code"])]
    assert set(unit_rows["kind"]) == {"campuran"}


def test_vacant_positions(findings, opd_of_file):
    rows = _of(findings, "jabatan_kosong")
    designed = SAMPLE_STORY["vacant_positions"]
    assert len(rows) == len(designed)
    for v in designed:
        hit = rows.loc[(rows["opd"] == opd_of_file[v["file"]])
                       & rows["message"].str.contains(f"({v['code']})", regex=False)]
        assert len(hit) == 1, v


def test_type_over_mapping(findings):
    story = SAMPLE_STORY["tipe_above_mapping"]
    rows = _of(findings, "tipe_melebihi_pemetaan")
    assert rows["opd"].tolist() == [story["opd"]]
    row = rows.iloc[0]
    assert row["value"] == story["skor"] and row["severity"] == "tinggi"
    assert f"hanya memenuhi tipe {story['mapped']}" in row["message"]


def test_urusan_from_two_rumpun(findings, sample_eval):
    story = SAMPLE_STORY["cross_rumpun"]
    rows = _of(findings, "rumpun_campur")
    assert rows["opd"].tolist() == [story["opd"]]
    assert rows.iloc[0]["basis"] == "[reg]"
    o = sample_eval.structure.opds.set_index("opd")
    assert o.loc[story["opd"], "rumpun"] == sorted(set(story["rumpun"].values()))
    fine = SAMPLE_STORY["same_rumpun_merged"]
    assert o.loc[fine["opd"], "merged_dinas"] and not o.loc[fine["opd"], "rumpun_mixed"]
    assert _of(findings, "urusan_lebih_3").empty
    assert _of(findings, "urusan_tidak_dikenali").empty


def test_overloaded_and_idle_sections(findings, opd_of_file):
    for kind, key in (("eu_tinggi", "overloaded_units"), ("eu_rendah", "idle_units")):
        rows = _of(findings, kind)
        got = set(zip(rows["opd"], rows["unit_code"], strict=True))
        for u in SAMPLE_STORY[key]:
            assert (opd_of_file[u["file"]], u["code"]) in got, (kind, u)


def test_story_eu_values_are_the_computed_ones(sample_eval):
    """The overloaded (> 1,20) and idle (< 0,50) units the sample was built to show, with EU
    rounded half up to 2 decimals as the product shows it."""
    files = dict(zip(sample_eval.opds["file"], sample_eval.opds["opd"], strict=True))
    units = sample_eval.workload.units.set_index(["opd", "code"])
    for key, test in (("overloaded_units", lambda eu: eu > 1.2), ("idle_units", lambda eu: eu < 0.5)):
        for item in SAMPLE_STORY[key]:
            eu2 = units.loc[(files[item["file"]], item["code"]), "eu2"]
            assert eu2 == item["eu"] and test(eu2), item
