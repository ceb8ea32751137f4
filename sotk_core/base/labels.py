"""The catalogue of user text (Bahasa Indonesia): column headers with units, the names of
every code a result carries (position status, severities, finding kinds, rounding modes,
note kinds, scenario change kinds, ...), and the plain basis of every rule.

Code keeps identifiers (``"kosong"``, ``"half_up"``, ``"[reg]"``); whatever a person reads on
screen, in the deck, the PDFs or the workbooks is looked up here. Chart titles, KPI names and
other phrases shared by several presentations are in `sotk_core.base.texts`. Sentences about
one case (a validation message naming a row, a finding naming a unit) stay next to the code
that knows the case.
"""

from __future__ import annotations

COLUMN_LABELS: dict[str, str] = {
    "opd": "OPD",
    "file": "File",
    "abbr": "Singkatan",
    "jenis": "Jenis OPD",
    "tipe": "Tipe",
    "skor": "Skor pemetaan",
    "sakip": "Nilai SAKIP",
    "sakip_grade": "Predikat SAKIP",
    "code": "Kode",
    "name": "Nama",
    "unit": "Kode unit",
    "unit_name": "Unit",
    "kind": "Jenis",
    "parent": "Kode induk",
    "depth": "Lapis",
    "grade": "Kelas jabatan",
    "existing": "Pegawai ada (orang)",
    "retiring": "Pensiun 5 th (orang)",
    "task_count": "Tugas",
    "workload_hours": "Beban kerja (jam/th)",
    "need_raw": "Kebutuhan (orang, desimal)",
    "need": "Kebutuhan (orang)",
    "gap": "Selisih (orang)",
    "surplus": "Kelebihan (orang)",
    "shortage": "Kekurangan (orang)",
    "ej": "EJ",
    "ej2": "EJ",
    "pj": "PJ",
    "pj_label": "Predikat PJ",
    "eu": "EU",
    "eu2": "EU",
    "pu": "PU",
    "pu_label": "Predikat PU",
    "status": "Status",
    "positions": "Jabatan",
    "vacant": "Jabatan kosong",
    "maturity_total": "Total kematangan (11–55)",
    "maturity_category": "Kategori kematangan",
    "maturity_stage": "Tahap (tingkat terendah)",
    "maturity_self_total": "Total mandiri",
    "kelembagaan_total": "Skor kelembagaan",
    "kelembagaan_rank": "Peringkat kelembagaan",
    "task": "Uraian tugas",
    "output": "Satuan hasil",
    "volume": "Volume",
    "period": "Periode",
    "norma": "Norma waktu",
    "time_unit": "Satuan waktu",
    "minutes": "Menit/tahun",
    "hours": "Jam/tahun",
    "share_of_position": "Porsi dari jabatan",
    "position": "Kode jabatan",
    "severity": "Tingkat",
    "sheet": "Sheet",
    "row": "Baris",
    "column": "Kolom",
    "message": "Pesan",
    "variable": "Variabel",
    "roman": "No",
    "var_name": "Variabel",
    "self_level": "Tingkat mandiri",
    "verified_level": "Tingkat verifikasi",
    "level": "Tingkat dipakai",
    "next_level": "Tingkat berikut",
    "next_text": "Yang perlu dicapai",
    "aspect": "Aspek",
    "gap_level": "Selisih mandiri − verifikasi",
    "basis": "Dasar",
    "unit_code": "Kode unit",
    "value": "Nilai",
    "limit": "Batas",
    "rank": "Peringkat",
    "rank_label": "Keterangan",
    "total": "Total",
    "level_label": "Tingkat perbandingan",
    "group_name": "Kelompok",
    "members": "Anggota",
    "mean_hours_per_head": "Rata-rata jam/orang",
    "median_hours_per_head": "Median jam/orang",
    "staffed_units": "Unit berpegawai",
    "shown": "Di grafik",
    "min_hours_per_head": "Jam/orang terendah",
    "max_hours_per_head": "Jam/orang tertinggi",
    "cv": "Koefisien variasi",
    "gini": "Gini",
    "min_eu": "EU terendah",
    "max_eu": "EU tertinggi",
    "minmax_ratio": "Rasio min/maks",
    "staff": "Pegawai (orang)",
    # the balanced EJ range is a setting (Settings.balanced_ej): a header names no numbers
    "staff_outside": "Pegawai di luar rentang EJ seimbang (orang)",
    "share_outside": "Porsi di luar rentang EJ seimbang",
    "groups_measured": "Kelompok diukur",
    "median_cv": "Median KV",
    "max_cv": "KV tertinggi",
    "median_gini": "Median Gini",
    "max_gini": "Gini tertinggi",
    "layers": "Lapis",
    "units": "Unit",
    "heads": "Kepala unit",
    "span_median": "Rentang kendali median",
    "span_max": "Rentang kendali maks",
    "span": "Rentang kendali (orang/unit)",
    "span_bucket": "Kelompok rentang",
    "head_name": "Kepala unit",
    "tipe_pemetaan": "Tipe hasil pemetaan",
    "urusan_count": "Jumlah urusan",
    "rumpun": "Rumpun",
    "size_note": "Catatan ukuran",
    "measure": "Ukuran",
    "count": "Jumlah",
    "over": "Melebihi",
    "source": "Sumber batas",
    # rounds over time (model.rounds)
    "round": "Putaran",
    "maturity_mean": "Kematangan rata-rata",
    "opd_count": "OPD dihitung",
    "before": "Putaran sebelumnya",
    "after": "Putaran ini",
    "delta": "Perubahan",
    "existing_before": "Pegawai sebelumnya (orang)",
    "existing_after": "Pegawai sekarang (orang)",
    "need_before": "Kebutuhan sebelumnya (orang)",
    "need_after": "Kebutuhan sekarang (orang)",
    "eu_before": "EU sebelumnya",
    "eu_after": "EU sekarang",
    "maturity_total_before": "Kematangan sebelumnya",
    "maturity_total_after": "Kematangan sekarang",
    "eu_delta": "Perubahan EU",
    "maturity_delta": "Perubahan kematangan",
    "existing_delta": "Perubahan pegawai (orang)",
    "need_delta": "Perubahan kebutuhan (orang)",
    # planning views: formasi, like units, maturity beside workload
    "projected": "Proyeksi bezetting (orang)",
    "formasi": "Kebutuhan formasi (orang)",
    "excess": "Lebih setelah pensiun (orang)",
    "redistributed_in": "Dari redistribusi (orang)",
    "redistributed_out": "Dialihkan (orang)",
    "new_formasi": "Usulan formasi baru (orang)",
    "excess_left": "Kelebihan tersisa (orang)",
    "retiring_years": "Pensiun per tahun",
    "retiring_source": "Sumber data pensiun",
    "year": "Tahun",
    "from_name": "Dari jabatan",
    "from_unit_name": "Unit asal",
    "to_name": "Ke jabatan",
    "to_unit_name": "Unit tujuan",
    "scope": "Lingkup",
    "note": "Keterangan",
    "group": "Kelompok",
    "label": "Unit",
    "need_per_head": "Kebutuhan per orang",
    "hours_per_head": "Jam kerja/orang",
    "eu2_median": "Median EU kelompok",
    "eu2_distance": "Selisih EU dari median",
    "eu2_relative": "Selisih dari median (%)",
    "outlier": "Pencilan",
    "ej_min": "EJ terendah",
    "ej_median": "EJ median",
    "ej_max": "EJ tertinggi",
    "spread": "Rentang EJ",
    "lowest": "Terendah di",
    "highest": "Tertinggi di",
    "member": "Unit",
    "quadrant": "Kuadran",
    "weakest": "Variabel terlemah",
    "top_unit": "Unit dengan EU tertinggi",
    "top_unit_eu": "EU unit tertinggi",
}


