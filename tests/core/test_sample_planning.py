"""The planning stories designed into Kota Contoh (sample_data/story.py): like units, maturity
beside workload, the formasi plan. Each expected number is derived by hand in the story."""

from __future__ import annotations

import pytest

from sample_data.story import SAMPLE_STORY
from sotk_core.model.formasi import compute_formasi
from sotk_core.model.like_units import compare_like_units
from sotk_core.model.quadrant import maturity_workload


@pytest.fixture(scope="module")
def files(sample_eval) -> dict[str, str]:
    return dict(zip(sample_eval.opds["file"], sample_eval.opds["opd"], strict=True))


@pytest.fixture(scope="module")
def like(sample_eval):
    totals = dict(zip(sample_eval.opds["opd"], sample_eval.opds["maturity_total"], strict=True))
    return compare_like_units(sample_eval.city, sample_eval.workload, sample_eval.settings,
                              totals)


@pytest.fixture(scope="module")
def plan(sample_eval):
    return compute_formasi(sample_eval.city, sample_eval.workload)


def test_city_size(sample_eval):
    s = sample_eval.summary
    assert (s["opd_count"], s["positions"], s["task_count"]) == (
        SAMPLE_STORY["opd_count"], SAMPLE_STORY["position_count"], SAMPLE_STORY["task_count"])
    assert s["maturity_mean"] == pytest.approx(SAMPLE_STORY["maturity_city_mean"])


def test_five_kecamatan_and_their_one_outlier(like, files):
    story = SAMPLE_STORY["kecamatan"]
    m = like.members.loc[like.members["group"] == "Kecamatan"].set_index("opd")
    assert m["eu2"].to_dict() == {files[f]: eu for f, eu in story["eu"].items()}
    assert set(m["eu2_median"]) == {story["median"]}
    assert m.loc[m["outlier"]].index.tolist() == [story["outlier"]["opd"]]
    assert m.loc[story["outlier"]["opd"], "eu2_distance"] == pytest.approx(
        story["outlier"]["distance"])


def test_same_position_across_kecamatan(like):
    story = SAMPLE_STORY["kecamatan"]["same_name"]
    pm = like.position_members
    rows = pm.loc[(pm["group"] == "Kecamatan") & (pm["position"] == story["position"])]
    assert dict(zip(rows["member"], rows["ej"], strict=True)) == story["ej"]
    p = like.positions
    row = p.loc[(p["group"] == "Kecamatan") & (p["position"] == story["position"])].iloc[0]
    assert row["spread"] == story["spread"]
    assert (row["lowest"], row["highest"]) == ("Kecamatan Mekarsari", "Kecamatan Karangrejo")


def test_three_puskesmas_without_outlier(like):
    story = SAMPLE_STORY["puskesmas"]
    m = like.members.loc[like.members["group"] == story["group"]]
    assert dict(zip(m["name"], m["eu2"], strict=True)) == story["eu"]
    assert not m["outlier"].any()


def test_every_quadrant_has_its_opd(sample_eval):
    q = maturity_workload(sample_eval.opds, sample_eval.maturity, sample_eval.workload,
                          sample_eval.settings).set_index("opd")
    for quadrant, story in SAMPLE_STORY["quadrants"].items():
        row = q.loc[story["opd"]]
        assert row["quadrant"] == quadrant, story
        if "eu" in story:
            assert (row["maturity_total"], row["eu2"]) == (story["maturity"], story["eu"])
    k = SAMPLE_STORY["quadrants"]["belum_berlebih"]
    row = q.loc[k["opd"]]
    assert (row["maturity_stage"], row["weak_roman"]) == (k["stage"], k["weakest"])
    assert (row["top_unit"], row["top_unit_eu"]) == (k["top_unit"], k["top_unit_eu"])


def test_retirements_per_year_in_six_opd(sample_eval, files):
    have = set(sample_eval.city.retirements["opd"])
    assert have == {files[f] for f in SAMPLE_STORY["retirement_files"]}


def test_formasi_need_4_bezetting_3_two_retiring(plan, files):
    story = SAMPLE_STORY["formasi"]["need_4"]
    p = plan.positions
    row = p.loc[(p["opd"] == files[story["file"]]) & (p["code"] == story["code"])].iloc[0]
    assert row["name"] == story["name"]
    assert (row["need"], row["existing"], row["retiring"], row["formasi"], row["new_formasi"]) == (
        story["need"], story["existing"], story["retiring"], story["formasi"], story["new"])
    years = plan.years.loc[(plan.years["opd"] == files[story["file"]])
                           & (plan.years["code"] == story["code"])]
    assert dict(zip(years["year"], years["count"], strict=True)) == story["years"]


def test_spare_staff_are_offered_before_new_formasi(plan, files):
    mv = plan.moves
    same_unit = SAMPLE_STORY["formasi"]["same_unit"]
    dinkes = mv.loc[mv["opd"] == files[same_unit["file"]]]
    first = dinkes.iloc[0]
    assert (first["from_code"], first["to_code"], first["count"], first["scope"]) == (
        same_unit["from"], same_unit["to"], same_unit["count"], "unit")
    then = dinkes.loc[(dinkes["from_code"] == same_unit["from"])
                      & (dinkes["to_code"] == same_unit["then"]["to"])].iloc[0]
    assert (then["count"], then["scope"]) == (same_unit["then"]["count"], "opd")
    same_opd = SAMPLE_STORY["formasi"]["same_opd"]
    mek = mv.loc[mv["opd"] == files[same_opd["file"]]]
    assert mek.loc[:, ["from_code", "to_code", "count", "scope"]].values.tolist() == [
        [same_opd["from"], same_opd["to"], same_opd["count"], "opd"]]


def test_opd_and_city_totals(plan, files):
    k = SAMPLE_STORY["formasi"]["karangrejo"]
    o = plan.opds.set_index("opd").loc[files["18_kec_karangrejo.xlsx"]]
    assert (o["formasi"], o["new_formasi"], o["excess"]) == (k["formasi"], k["new"], 0)
    assert plan.city["retiring"] == SAMPLE_STORY["formasi"]["city_retiring"]
    assert plan.city["formasi"] == plan.positions["formasi"].sum()
    assert plan.city["new_formasi"] == plan.city["formasi"] - plan.city["redistributed_in"]
