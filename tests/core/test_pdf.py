"""PDFs to take away (sotk_core.present.pdf): the deck, one page per slide, and the berita acara.

Dinas Uji alone: the deck has 9 city slides + 5 slides of its section = 14 slides -> 14 pages;
the berita acara has a cover page + 1 page per OPD section = 2 pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date

import pytest

from sotk_core.model.notes import make_note
from sotk_core.present.deck import CITY_SLIDES, OPD_SLIDES, PLANNING_SLIDES, build_deck
from sotk_core.present.pdf import deck_pdf, minutes_pdf, tanggal

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _pages(pdf: bytes) -> int:
    """Page objects in the file ("/Type /Page", not the "/Type /Pages" tree node)."""
    return len(PAGE.findall(pdf))


def _text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) tidak ada")
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="Chromium tidak ada")
def test_deck_pdf_has_one_page_per_slide(uji_eval, tmp_path):
    slides = build_deck(uji_eval)
    assert len(slides) == CITY_SLIDES + OPD_SLIDES + PLANNING_SLIDES == 20
    seen: list[tuple[int, int]] = []
    pdf = deck_pdf(slides, "Kota Uji · FGD", scale=1, progress=lambda i, n: seen.append((i, n)))
    assert pdf[:5] == b"%PDF-"
    assert _pages(pdf) == 20
    assert seen[-1] == (20, 20)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True,
                              check=True).stdout.decode()
        assert re.search(r"Pages:\s+20", info) and "960 x 540 pts" in info  # 16:9 landscape
    text = _text(pdf, tmp_path)
    assert f"{uji_eval.city.name} dalam angka" in text and "10 orang" in text
    assert "Kota Uji · FGD" in text and "20 / 20" in text


def test_minutes_pdf(uji_eval, tmp_path):
    slides = build_deck(uji_eval)
    notes = [make_note("Analis dipindah ke Seksi B", "Dinas Uji", "Seksi Layanan B",
                       "keputusan"), make_note("FGD lanjutan bulan depan")]
    pdf = minutes_pdf(uji_eval, slides, notes, when="4 Mei 2026")
    assert _pages(pdf) == 2
    text = _text(pdf, tmp_path)
    cover, opd = text.split("\f")[:2]
    assert "BERITA ACARA" in cover and "4 Mei 2026" in cover
    assert "FGD lanjutan bulan depan" in cover
    # the cover sums up per OPD: 0 notes, 1 decision and the decision itself
    assert re.search(r"Dinas Uji\s+0\s+1\s+Analis dipindah ke Seksi B", cover)
    assert "Yang ditampilkan (20 dari 20 slide)" in cover  # no `shown`: the deck as prepared
    assert "Dinas Uji (DU)" in opd and "Analis dipindah ke Seksi B" in opd
    assert "10 / 11 orang" in opd and "1,04 (PU A)" in opd and "33 (Sedang)" in opd


def test_minutes_list_only_the_slides_shown(sample_eval, tmp_path):
    # the sample deck: 13 city slides + 18 OPD sections + 6 planning slides; shown: the title, the city KPIs and
    # two slides of Dinas Kesehatan; a note about Bappeda (never shown) gets its page too
    slides = build_deck(sample_eval)
    dinkes = [s.key for s in slides if s.opd == "Dinas Kesehatan"][:2]
    shown = ["kota.judul", "kota.kpi", *dinkes]
    notes = [make_note("Peta jabatan diperbarui", "Badan Perencanaan Pembangunan Daerah")]
    pdf = minutes_pdf(sample_eval, slides, notes, when="4 Mei 2026", shown=shown)
    pages = _text(pdf, tmp_path).split("\f")
    assert _pages(pdf) == 3  # cover, Dinas Kesehatan, Bappeda
    cover = " ".join(pages[0].split())
    assert "Yang ditampilkan (4 dari 109 slide)" in cover
    assert "1. Evaluasi Kelembagaan" in cover and "2. Kota Contoh dalam angka" in cover
    assert "3. Kematangan organisasi per OPD" not in cover
    assert "Bagian per OPD yang ditampilkan (1): Dinas Kesehatan" in cover
    dinkes_page = " ".join(pages[1].split())
    assert "slide 49: Dinas Kesehatan; slide 50: Profil kematangan · Dinas Kesehatan" in \
        dinkes_page and "slide 51" not in dinkes_page
    assert "dibahas lewat catatan" in pages[2] and "Peta jabatan diperbarui" in pages[2]


def test_tanggal():
    assert tanggal(date(2026, 5, 4)) == "4 Mei 2026"