def label(key: str) -> str:
    """The column header of a frame column (the key itself when it has none)."""
    return COLUMN_LABELS.get(key, key)


# Short headers (units kept) of the tables that must fit a 1024×768 projector beside the
# sidebar (about 650 px); the full header stays the column's tooltip and the CSV's header.
COMPACT_LABELS: dict[str, str] = {
    "name": "Jabatan",
    "opd": "Nama OPD",
    "abbr": "OPD",
    "need": "Butuh (orang)",
    "existing": "Ada (orang)",
    "retiring": "Pensiun (orang)",
    "projected": "Proyeksi (orang)",
    "formasi": "Kurang (orang)",
    "redistributed_in": "Alih (orang)",
    "new_formasi": "Formasi baru (orang)",
    "excess_left": "Sisa lebih (orang)",
    "eu2_distance": "Selisih EU",
    "eu2_relative": "Selisih (%)",
    "need_per_head": "Butuh/orang",
    "hours_per_head": "Jam/orang",
    "maturity_total": "Kematangan (11–55)",
    "top_unit": "Unit EU tertinggi",
    "weakest": "Terlemah",
    "median_hours_per_head": "Median (jam/orang)",
    "min_hours_per_head": "Terendah (jam/orang)",
    "max_hours_per_head": "Tertinggi (jam/orang)",
}


