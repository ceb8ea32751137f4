"""SOTK Dashboard: the router. Page config, data source, settings, navigation.

Run: streamlit run app.py  (opens on the sample city "Kota Contoh", no upload needed)
"""

from __future__ import annotations

import streamlit as st

from sotk_ui import state
from sotk_ui.panels import data_source_panel, settings_panel

st.set_page_config(page_title="SOTK Dashboard", page_icon="🏛️", layout="wide",
                   initial_sidebar_state="expanded")
state.init()

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon="📊", url_path="ringkasan", default=True),
    st.Page("pages/kematangan.py", title="Kematangan", icon="🧭", url_path="kematangan"),
    st.Page("pages/produktivitas.py", title="Produktivitas", icon="⏱️", url_path="produktivitas"),
    st.Page("pages/keseimbangan.py", title="Keseimbangan", icon="⚖️", url_path="keseimbangan"),
    st.Page("pages/evaluasi_sotk.py", title="Evaluasi SOTK", icon="🏛️", url_path="evaluasi-sotk"),
    st.Page("pages/simulasi.py", title="Simulasi", icon="🔀", url_path="simulasi"),
    st.Page("pages/presentasi.py", title="Mode Presentasi", icon="🖥️", url_path="presentasi"),
    st.Page("pages/data.py", title="Data", icon="📁", url_path="data"),
]

page = st.navigation(PAGES)
if page.url_path != "presentasi":
    data_source_panel()
    settings = settings_panel()
    st.sidebar.caption("Dihitung dengan: " + settings.describe())
page.run()
