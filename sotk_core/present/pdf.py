"""PDF files to take away from the FGD (fpdf2, DejaVu fonts):

* `deck_pdf(slides, ...)`: the presentation, one landscape 16:9 page per slide; chart slides
  are rendered through kaleido (the same "sotk" template and projector type as on screen),
  text slides are written as PDF text.
* `minutes_pdf(ev, slides, notes, ...)`: the berita acara, a cover page and one page per OPD
  section of the deck: what was shown, the figures, the findings and the notes typed in the
  meeting, with signature lines.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import NOTE_KIND_LABELS as KIND_LABELS
from sotk_core.base.texts import (
    COMPUTED_WITH,
    KPI_EU_CITY,
    KPI_EU_OPD,
    KPI_MATURITY_MEAN,
    KPI_VACANT,
    NO_FINDINGS,
    NOT_ASSESSED,
)
from sotk_core.model.evaluate import Evaluation
from sotk_core.model.notes import notes_for
from sotk_core.present.charts.deck import SLIDE_HEIGHT, SLIDE_WIDTH, fit_slide
from sotk_core.present.charts.export import image_session, to_png
from sotk_core.present.deck import Slide

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
PX = 0.75  # pt per layout px: a 1280 × 720 px slide is a 960 × 540 pt (13,33 × 7,5 in) page
FOOTER_PX = 36
BLUE = (0, 114, 178)
TEXT = (26, 26, 26)
MUTED = (89, 89, 89)
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
_LATIN1 = str.maketrans({"–": "-", "—": "-", "−": "-", "→": "->", "·": "-", "…": "...",
                         "\u201c": '"', "\u201d": '"', "≥": ">=", "≤": "<=", "×": "x",
                         "÷": ":", "◀": "<", "▶": ">"})


def tanggal(d: date | None = None) -> str:
    """'28 November 2026'."""
    d = d or date.today()
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


class _Pdf(FPDF):
    """FPDF with DejaVu Sans (Unicode: – → ≥ ·) or, without it, Helvetica and ASCII text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.unicode = False
        for folder in FONT_DIRS:
            regular = os.path.join(folder, "DejaVuSans.ttf")
            bold = os.path.join(folder, "DejaVuSans-Bold.ttf")
            if os.path.exists(regular) and os.path.exists(bold):
                self.add_font("DejaVu", "", regular)
                self.add_font("DejaVu", "B", bold)
                self.unicode = True
                break
        self.family_name = "DejaVu" if self.unicode else "Helvetica"
        self.set_author("SOTK Dashboard")
        self.set_creator("SOTK Dashboard")

    def t(self, text: object) -> str:
        s = "" if text is None else str(text)
        return s if self.unicode else s.translate(_LATIN1).encode("latin-1", "replace").decode(
            "latin-1")

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = TEXT) -> None:
        self.set_font(self.family_name, "B" if bold else "", size)
        self.set_text_color(*color)

    def para(self, text: object, size: float, *, bold: bool = False, color=TEXT,
             align: str = "L", height: float = 1.25, x: float | None = None,
             w: float = 0) -> None:
        self.font(size, bold, color)
        if x is not None:
            self.set_x(x)
        self.multi_cell(w, size * height / self.k, self.t(text), align=align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# ---- the deck -------------------------------------------------------------------------------


def _footer(pdf: _Pdf, text: str, n: int, total: int) -> None:
    pdf.font(10, color=MUTED)
    pdf.set_xy(24, 540 - 24)
    pdf.cell(600, 12, pdf.t(text))
    pdf.set_xy(960 - 224, 540 - 24)
    pdf.cell(200, 12, f"{n} / {total}", align="R")


def _title(pdf: _Pdf, title: str, y: float = 30) -> None:
    pdf.set_xy(30, y)
    pdf.para(title, 26, bold=True, w=900)
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(3)
    pdf.line(30, pdf.get_y() + 6, 170, pdf.get_y() + 6)
    pdf.set_y(pdf.get_y() + 22)


def _text_slide(pdf: _Pdf, s: Slide) -> None:
    if s.kind == "judul":
        pdf.set_y(150)
        pdf.para(s.title, 34, bold=True, align="C")
        pdf.set_y(pdf.get_y() + 14)
        pdf.para(s.text, 22, color=MUTED, align="C")
        pdf.set_y(pdf.get_y() + 30)
        for b in s.bullets:
            pdf.para(b, 15, color=MUTED, align="C")
            pdf.set_y(pdf.get_y() + 6)
        return
    _title(pdf, s.title)
    if s.kind == "kpi":
        if s.text:
            pdf.set_x(30)
            pdf.para(s.text, 16, color=MUTED)
        top = max(pdf.get_y() + 8, 120)
        cols, w, h, gap = 3, 286, 170, 16
        for i, (label, value, sub) in enumerate(s.kpis):
            x = 30 + (i % cols) * (w + gap)
            y = top + (i // cols) * (h + gap)
            pdf.set_draw_color(200, 200, 200)
            pdf.set_line_width(1)
            pdf.rect(x, y, w, h)
            pdf.set_xy(x + 16, y + 16)
            pdf.para(label, 16, color=MUTED, x=x + 16, w=w - 32)
            pdf.set_xy(x + 16, y + 54)
            pdf.para(value, 34, bold=True, x=x + 16, w=w - 32)
            pdf.set_xy(x + 16, y + 112)
            pdf.para(sub, 14, color=MUTED, x=x + 16, w=w - 32)
        return
    if s.text:
        pdf.set_x(30)
        pdf.para(s.text, 20, color=MUTED, w=900)
        pdf.set_y(pdf.get_y() + 10)
    for b in s.bullets:
        pdf.set_x(30)
        pdf.font(18)
        pdf.cell(20, 22, "•")
        pdf.para(b, 18, x=54, w=876)
        pdf.set_y(pdf.get_y() + 8)


def deck_pdf(slides: Sequence[Slide], footer: str = "", *, scale: float = 1.5,
             progress: Callable[[int, int], None] | None = None) -> bytes:
    """The deck as a PDF, one 960 × 540 pt page per slide (chart pages: PNG at
    1280 × 684 layout px × `scale`). Raises RuntimeError (Indonesian) without Chromium."""
    pdf = _Pdf(orientation="L", unit="pt", format=(540, 960))
    pdf.set_auto_page_break(False)
    pdf.set_margins(30, 30, 30)
    pdf.set_title(footer or "Presentasi SOTK")
    total = len(slides)
    chart_h = SLIDE_HEIGHT - FOOTER_PX
    with image_session():
        for n, s in enumerate(slides, start=1):
            pdf.add_page()
            fig = s.figure if s.kind == "grafik" else None
            if fig is not None:
                png = to_png(fit_slide(fig, chart_h), width=SLIDE_WIDTH, height=chart_h,
                             scale=scale)
                pdf.image(png, x=0, y=0, w=SLIDE_WIDTH * PX, h=chart_h * PX)
            else:
                _text_slide(pdf, s)
            _footer(pdf, footer, n, total)
            if progress is not None:
                progress(n, total)
    return bytes(pdf.output())


# ---- berita acara -----------------------------------------------------------------------


def _table(pdf: _Pdf, rows: Sequence[Sequence[object]], widths: Sequence[float],
           header: Sequence[str] | None = None, size: float = 9.5) -> None:
    pdf.font(size)
    with pdf.table(col_widths=tuple(widths), text_align="LEFT", line_height=size * 0.52,
                   first_row_as_headings=header is not None, padding=1.2,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(225, 236, 245))
                   ) as table:
        for r in ([header] if header is not None else []) + [list(r) for r in rows]:
            row = table.row()
            for v in r:
                row.cell(pdf.t(v))


def _heading(pdf: _Pdf, text: str) -> None:
    pdf.set_y(pdf.get_y() + 3)
    pdf.para(text, 11.5, bold=True, color=BLUE)
    pdf.set_y(pdf.get_y() + 1)


def _header(pdf: _Pdf, city: str, when: str, subtitle: str) -> None:
    pdf.para("BERITA ACARA", 15, bold=True, align="C")
    pdf.para("Forum Group Discussion Evaluasi Kelembagaan dan Beban Kerja Perangkat Daerah",
             11, bold=True, align="C")
    pdf.para(f"{city} · {when}", 10, color=MUTED, align="C")
    pdf.set_draw_color(*TEXT)
    pdf.set_line_width(0.4)
    pdf.line(15, pdf.get_y() + 2, 195, pdf.get_y() + 2)
    pdf.set_y(pdf.get_y() + 5)
    pdf.para(subtitle, 13, bold=True)


def _notes_table(pdf: _Pdf, notes: Sequence[Mapping[str, Any]], with_unit: bool = True) -> None:
    if not notes:
        pdf.para("Tidak ada catatan atau keputusan yang dicatat.", 10, color=MUTED)
        return
    rows = [[n.get("waktu", "")[11:16] or n.get("waktu", ""),
             *([n.get("unit") or "OPD"] if with_unit else []),
             KIND_LABELS.get(str(n.get("jenis")), str(n.get("jenis"))), n.get("teks", "")]
            for n in notes]
    header = ["Pukul", *(["Unit"] if with_unit else []), "Jenis", "Isi"]
    widths = [14, 40, 22, 104] if with_unit else [14, 22, 144]
    _table(pdf, rows, widths, header)


def _signatures(pdf: _Pdf, left: str, right: str) -> None:
    y = max(pdf.get_y() + 8, 232)
    if y > 260:
        pdf.add_page()
        y = 30
    for x, who in ((20, left), (120, right)):
        pdf.set_xy(x, y)
        pdf.para(who, 10, x=x, w=70, align="C")
        pdf.set_xy(x, y + 24)
        pdf.para("(................................................)", 10, x=x, w=70,
                 align="C")


def minutes_pdf(ev: Evaluation, slides: Sequence[Slide], notes: Sequence[Mapping[str, Any]],
                *, when: str | None = None, scenario_name: str | None = None,
                shown: Sequence[str] | None = None) -> bytes:
    """Berita acara: a cover page (the slides shown, the settings, notes about the whole city,
    notes and decisions per OPD) and one A4 page per OPD that was shown or has notes.

    `shown`: ids (Slide.key) of the slides actually shown in the meeting; None = every slide
    of `slides` (a berita acara of the deck as prepared)."""
    when = when or tanggal()
    city = ev.city.name
    pdf = _Pdf(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(f"Berita acara FGD · {city}")
    pdf.add_page()
    _header(pdf, city, when, "Ringkasan pertemuan")
    numbered = {id(s): i for i, s in enumerate(slides, start=1)}
    seen = set(shown) if shown is not None else {x.key for x in slides}
    on_screen = [x for x in slides if x.key in seen]
    noted = {n.get("opd") for n in notes if n.get("opd")}
    opds = list(dict.fromkeys([*(x.opd for x in on_screen if x.section == "opd" and x.opd),
                               *(o for o in ev.city.opd_names if o in noted)]))
    s = ev.summary
    _heading(pdf, f"1. Yang ditampilkan ({len(on_screen)} dari {len(slides)} slide)")
    if not on_screen:
        pdf.para("Belum ada slide yang ditampilkan dalam sesi ini.", 9.5, color=MUTED)
    general = [f"{numbered[id(x)]}. {x.title}" for x in on_screen if x.section != "opd"]
    if general:
        pdf.para("; ".join(general), 9.5)
    shown_opds = list(dict.fromkeys(x.opd for x in on_screen if x.section == "opd" and x.opd))
    if shown_opds:
        pdf.para(f"Bagian per OPD yang ditampilkan ({len(shown_opds)}): "
                 + "; ".join(shown_opds), 9.5)
    if scenario_name and any(x.section == "simulasi" for x in on_screen):
        pdf.para(f"Simulasi yang dibahas: {scenario_name}", 9.5)
    _heading(pdf, "2. Angka utama kota")
    _table(pdf, [
        ["OPD dihitung", fmt_num(s["opd_count"])],
        ["Pegawai ada / kebutuhan", f"{fmt_num(s['existing'])} / {fmt_num(s['need'])} orang"],
        ["Kelebihan / kekurangan (per jabatan)",
         f"{fmt_num(s['surplus'])} / {fmt_num(s['shortage'])} orang"],
        [KPI_EU_CITY, f"{fmt_num(s['eu2'], 2)} (PU {s['pu']}, {s['pu_label']})"],
        [KPI_MATURITY_MEAN, f"{fmt_num(s['maturity_mean'], 2)} "
                                 f"({s['maturity_category'] or '–'})"],
    ], (70, 110))
    pdf.para(f"{COMPUTED_WITH}: " + ev.settings.describe(), 8.5, color=MUTED)
    _heading(pdf, "3. Catatan dan keputusan untuk seluruh kota")
    _notes_table(pdf, notes_for(notes, None), with_unit=False)
    _heading(pdf, "4. Catatan dan keputusan per OPD")
    _per_opd_table(pdf, opds, notes)
    _signatures(pdf, "Pimpinan rapat", "Notulis")
    for opd in opds:
        pdf.add_page()
        _opd_page(pdf, ev, opd, [x for x in on_screen if x.opd == opd and x.section == "opd"],
                  numbered, notes_for(notes, opd), city, when)
    return bytes(pdf.output())


def _per_opd_table(pdf: _Pdf, opds: Sequence[str], notes: Sequence[Mapping[str, Any]]) -> None:
    """One row per OPD discussed: how many notes, and its decisions in full."""
    if not opds:
        pdf.para("Belum ada OPD yang dibahas.", 9.5, color=MUTED)
        return
    rows = []
    for opd in opds:
        own = notes_for(notes, opd)
        decisions = [str(n.get("teks", "")) for n in own if n.get("jenis") == "keputusan"]
        rows.append([opd, fmt_num(len(own) - len(decisions)), fmt_num(len(decisions)),
                     "; ".join(decisions) or "–"])
    _table(pdf, rows, (52, 18, 20, 90), ["OPD", "Catatan", "Keputusan", "Isi keputusan"])


def _opd_page(pdf: _Pdf, ev: Evaluation, opd: str, shown: Sequence[Slide],
              numbered: Mapping[int, int], notes: Sequence[Mapping[str, Any]], city: str,
              when: str) -> None:
    o = ev.opds.set_index("opd").loc[opd]
    _header(pdf, city, when, f"{opd} ({o.get('abbr') or '–'})")
    _heading(pdf, "1. Yang ditampilkan")
    pdf.para("; ".join(f"slide {numbered[id(x)]}: {x.title}" for x in shown)
             or "Slide OPD ini tidak ditampilkan; dibahas lewat catatan.", 9.5)
    _heading(pdf, "2. Angka utama")
    total = o.get("maturity_total")
    findings = ev.findings.loc[ev.findings["opd"] == opd] if ev.findings is not None else None
    counts = findings["severity"].value_counts() if findings is not None else {}
    _table(pdf, [
        ["Pegawai ada / kebutuhan", f"{fmt_num(o['existing'])} / {fmt_num(o['need'])} orang"],
        ["Kelebihan / kekurangan (per jabatan)",
         f"{fmt_num(o['surplus'])} / {fmt_num(o['shortage'])} orang"],
        ["Beban kerja", f"{fmt_num(o['workload_hours'])} jam/tahun"],
        [KPI_EU_OPD, f"{fmt_num(o['eu2'], 2)} (PU {o['pu'] or '–'})"],
        ["Kematangan", f"{fmt_num(total)} ({o.get('maturity_category') or NOT_ASSESSED})"],
        [KPI_VACANT, f"{fmt_num(o['vacant'])} dari {fmt_num(o['positions'])} jabatan"],
        ["Temuan", f"{fmt_num(counts.get('tinggi', 0))} tinggi · "
                   f"{fmt_num(counts.get('sedang', 0))} sedang · "
                   f"{fmt_num(counts.get('rendah', 0))} rendah"],
    ], (70, 110))
    _heading(pdf, "3. Temuan utama")
    if findings is None or findings.empty:
        pdf.para(NO_FINDINGS, 9.5, color=MUTED)
    for sev, msg in zip(findings["severity"].iloc[:5] if findings is not None else [],
                        findings["message"].iloc[:5] if findings is not None else [],
                        strict=True):
        pdf.para(f"• [{sev.capitalize()}] {msg}", 9.5)
    _heading(pdf, "4. Catatan dan keputusan FGD")
    _notes_table(pdf, notes)
    _signatures(pdf, f"Pimpinan {o.get('abbr') or 'OPD'}", "Tim evaluasi")
