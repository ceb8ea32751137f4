"""SOTK Dashboard: the router. Page config, data source, settings, navigation.

Run: streamlit run app.py  (opens on the sample city "Kota Contoh", no upload needed)
"""

from __future__ import annotations

import streamlit as st

from sotk_core.base.texts import COMPUTED_WITH
from sotk_core.present.tables import failed_files
from sotk_ui import state, style
from sotk_ui import workspace as ws
from sotk_ui.data import current_city
from sotk_ui.panels import data_source_panel, settings_panel
from sotk_ui.widgets import failed_files_notice
from sotk_ui.workspace_panel import autosave_messages, database_error_page, workspace_panel

st.set_page_config(page_title="SOTK Dashboard", page_icon=":material/account_tree:", layout="wide",
                   initial_sidebar_state="expanded")
state.init()
if database_error_page():  # the workspace database cannot be opened: say so, in Indonesian
    st.stop()
ws.ensure_signed_in()  # an expired session never keeps a real workspace open
ws.from_url()  # reload / restart / shared link: the workspace and round the URL names
ws.sync()  # autosave what the last interaction changed, read what others saved

# url_path = the file's stem, so a legacy deep link resolves to the same page (sotk_ui.widgets).
PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", url_path="ringkasan", default=True),
    st.Page("pages/opd.py", title="Ringkasan OPD", icon=":material/domain:", url_path="opd"),
    st.Page("pages/kematangan.py", title="Kematangan", icon=":material/military_tech:", url_path="kematangan"),
    st.Page("pages/produktivitas.py", title="Produktivitas", icon=":material/timer:", url_path="produktivitas"),
    st.Page("pages/keseimbangan.py", title="Keseimbangan", icon=":material/balance:", url_path="keseimbangan"),
    st.Page("pages/evaluasi_sotk.py", title="Evaluasi SOTK", icon=":material/account_tree:", url_path="evaluasi_sotk"),
    st.Page("pages/perencanaan.py", title="Perencanaan", icon=":material/event_upcoming:", url_path="perencanaan"),
    st.Page("pages/simulasi.py", title="Simulasi", icon=":material/swap_horiz:", url_path="simulasi"),
    st.Page("pages/presentasi.py", title="Mode Presentasi", icon=":material/slideshow:", url_path="presentasi"),
    st.Page("pages/putaran.py", title="Putaran", icon=":material/history:", url_path="putaran"),
    st.Page("pages/data.py", title="Data", icon=":material/folder_open:", url_path="data"),
]
if ws.actor().role == "admin" and ws.in_workspace():  # accounts and the audit log
    PAGES.append(st.Page("pages/akun.py", title="Akun dan log", icon=":material/admin_panel_settings:",
                         url_path="akun"))

style.apply()
page = st.navigation(PAGES)
if ws.take_landing() and page.url_path != "opd":  # an OPD operator starts on their own OPD
    st.switch_page("pages/opd.py")
if page.url_path != "presentasi":
    workspace_panel()
    data_source_panel()
    settings = settings_panel()
    st.caption(f":material/tune: {COMPUTED_WITH} " + settings.describe(),
               help="Ubah di panel Pengaturan ABK (sidebar). Semua angka di halaman ini "
                    "memakai pengaturan ini.")
failed_files_notice(failed_files(current_city()[0]), compact=page.url_path == "presentasi")
autosave_messages()
page.run()
ws.sync(page.url_path)
ws.to_url()
