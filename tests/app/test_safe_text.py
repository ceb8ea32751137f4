"""md(): a value from a file or a user as literal text inside Streamlit Markdown (issue 16).

Expected strings are written out by hand: each special character gets one backslash, and an
invisible word joiner (U+2060) sits where remark-gfm would otherwise find a bare link.
"""

from __future__ import annotations

import pytest

from sotk_ui.safe import WORD_JOINER, md
from sotk_ui.widgets import plain

WJ = WORD_JOINER


@pytest.mark.parametrize(("value", "expected"), [
    ("**Tebal** $x^2$ :red[merah]", r"\*\*Tebal\*\* \$x^2\$ \:red\[merah\]"),
    ('<a href="x">t</a>', r'\<a href="x"\>t\</a\>'),
    ("[klik](http://contoh.invalid)", rf"\[klik\](http{WJ}\://contoh.invalid)"),
    ("https://contoh.invalid", rf"http{WJ}s\://contoh.invalid"),
    ("lihat www.contoh.invalid", f"lihat www{WJ}.contoh.invalid"),
    ("surat ke tu.setda@contoh.invalid", f"surat ke tu.setda{WJ}@contoh.invalid"),
    (":material/delete: hapus", r"\:material/delete: hapus"),  # the opening one is enough
    ("&amp; &#60;", r"\&amp; \&#60;"),
    ("~~coret~~ `kode`", r"\~\~coret\~\~ \`kode\`"),
])
def test_markup_links_and_directives_are_escaped(value, expected):
    assert md(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("# Judul", r"\# Judul"),
    ("- butir", r"\- butir"),
    ("+1+1 Kepala Seksi", r"\+1+1 Kepala Seksi"),
    ("> kutipan", r"\> kutipan"),
    ("1. Satu", r"1\. Satu"),
    ("2) Dua", r"2\) Dua"),
])
def test_a_value_at_the_start_never_makes_a_heading_list_or_quote(value, expected):
    assert md(value) == expected


@pytest.mark.parametrize("value", [
    "01_setda.xlsx", "12.5 jam", "kosong: 0 pegawai", "Dinas Kesehatan (Dinkes)",
    "Sub Bagian Umum dan Kepegawaian", "10 orang · EU 1,04",
])
def test_ordinary_names_stay_as_they_are(value):
    assert md(value) == value


def test_one_line_whatever_the_value_holds():
    assert md("Bidang\n\nPelayanan\t Umum") == "Bidang Pelayanan Umum"
    assert md(None) == ""


def test_plotly_titles_lose_only_their_own_tags():
    # a chart title holds our <br> and a name whose '<' the chart layer wrote as '&lt;'
    title = "EU per seksi<br>Bidang &lt;a href=\"http://contoh.invalid\"&gt;x&lt;/a&gt;"
    assert plain(title) == rf'EU per seksi Bidang \<a href="http{WJ}\://contoh.invalid"\>x\</a\>'


def _tables_script():
    import pandas as pd

    from sotk_ui.widgets import delta_table, text_table

    view = pd.DataFrame({"Jabatan": ["[klik](http://contoh.invalid) **Tebal**"],
                         "Pegawai (orang)": ["2 → 1"]})
    delta_table(view, pd.DataFrame({"Jabatan": [False], "Pegawai (orang)": [True]}), key="d")
    text_table(view, key="t")


def test_wrapping_tables_draw_names_as_text():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_tables_script, default_timeout=30).run()
    assert not at.exception
    escaped = rf"\[klik\](http{WJ}\://contoh.invalid) \*\*Tebal\*\*"
    assert [t.value.iloc[0, 0] for t in at.table] == [escaped, escaped]  # st.table: Markdown
    assert [t.value.iloc[0, 1] for t in at.table] == ["2 → 1", "2 → 1"]