def compact_label(key: str) -> str:
    """The short header of a column in a table drawn for the projector (`label` otherwise)."""
    return COMPACT_LABELS.get(key, label(key))


# ---- validation issues --------------------------------------------------------------------

ISSUE_SEVERITY_LABELS: dict[str, str] = {"error": "Galat", "warning": "Peringatan"}

# ---- settings -----------------------------------------------------------------------------

ROUNDING_LABELS: dict[str, str] = {
    "half_up": "Dibulatkan biasa: mulai ,5 ke atas (2,5 → 3)",
    "ceil": "Selalu dibulatkan ke atas (2,1 → 3)",
    "floor": "Selalu dibulatkan ke bawah (2,9 → 2)",
    "min1": "Minimal satu orang bila ada beban (0,3 → 1; di atas itu dibulatkan biasa)",
}
ROUNDING_SHORT: dict[str, str] = {  # inside a sentence: "pembulatan <short>"
    "half_up": "biasa (,5 ke atas)",
    "ceil": "selalu ke atas",
    "floor": "selalu ke bawah",
    "min1": "minimal satu orang",
}

# ---- workload (ABK) -----------------------------------------------------------------------

POSITION_STATUS_LABELS: dict[str, str] = {
    "kosong": "Kosong (tanpa pegawai)",
    "tanpa_beban": "Tanpa beban kerja",
    "berlebih": "Beban berlebih (EJ > 1,00)",
    "rendah": "Beban rendah (EJ < 0,50)",
    "wajar": "Wajar",
    "tidak_terisi": "Tidak terisi, beban < 0,5 orang",
    "tanpa_bezetting": "Bezetting belum diketahui",
}

# ---- the basis of a rule ------------------------------------------------------------------
# Code tags a rule "[reg]" (regulation text), "[practice]" (common practice of government
# guidance) or "[policy]" (this application's own rule); people read the basis in plain words
# with the regulation named.

BASIS_LABELS: dict[str, str] = {  # the three kinds, e.g. as filter choices
    "[reg]": "Regulasi",
    "[practice]": "Praktik umum",
    "[policy]": "Aturan aplikasi ini",
}
BASIS_HELP = ("Dasar temuan: Regulasi = tertulis dalam peraturan (disebutkan namanya); "
              "Praktik umum = praktik umum pedoman pemerintah, tabel peraturannya belum "
              "diperiksa, mohon diverifikasi; Aturan aplikasi ini = aturan SOTK Dashboard "
              "sendiri, bukan peraturan.")
BASIS_PP18 = "Dasar: PP 18/2016"
BASIS_PP18_PRACTICE = "Praktik umum pedoman pemetaan (acuan PP 18/2016, mohon diverifikasi)"
BASIS_ABK_PRACTICE = "Praktik umum pedoman ABK"
BASIS_MATURITY_PRACTICE = "Praktik umum pedoman kematangan (Permendagri 99/2018)"
BASIS_APP = "Aturan aplikasi ini"
BASIS_APP_SETTING = "Aturan aplikasi ini — dapat diubah di Pengaturan"

# ---- findings (Temuan) --------------------------------------------------------------------

