"""No developer text reaches a user: no doc file name, no section sign, no rule tags, no
identifiers such as `half_up` — on any page, slide, PDF or workbook (issue 10, item 5).

Every surface is rendered on the sample city with a scenario that moves one person and changes
the rounding (so the scenario's settings show), and with FGD notes:

* every page through AppTest, every element's text including chart JSON, help texts and
  widget options (the findings filter set to every severity, the Data page with a broken upload
  next to a good one so the issue panel shows);
* every slide of the deck (titles, texts, bullets, KPI cards, figure JSON);
* the deck PDF and the berita acara, read back with pdftotext;
* the results, template, scenario and notes workbooks: every cell read with openpyxl and every
  XML part of the file (sheet names, chart titles, headers and footers).

Each surface is also checked for a phrase it must show, so an empty scan cannot pass.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from sotk_core.model.notes import make_note, notes_to_xlsx
from sotk_core.present.deck import build_deck
from sotk_core.present.pdf import deck_pdf, minutes_pdf
from sotk_core.present.xlsx import results_workbook_bytes
from sotk_core.scenario import MoveStaff, Scenario, ScenarioSet, SetSettings, scenario_to_xlsx
from sotk_core.workbook.writer import workbook_bytes
from sotk_ui import state
from tests.app.helpers import PAGES, XLSX, assert_clean, goto
from tests.builders import opd_bytes

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("domain.md", "§", "[reg]", "[practice]", "[policy]", "half_up")
CHROMIUM = os.path.exists("/usr/bin/chromium")


def developer_text(text: str) -> list[str]:
    """Each forbidden string found, with some context."""
    return [text[max(0, m.start() - 50):m.end() + 30]
            for f in FORBIDDEN for m in re.finditer(re.escape(f), text)]


def test_the_scan_finds_each_forbidden_string():
    for f in FORBIDDEN:
        assert developer_text(f"Temuan {f} di sini") == [f"Temuan {f} di sini"]
    assert developer_text("Dasar: PP 18/2016 · pembulatan biasa (,5 ke atas)") == []


# ---- fixtures: a scenario and notes on the sample city ---------------------------------------


@pytest.fixture(scope="module")
def scenario(sample_city, sample_eval) -> Scenario:
    opd = sample_city.opd_names[0]
    pos = sample_eval.workload.positions.loc[sample_eval.workload.positions["opd"] == opd]
    move = MoveStaff(opd, pos["code"].iloc[3], opd, pos["code"].iloc[4], 1)
    return Scenario("Simulasi 1").add(move, sample_city).add(SetSettings(rounding="ceil"),
                                                              sample_city)


@pytest.fixture(scope="module")
def notes(sample_city) -> list[dict]:
    opd = sample_city.opd_names[0]
    return [make_note("Dibahas lagi pekan depan", opd, None, "keputusan"),
            make_note("Catatan untuk seluruh kota")]


# ---- pages -------------------------------------------------------------------------------


def _nodes(node) -> Iterator:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def page_text(at: AppTest) -> str:
    """Every element of the run as text: protobuf fields (labels, help, options, captions,
    markdown, table data) and chart JSON with non-ASCII characters unescaped."""
    parts = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        parts.append(text_format.MessageToString(proto, as_utf8=True))
        spec = getattr(proto, "spec", None)
        if isinstance(spec, str) and spec.startswith("{"):
            parts.append(json.dumps(json.loads(spec), ensure_ascii=False))
    return "\n".join(parts)


OPEN_PARTS = ("bal_groups_open", "bal_pos_open", "mat_levels_open", "opdview_rest_open",
              "prod_units_open", "sim_balance_open")


def test_no_page_shows_developer_text(new_app, sample_city, scenario, notes):
    at = new_app()
    at.session_state[state.SCENARIOS] = ScenarioSet((scenario,))
    at.session_state[state.NOTES] = notes
    for key in OPEN_PARTS:  # expanders whose tables are built only when opened
        at.session_state[key] = True
    at.run()
    seen: dict[str, str] = {}
    for stem in (*PAGES, "opd", "perencanaan", "simulasi", "presentasi"):
        goto(at, stem)
        assert_clean(at)
        if stem == "evaluasi_sotk":
            at.pills(key="sotk_f_sev").set_value(["tinggi", "sedang", "rendah"]).run()
        seen[stem] = page_text(at)
    for stem, text in seen.items():
        assert developer_text(text) == [], stem
    # the scan read real content: the new wording is there
    assert "Dasar: PP 18/2016" in seen["evaluasi_sotk"]
    assert "Praktik umum pedoman pemetaan" in seen["evaluasi_sotk"]
    assert "Aturan aplikasi ini" in seen["keseimbangan"]
    assert "Beban berlebih (EJ > 1,00)" in seen["keseimbangan"]  # an opened expander's part
    assert "pembulatan biasa (,5 ke atas)" in seen["ringkasan"]  # the settings line on top
    assert "pembulatan selalu ke atas" in seen["simulasi"]  # the scenario's own settings


def test_no_issue_panel_shows_developer_text(new_app):
    broken = (ROOT / "tests" / "data" / "corpus" / "kolom_hilang_jabatan_existing.xlsx")
    at = new_app()
    at.run()
    at.sidebar.file_uploader[0].set_value([("baik.xlsx", opd_bytes(), XLSX),
                                           (broken.name, broken.read_bytes(), XLSX)]).run()
    goto(at, "data")
    assert_clean(at)
    text = page_text(at)
    assert developer_text(text) == []
    assert "kolom_hilang_jabatan_existing.xlsx" in text and "Galat" in text


# ---- the deck and the PDFs -------------------------------------------------------------------


def test_no_slide_shows_developer_text(sample_eval, scenario):
    deck = build_deck(sample_eval, scenario=scenario)
    # the city (13), the scenario (7), 18 OPD sections (90) and the planning slides (6)
    assert len(deck) == 103 + 7 + 6
    for slide in deck:
        parts = [slide.title, slide.text or "", *slide.bullets,
                 *(t for kpi in slide.kpis for t in kpi)]
        if slide.figure is not None:
            parts.append(json.dumps(slide.figure.to_plotly_json(), ensure_ascii=False,
                                    default=str))
        assert developer_text("\n".join(parts)) == [], slide.key
    judul = deck[0]
    assert "pembulatan biasa (,5 ke atas)" in " ".join(judul.bullets)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed: apt-get install poppler-utils")
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_the_berita_acara_has_no_developer_text(sample_eval, scenario, notes, tmp_path):
    slides = build_deck(sample_eval, scenario=scenario)
    text = pdf_text(minutes_pdf(sample_eval, slides, notes, scenario_name=scenario.name),
                    tmp_path)
    assert developer_text(text) == []
    assert "Dibahas lagi pekan depan" in text and "biasa (,5 ke atas)" in text


@pytest.mark.skipif(not CHROMIUM, reason="the deck PDF renders charts with Chromium")
def test_the_deck_pdf_has_no_developer_text(uji_eval, tmp_path):
    slides = build_deck(uji_eval)
    text = pdf_text(deck_pdf(slides, "Kota Uji · FGD", scale=1), tmp_path)
    assert developer_text(text) == []
    assert "Dinas Uji" in text and "biasa (,5 ke atas)" in text


# ---- workbooks ---------------------------------------------------------------------------


def workbook_text(data: bytes) -> str:
    """Every cell value (openpyxl) and every XML part of the file, as one text."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    parts = [f"{ws.title}\n" + "\n".join(str(v) for row in ws.iter_rows(values_only=True)
                                         for v in row if v is not None)
             for ws in book.worksheets]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts += [zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                  if n.endswith((".xml", ".rels"))]
    return "\n".join(parts)


def test_no_workbook_has_developer_text(sample_city, sample_eval, scenario, notes):
    books = {
        "hasil": results_workbook_bytes(sample_eval, scenario, notes),
        "template": workbook_bytes(),
        "skenario": scenario_to_xlsx(scenario, sample_eval.settings, sample_city),
        "catatan": notes_to_xlsx(notes, sample_city.name),
    }
    texts = {name: workbook_text(data) for name, data in books.items()}
    for name, text in texts.items():
        assert developer_text(text) == [], name
    assert "Dasar: PP 18/2016" in texts["hasil"]  # sheet Temuan
    assert "Praktik umum pedoman ABK" in texts["hasil"]  # sheet Asumsi
    assert "Selalu dibulatkan ke atas (2,1 → 3)" in texts["skenario"]
    assert "Dibahas lagi pekan depan" in texts["catatan"]
    assert "Beban Kerja" in texts["template"]
