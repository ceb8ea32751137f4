"""Phrases several presentations share (page, deck, PDF, results workbook), so a chart, a KPI
card or a city figure is called the same everywhere. Column headers and code names are in
`sotk_core.base.labels`."""

from __future__ import annotations

from sotk_core.base.labels import COLUMN_LABELS

# ---- chart and slide titles, axis titles ----------------------------------------------------

TITLE_EU_PER_OPD = "Efektivitas unit (EU) per OPD"
TITLE_NEED_PER_OPD = "Pegawai ada dan kebutuhan pegawai per OPD"
TITLE_MATURITY_PER_OPD = "Kematangan organisasi per OPD"
TITLE_MATURITY_RANKING = TITLE_MATURITY_PER_OPD + " (total 11–55)"
TITLE_EJ_SPREAD = "Sebaran pegawai menurut EJ jabatan"
TITLE_EXTREME_UNITS = "Bidang/bagian dengan EU tertinggi dan terendah"
TITLE_EXISTING_BEFORE_AFTER = "Pegawai ada per OPD: saat ini dan simulasi"
AXIS_EU = "EU = kebutuhan desimal ÷ pegawai ada"
AXIS_MATURITY_TOTAL = "Total nilai 11 variabel"
BASE_NAME = "Saat ini"  # the baseline next to a scenario
SCENARIO_NAME = "Simulasi"

# ---- KPI cards and hover lines --------------------------------------------------------------

KPI_EXISTING = "Pegawai ada"
KPI_NEED_RAW = "Kebutuhan desimal"
KPI_SURPLUS_SHORTAGE = "Kelebihan / kekurangan"
KPI_EU_CITY = "EU kota"
KPI_EU_OPD = "EU OPD"
KPI_MATURITY_MEAN = "Rata-rata kematangan"
KPI_VACANT = "Jabatan kosong"

# ---- the city block (results workbook sheet Kota, scenario comparison) ---------------------

CITY_LABELS: dict[str, str] = {
    "opd_count": "Jumlah OPD dihitung",
    **{k: COLUMN_LABELS[k] for k in ("workload_hours", "need_raw", "need", "existing",
                                      "surplus", "shortage")},
    "gap": "Selisih bersih (orang)",
    "eu": KPI_EU_CITY,
    "eu2": KPI_EU_CITY,
    "pu": "PU kota",
    "maturity_mean": KPI_MATURITY_MEAN,
    "maturity_category": "Kategori kematangan kota",
    "vacant": COLUMN_LABELS["vacant"],
    "positions": COLUMN_LABELS["positions"],
}

# ---- short phrases ------------------------------------------------------------------------

COMPUTED_WITH = "Dihitung dengan"  # + Settings.describe()
NO_FINDINGS = "Tidak ada temuan."
NOT_ASSESSED = "belum dinilai"  # maturity of an OPD without the Kematangan sheet

# ---- reading the workload figures (OPD view, help texts) ----------------------------------

EXPLAIN_NEED_RAW = ("Kebutuhan desimal = beban kerja setahun (jam) ÷ jam kerja efektif satu "
                    "pegawai (WKE), sebelum dibulatkan: 2,8 berarti pekerjaannya setara 2,8 "
                    "orang penuh waktu.")
EXPLAIN_EJ = ("EJ (efektivitas jabatan) = kebutuhan desimal ÷ pegawai ada. EJ 1,00 = pas; di "
              "atas 1,00 = beban berlebih (kurang pegawai); di bawah 0,50 = beban rendah "
              "(kelebihan pegawai).")
EXPLAIN_EU = ("EU (efektivitas unit) = jumlah kebutuhan desimal ÷ jumlah pegawai seluruh unit "
              "beserta subunitnya; dibaca seperti EJ.")
EXPLAIN_PJ = ("PJ/PU adalah predikat EJ/EU (A–E). A berarti EJ/EU di atas 1,00: beban "
              "berlebih, bukan prestasi: unit itu kekurangan pegawai.")
# the staffing reading of an EJ/EU value (also what the A–E grade means for staffing)
READING_OVER = "beban berlebih"
READING_BALANCED = "seimbang"
READING_LOWISH = "agak rendah"
READING_LOW = "beban rendah"
READING_VACANT = "kosong"
READING_NO_WORK = "tanpa beban kerja"
READING_UNKNOWN = "pegawai belum diketahui"
