"""Phrases several presentations share (page, deck, PDF, results workbook), so a chart, a KPI
card or a city figure is called the same everywhere. Column headers and code names are in
`sotk_core.base.labels`."""

from __future__ import annotations

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import COLUMN_LABELS
from sotk_core.base.settings import Settings

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
EXPLAIN_EU = ("EU (efektivitas unit) = jumlah kebutuhan desimal ÷ jumlah pegawai seluruh unit "
              "beserta subunitnya; dibaca seperti EJ.")


# The texts that name the EJ/EU thresholds are built from the Settings in force: a city with
# its own PJ band table reads its own numbers (defaults: above 1,00 overloaded, below 0,50
# under-used; grades A > 1,00 · B 0,90–1,00 · C 0,70–0,89 · D 0,50–0,69 · E < 0,50).

def _limits(settings: Settings) -> tuple[str, str]:
    """(overloaded above, under-used below), as people read them: ('1,00', '0,50')."""
    return fmt_num(settings.overload_ej, 2), fmt_num(settings.idle_ej, 2)


def explain_ej(settings: Settings) -> str:
    """What EJ is and where its thresholds lie. "EJ 1,00 = pas" (the work of exactly the staff
    there) is said while 1,00 is neither overloaded nor under-used in the band table."""
    hi, lo = _limits(settings)
    lead = "EJ 1,00 = pas; di atas" if settings.idle_ej <= 1.0 <= settings.overload_ej \
        else "Di atas"
    return ("EJ (efektivitas jabatan) = kebutuhan desimal ÷ pegawai ada. "
            f"{lead} {hi} = beban berlebih (kurang pegawai); di bawah {lo} = beban rendah "
            "(kelebihan pegawai).")


def explain_pj(settings: Settings) -> str:
    """What the PJ/PU grade means: the top grade is overload, not praise."""
    bands = settings.ej_bands
    top, last = bands[0][0], bands[-1][0]
    return (f"PJ/PU adalah predikat EJ/EU ({top}–{last}). {top} berarti EJ/EU di atas "
            f"{_limits(settings)[0]}: beban berlebih, bukan prestasi: unit itu kekurangan "
            "pegawai.")


def eu_city_help(settings: Settings) -> str:
    """The help of the city EU card."""
    hi, lo = _limits(settings)
    return (f"EU = Σ kebutuhan desimal ÷ Σ pegawai. >{hi} = beban berlebih (kurang pegawai); "
            f"<{lo} = beban rendah (kelebihan pegawai).")


def ej_eu_reading(settings: Settings) -> str:
    """EJ/EU, their thresholds and the PJ/PU grades in one caption."""
    hi, lo = _limits(settings)
    return (f"EJ/EU = kebutuhan desimal ÷ pegawai ada. >{hi}: beban berlebih (kurang pegawai); "
            f"<{lo}: beban rendah (kelebihan pegawai). Predikat PJ/PU: "
            f"{settings.band_text(sep=' · ', gap='')}.")


def whatif_ej_help(settings: Settings) -> str:
    """The help next to a scenario's EJ/EU figures."""
    hi, lo = _limits(settings)
    return (f"EJ = kebutuhan desimal ÷ pegawai ada. Di atas {hi}: beban berlebih (kurang "
            f"pegawai); di bawah {lo}: beban rendah (kelebihan pegawai). Kebutuhan desimal = "
            "beban kerja (jam/tahun) ÷ jam kerja efektif (WKE).")


def ej_overload_note(settings: Settings) -> str:
    """'EJ = kebutuhan desimal ÷ pegawai ada (di atas 1,00 beban berlebih)'."""
    return (f"EJ = kebutuhan desimal ÷ pegawai ada (di atas {_limits(settings)[0]} beban "
            "berlebih)")


# the staffing reading of an EJ/EU value (also what the A–E grade means for staffing)
READING_OVER = "beban berlebih"
READING_BALANCED = "seimbang"
READING_LOWISH = "agak rendah"
READING_LOW = "beban rendah"
READING_VACANT = "kosong"
READING_NO_WORK = "tanpa beban kerja"
READING_UNKNOWN = "pegawai belum diketahui"