FINDING_SEVERITY_LABELS: dict[str, str] = {"tinggi": "Tinggi", "sedang": "Sedang",
                                           "rendah": "Rendah"}
FINDING_KIND_LABELS: dict[str, str] = {
    "tipe_melebihi_pemetaan": "Tipe melebihi hasil pemetaan",
    "rumpun_campur": "Urusan dari lebih dari satu rumpun",
    "urusan_lebih_3": "Dinas gabungan lebih dari 3 urusan",
    "bidang_melebihi_batas": "Bidang melebihi batas tipe",
    "subbagian_melebihi_batas": "Subbagian melebihi batas tipe",
    "seksi_melebihi_batas": "Seksi melebihi batas tipe",
    "jabatan_kosong": "Jabatan kosong",
    "campuran": "Unit campuran (kelebihan dan kekurangan)",
    "eu_tinggi": "EU > 1,00",
    "eu_rendah": "EU < 0,50",
    "tanpa_beban": "Unit tanpa beban kerja",
    "tanpa_kepala": "Unit tanpa kepala",
    "kepala_tanpa_tugas": "Kepala unit tanpa uraian tugas",
    "unit_mikro": "Unit mikro",
    "urusan_tidak_dikenali": "Urusan tidak dikenali",
}
FINDING_BASIS: dict[str, str] = {  # per finding kind, the basis as people read it
    "tipe_melebihi_pemetaan": BASIS_PP18_PRACTICE,
    "rumpun_campur": BASIS_PP18,
    "urusan_lebih_3": BASIS_PP18,
    "bidang_melebihi_batas": BASIS_PP18_PRACTICE,
    "subbagian_melebihi_batas": BASIS_PP18_PRACTICE,
    "seksi_melebihi_batas": BASIS_PP18_PRACTICE,
    "jabatan_kosong": BASIS_APP,
    "campuran": BASIS_APP,
    "eu_tinggi": BASIS_APP,
    "eu_rendah": BASIS_APP,
    "tanpa_beban": BASIS_APP,
    "tanpa_kepala": BASIS_APP,
    "kepala_tanpa_tugas": BASIS_APP,
    "unit_mikro": BASIS_APP,
    "urusan_tidak_dikenali": BASIS_APP,
}
FINDING_HEADERS: dict[str, str] = {
    "opd": "OPD", "unit_code": "Kode unit", "unit_name": "Unit", "kind": "Jenis temuan",
    "severity": "Tingkat", "basis": "Dasar", "message": "Temuan", "value": "Nilai",
    "limit": "Batas",
}

# ---- structure and balance ----------------------------------------------------------------

SIZE_MEASURE_LABELS: dict[str, str] = {
    "bidang": "bidang",
    "subbagian_sekretariat": "subbagian di sekretariat",
    "seksi_per_bidang": "seksi/subbidang",
    "seksi": "seksi",
}
UNIT_FLAG_LABELS: dict[str, str] = {  # health flags of a unit (StructureResult.units)
    "micro": "unit mikro", "no_workload": "tanpa beban", "no_head": "tanpa kepala",
    "campuran": "campuran"}
DEPTH_LABELS: dict[int, str] = {1: "OPD", 2: "bidang/bagian", 3: "seksi/subbagian"}
KELEMBAGAAN_RANK_LABELS: dict[str, str] = {
    "P-5": "Sangat efektif", "P-4": "Efektif", "P-3": "Cukup efektif", "P-2": "Kurang efektif",
    "P-1": "Tidak efektif"}
BALANCE_LEVEL_LABELS: dict[str, str] = {
    "seksi_dalam_bidang": "Seksi/subbagian dalam bidang",
    "bidang_dalam_opd": "Bidang/bagian dalam OPD",
    "opd_dalam_kota": "OPD dalam kota",
}

# ---- planning views ---------------------------------------------------------------------

