"""Where each OPD's data came from, when files in other layouts were read: what each file
contributed, what was inferred, what is still missing; and the OPDs as template-v1 workbooks
to download, so corrections are made once, in Excel."""

from __future__ import annotations

import streamlit as st

from sotk_core.model.city import CityData
from sotk_core.workbook.formats import CombinedWorkbook, sources_frame
from sotk_core.workbook.formats.convert import template_bytes, template_name, templates_zip
from sotk_ui.safe import md

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sources_panel(city: CityData, key: str = "sources") -> None:
    """Nothing for template-v1 uploads; otherwise the summary table and the download."""
    combined = [wb for wb in city.workbooks if isinstance(wb, CombinedWorkbook)]
    if not combined:
        return
    st.subheader("Asal data per OPD")
    st.caption("File selain template SOTK v1 dibaca dan digabung per OPD. Yang belum ada "
               "dihitung sebagai belum diketahui, bukan 0. Unduh hasil konversi ke template "
               "SOTK v1, lengkapi di Excel, lalu unggah kembali.")
    st.dataframe(sources_frame(combined), hide_index=True, width="stretch", key=f"{key}_table",
                 column_config={"Keterangan": st.column_config.TextColumn(width="large")})
    ready = [wb for wb in combined if wb.ok]
    if len(ready) == 1:
        st.download_button(f"Template SOTK v1: {md(ready[0].name)}", template_bytes(ready[0]),
                           file_name=template_name(ready[0]), mime=XLSX, key=f"{key}_dl",
                           icon=":material/download:", on_click="ignore", width="stretch")
    elif ready:
        st.download_button(f"Template SOTK v1 untuk {len(ready)} OPD (.zip)",
                           templates_zip(ready), file_name="template_sotk_v1_konversi.zip",
                           mime="application/zip", key=f"{key}_dl",
                           icon=":material/download:", on_click="ignore", width="stretch")
    if len(ready) < len(combined):
        st.caption("OPD yang masih bergalat tidak dikonversi; perbaiki galatnya di file "
                   "aslinya lalu unggah lagi.")
