"""The JSON report text (workbook.md contract): `report_json` writes exactly what
`json.dumps(report, ensure_ascii=False, indent=1)` wrote before it, byte for byte."""

from __future__ import annotations

import json
import math

import pytest

from sotk_core.present.report import report_json


def test_a_small_report_is_written_with_one_space_indents():
    report = {"settings": {"wke_hours": 1250.0, "period_factors": {"Tahun": 1}},
              "opd": [{"name": "Dinas Uji", "eu": 0.724, "pu": "C"}], "issues": []}
    assert report_json(report).decode() == (
        '{\n'
        ' "settings": {\n'
        '  "wke_hours": 1250.0,\n'
        '  "period_factors": {\n'
        '   "Tahun": 1\n'
        '  }\n'
        ' },\n'
        ' "opd": [\n'
        '  {\n'
        '   "name": "Dinas Uji",\n'
        '   "eu": 0.724,\n'
        '   "pu": "C"\n'
        '  }\n'
        ' ],\n'
        ' "issues": []\n'
        '}')


@pytest.mark.parametrize("value", [1e-05, -2.5e-07, 9.99e-05, 1e-4, 5e-324, 0.0, -0.0, 1e16, 1.5e20,
                                   123456.789, math.nan, math.inf, -math.inf])
def test_every_float_is_spelled_as_json_spells_it(value):
    # json writes 1e-05 and NaN where orjson alone would write 0.00001 and null
    report = {"city": {"need_raw": value}, "positions": [{"ej": value, "pj": None}]}
    assert report_json(report) == json.dumps(report, ensure_ascii=False, indent=1).encode()


def test_text_is_written_unescaped_except_what_json_escapes():
    text = 'Bidang "Pelayanan" 🏥 \\ tab\there, line\nbreak, \x1f, é, \u2028'
    report = {"units": [{"name": text, "nested": {"deep": [[], {}, [1, [2.5e-06]]]}}]}
    assert report_json(report) == json.dumps(report, ensure_ascii=False, indent=1).encode()