QUADRANT_LABELS: dict[str, str] = {  # maturity (x) beside workload (y), model.quadrant
    "matang_berlebih": "Matang tetapi beban berlebih",
    "belum_berlebih": "Belum matang dan beban berlebih",
    "matang_terkendali": "Matang, beban tidak berlebih",
    "belum_terkendali": "Belum matang, beban tidak berlebih",
    "belum_dinilai": "Kematangan belum dinilai",
    "tanpa_pegawai": "Tanpa pegawai",
}
QUADRANT_ADVICE: dict[str, str] = {
    "matang_berlebih": "tata kelola sudah baik: tambah pegawai atau jabatan fungsional",
    "belum_berlebih": "prioritas: beban berlebih dan tata kelola masih lemah",
    "matang_terkendali": "pertahankan; dapat menjadi contoh bagi OPD lain",
    "belum_terkendali": "beban wajar: fokus pada naik satu tingkat kematangan",
    "belum_dinilai": "isi sheet Kematangan untuk menempatkan OPD ini",
    "tanpa_pegawai": "isi jumlah pegawai untuk menempatkan OPD ini",
}
MOVE_SCOPE_LABELS: dict[str, str] = {"unit": "Unit yang sama", "opd": "OPD yang sama"}
RETIRING_SOURCE_LABELS: dict[str, str] = {
    "sheet": "Sheet Pensiun (per tahun)",
    "kolom": "Kolom Pensiun 5 Tahun",
    "kosong": "Belum diisi (dianggap 0)",
}
GROUP_LEVEL_LABELS: dict[str, str] = {"opd": "OPD", "unit": "Unit"}

# ---- FGD notes ----------------------------------------------------------------------------

NOTE_KIND_LABELS: dict[str, str] = {"catatan": "Catatan", "keputusan": "Keputusan"}
NOTE_HEADERS: dict[str, str] = {"waktu": "Waktu", "opd": "OPD", "unit": "Unit",
                                "jenis": "Jenis", "teks": "Isi catatan"}
NOTE_CITY_SCOPE = "(seluruh kota)"

# ---- scenarios ----------------------------------------------------------------------------

CHANGE_KIND_LABELS: dict[str, str] = {  # by `change_kind` of each change record
    "set_existing": "Ubah pegawai",
    "move_staff": "Pindah pegawai",
    "add_position": "Tambah jabatan",
    "remove_position": "Hapus jabatan",
    "set_task_volume": "Ubah volume tugas",
    "set_task_norma": "Ubah norma waktu",
    "set_settings": "Ubah pengaturan",
}
MATCH_LABELS: dict[str, str] = {
    "name": "Nama jabatan sama",
    "jenis_pelaksana": "Nama jabatan sama, atau sesama Pelaksana dengan kelas jabatan sama",
    "any_pelaksana": "Nama jabatan sama, atau sesama Pelaksana (kelas apa pun)",
}
SCOPE_LABELS: dict[str, str] = {"opd": "Di dalam satu OPD", "city": "Antar-OPD se-kota"}
PRESENCE_LABELS: dict[str, str] = {"tetap": "Tetap", "baru": "Baru (skenario)",
                                   "dihapus": "Dihapus (skenario)"}
SUFFIX_LABELS: dict[str, str] = {"base": "awal", "scen": "skenario", "delta": "selisih",
                                 "changed": "berubah"}


# --- access and the audit log -----------------------------------------------------------------

AUDIT_ACTION_LABELS: dict[str, str] = {  # by sotk_core.store.actor.Action value
    "workspace.create": "Membuat ruang kerja", "round.create": "Membuat putaran",
    "round.settings": "Mengubah pengaturan putaran", "submission.add": "Mengirim workbook",
    "submission.restore": "Memulihkan versi workbook", "submission.withdraw": "Menarik workbook",
    "scenario.save": "Menyimpan skenario", "scenario.delete": "Menghapus skenario",
    "note.add": "Menambah catatan", "note.edit": "Mengubah catatan",
    "note.delete": "Menghapus catatan", "deck.move": "Memindahkan slide",
    "backup": "Membuat cadangan", "backup.restore": "Memulihkan cadangan",
    "account.manage": "Mengelola akun", "login": "Masuk", "login.failed": "Gagal masuk",
}
AUDIT_HEADERS: dict[str, str] = {"at": "Waktu", "actor_name": "Akun", "action": "Tindakan",
                                 "opd": "OPD", "round": "Putaran", "detail": "Rincian"}
