"""What the Kota Contoh sample city (the tables in sample_data/kota_contoh/) was designed to
show, for presenters and tests.

Every outcome worth talking about is there on purpose:

- overloaded sections (unit EU > 1.2): Seksi Identitas Penduduk (Disdukcapil), Subbidang
  Akuntansi dan Pelaporan (BPKAD), Seksi Operasi dan Pengendalian (Satpol PP);
- idle sections (unit EU < 0.5): Subbagian Fasilitasi Pengawasan (Setwan), Seksi Sejarah dan
  Cagar Budaya (Disdikbud), Seksi Ekonomi dan Pembangunan (Kecamatan Sukamaju);
- six vacant positions (Pegawai 0, with tasks), one of them a structural head;
- a "campuran" bidang in Dinas Kesehatan: one position with surplus 4, one with shortage 2,
  while the bidang as a whole looks healthy;
- Dinas PUPR: Tipe B (Skor Pemetaan 700) with 4 bidang, over the Tipe B limit of 3;
- Dinas Sosial: declared Tipe A while its Skor Pemetaan 650 maps to Tipe B;
- Dinas Perhubungan, Komunikasi dan Informatika: urusan from two rumpun (f and e);
- maturity totals from Sedang (30) to Sangat Tinggi (51), city mean 39.57 (Tinggi);
  Kecamatan Sukamaju has no Kematangan sheet;
- Kelembagaan (PermenPANRB 20/2018) answers for four OPD;
- five kecamatan side by side, one clear outlier: Kecamatan Karangrejo (EU 1,39, 0,48 above
  the median 0,91); "Pengadministrasi Perkantoran" at EJ 0,90 / 1,10 / 1,60 in three of them;
- three UPT Puskesmas of Dinas Kesehatan, evenly loaded (EU 0,80 / 0,90 / 1,00);
- maturity beside workload in all four quadrants: Tanjungjaya mature but overloaded,
  Karangrejo overloaded and at maturity stage 2;
- retirements per year (sheet Pensiun) in six OPD, and a formasi plan in which surplus staff
  are offered before new formasi: in the same bidang (Dinas Kesehatan), in the same kecamatan
  (Mekarsari).

The new kecamatan and puskesmas were designed by hand: every task is a multiple of 2.500
minutes a year (Hari × 10 menit, Minggu × 100 menit, Tahun × 125 jam = 7.500 menit), so every
need is an exact decimal of 75.000 minutes (1.250 jam).

DATA FIKTIF: all names and numbers are invented; they describe no real government.
"""

from __future__ import annotations

CITY_NAME = "Kota Contoh"
YEAR = 2026

# EU values (rounded to 2 decimals) are those of the workbooks with WKE 1,250 h, period
# factors Tahun 1 .. Hari 250 and round-half-up needs; unit codes refer to the Unit sheet of
# the named file. The listed overloaded / idle units are exactly the units with EU > 1.2 /
# EU < 0.5 in the whole city.
SAMPLE_STORY: dict[str, object] = {
    "city": CITY_NAME,
    "year": YEAR,
    "opd_count": 18,
    "position_count": 348,
    "task_count": 1734,
    "overloaded_units": [  # unit EU > 1.2 (subtree)
        {"file": "06_bpkad.xlsx", "code": "06.04.01",
         "name": "Subbidang Akuntansi dan Pelaporan", "eu": 1.42},
        {"file": "10_disdukcapil.xlsx", "code": "10.02.01",
         "name": "Seksi Identitas Penduduk", "eu": 1.41},
        {"file": "12_satpolpp.xlsx", "code": "12.03.01",
         "name": "Seksi Operasi dan Pengendalian", "eu": 1.39},
        # (1,00 Kepala Seksi + 3,90 Operator Layanan Operasional) / 4 orang = 1,225 -> 1,23
        {"file": "17_kec_tanjungjaya.xlsx", "code": "17.05",
         "name": "Seksi Pelayanan Umum", "eu": 1.23},
    ],
    "idle_units": [  # unit EU < 0.5 (subtree)
        {"file": "02_setwan.xlsx", "code": "02.03.02",
         "name": "Subbagian Fasilitasi Pengawasan", "eu": 0.33},
        {"file": "07_disdikbud.xlsx", "code": "07.05.01",
         "name": "Seksi Sejarah dan Cagar Budaya", "eu": 0.34},
        {"file": "15_kec_sukamaju.xlsx", "code": "15.05",
         "name": "Seksi Ekonomi dan Pembangunan", "eu": 0.37},
    ],
    "vacant_positions": [  # Pegawai 0 with tasks, need 1
        {"file": "03_inspektorat.xlsx", "code": "03.04-04",
         "name": "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda"},
        {"file": "05_bkpsdm.xlsx", "code": "05.04-03",
         "name": "Asesor Sumber Daya Manusia Aparatur Ahli Pertama"},
        {"file": "08_dinkes.xlsx", "code": "08.03-03", "name": "Epidemiolog Kesehatan Ahli Pertama"},
        {"file": "09_dpupr.xlsx", "code": "09.03-03", "name": "Teknik Pengairan Ahli Pertama"},
        {"file": "13_dishubkominfo.xlsx", "code": "13.03-04", "name": "Sandiman Ahli Pertama"},
        {"file": "14_kec_kotalama.xlsx", "code": "14.06-01",
         "name": "Kepala Seksi Ekonomi dan Pembangunan"},
    ],
    # campuran: the one bidang holding a position with surplus >= 2 next to one with a
    # shortage; the bidang EU (0.75) looks healthy and hides both.
    "mixed_unit": {
        "file": "08_dinkes.xlsx", "opd": "Dinas Kesehatan", "code": "08.04",
        "name": "Bidang Pelayanan dan Sumber Daya Kesehatan", "eu": 0.75,
        "surplus_position": {"code": "08.04-02", "name": "Administrator Kesehatan Ahli Muda",
                             "existing": 6, "need": 2, "surplus": 4},
        "shortage_position": {"code": "08.04-03", "name": "Administrator Kesehatan Ahli Pertama",
                              "existing": 1, "need": 3, "shortage": 2},
    },
    "over_bidang_limit": {
        "file": "09_dpupr.xlsx", "opd": "Dinas Pekerjaan Umum dan Penataan Ruang", "tipe": "B",
        "skor": 700, "bidang": 4, "limit": 3,
    },
    "tipe_above_mapping": {
        "file": "11_dinsos.xlsx", "opd": "Dinas Sosial", "tipe": "A", "skor": 650, "mapped": "B",
    },
    "cross_rumpun": {
        "file": "13_dishubkominfo.xlsx", "opd": "Dinas Perhubungan, Komunikasi dan Informatika",
        "urusan": ["perhubungan", "komunikasi dan informatika", "statistik"],
        "rumpun": {"perhubungan": "f", "komunikasi dan informatika": "e", "statistik": "e"},
    },
    "same_rumpun_merged": {  # a merged dinas that is fine
        "file": "07_disdikbud.xlsx", "opd": "Dinas Pendidikan dan Kebudayaan",
        "urusan": ["pendidikan", "kebudayaan"], "rumpun": "a",
    },
    "no_kematangan": {"file": "15_kec_sukamaju.xlsx", "opd": "Kecamatan Sukamaju"},
    "maturity_totals": {
        "01_setda.xlsx": 48, "02_setwan.xlsx": 35, "03_inspektorat.xlsx": 44,
        "04_bappeda.xlsx": 51, "05_bkpsdm.xlsx": 42, "06_bpkad.xlsx": 45,
        "07_disdikbud.xlsx": 38, "08_dinkes.xlsx": 41, "09_dpupr.xlsx": 36,
        "10_disdukcapil.xlsx": 43, "11_dinsos.xlsx": 31, "12_satpolpp.xlsx": 33,
        "13_dishubkominfo.xlsx": 37, "14_kec_kotalama.xlsx": 30,
        "16_kec_mekarsari.xlsx": 39, "17_kec_tanjungjaya.xlsx": 44,
        "18_kec_karangrejo.xlsx": 29,
    },
    "maturity_city_mean": 666 / 17,  # (554 + 39 + 44 + 29) / 17 = 39.18 -> Tinggi
    "maturity_city_category": "Tinggi",
    "kelembagaan_files": ["01_setda.xlsx", "08_dinkes.xlsx", "09_dpupr.xlsx",
                          "10_disdukcapil.xlsx"],
    # ---- planning views --------------------------------------------------------------------
    # Kecamatan EU = Σ need (FTE) / staff. Karangrejo: 9 heads × 1,3 + 3,2 + 1,4 + 4,0 + 2,8
    # + 1,5 + 4,5 + 1,4 = 30,5 / 22 = 1,386 -> 1,39; Tanjungjaya: 9 × 1,0 + 14,5 = 23,5 / 22 =
    # 1,068 -> 1,07; Mekarsari: 9 × 0,8 + 11,7 = 18,9 / 23 = 0,822 -> 0,82; Kota Lama and
    # Sukamaju as generated before. Sorted 0,76 0,82 0,91 1,07 1,39: median 0,91; Karangrejo
    # is 0,48 above it (+53 %), the others within 17 % (Sukamaju −0,15, −16 %).
    "kecamatan": {
        "eu": {"14_kec_kotalama.xlsx": 0.91, "15_kec_sukamaju.xlsx": 0.76,
               "16_kec_mekarsari.xlsx": 0.82, "17_kec_tanjungjaya.xlsx": 1.07,
               "18_kec_karangrejo.xlsx": 1.39},
        "median": 0.91,
        "outlier": {"file": "18_kec_karangrejo.xlsx", "opd": "Kecamatan Karangrejo",
                    "distance": 0.48},
        # 2 staff each: 1,8 / 2, 2,2 / 2, 3,2 / 2 FTE
        "same_name": {"position": "Pengadministrasi Perkantoran",
                      "ej": {"Kecamatan Mekarsari": 0.90, "Kecamatan Tanjungjaya": 1.10,
                             "Kecamatan Karangrejo": 1.60},
                      "spread": 0.70},
    },
    # 7 staff each, every position at EJ 0,90 / 0,80 / 1,00: median 0,90, ±11 %: no outlier
    "puskesmas": {"file": "08_dinkes.xlsx", "group": "UPT Puskesmas",
                  "eu": {"UPT Puskesmas Kota Lama": 0.90, "UPT Puskesmas Sukamaju": 0.80,
                         "UPT Puskesmas Mekarsari": 1.00}},
    # mature = Tinggi or above (total > 37); overloaded = EU > 1,00
    "quadrants": {
        "matang_berlebih": {"opd": "Kecamatan Tanjungjaya", "maturity": 44, "eu": 1.07},
        "belum_berlebih": {"opd": "Kecamatan Karangrejo", "maturity": 29, "eu": 1.39,
                           "stage": 2, "weakest": "V",
                           # (1,3 Kepala Subbagian + 3,2 Pengadministrasi Perkantoran) / 3
                           "top_unit": "Subbagian Umum dan Kepegawaian", "top_unit_eu": 1.50},
        "matang_terkendali": {"opd": "Sekretariat Daerah", "maturity": 48, "eu": 0.95},
        "belum_terkendali": {"opd": "Sekretariat DPRD", "maturity": 35, "eu": 0.78},
        "belum_dinilai": {"opd": "Kecamatan Sukamaju"},
    },
    "retirement_files": ["01_setda.xlsx", "06_bpkad.xlsx", "08_dinkes.xlsx",
                         "12_satpolpp.xlsx", "16_kec_mekarsari.xlsx", "18_kec_karangrejo.xlsx"],
    "formasi": {
        # 109 × 250 × 10 + 4 × 50 × 100 + 1 × 125 × 60 = 272.500 + 20.000 + 7.500 = 300.000
        # min = 4,0 FTE -> need 4; 3 staff, 2 retire (2027, 2029): 4 − (3 − 2) = 3, no spare
        # staff in Karangrejo: all 3 are new formasi
        "need_4": {"file": "18_kec_karangrejo.xlsx", "code": "18.02-02",
                   "name": "Pengelola Layanan Kecamatan", "need": 4, "existing": 3,
                   "retiring": 2, "years": {2027: 1, 2029: 1}, "formasi": 3, "new": 3},
        # Administrator Kesehatan Ahli Muda: 6 staff, need 2, spares 4; Ahli Pertama in the
        # same bidang lacks 3 − 1 = 2: covered from the same unit; the other 2 go to
        # Pengadministrasi Umum (both of its 2 staff retire, 2026 and 2028) in the same OPD
        "same_unit": {"file": "08_dinkes.xlsx", "from": "08.04-02", "to": "08.04-03",
                      "count": 2, "then": {"to": "08.01.01-02", "count": 2}},
        # Pengadministrasi Perkantoran: 2 staff, need 2 (1,8), 1 retires in 2026: lacks 1;
        # Operator Layanan Operasional of Seksi Pelayanan Umum: 4 staff, need 3 (2,7): spares 1
        "same_opd": {"file": "16_kec_mekarsari.xlsx", "from": "16.05-02", "to": "16.01.01-02",
                     "count": 1},
        # Karangrejo lacks 1 + 3 + 1 + 1 + 3 = 9 (18.01.01-02, 18.02-02, 18.03-02, 18.04-02,
        # 18.05-02) and spares nobody
        "karangrejo": {"formasi": 9, "new": 9},
        "city_retiring": 39,  # Σ Pensiun 5 Tahun: 34 before the new units + 1 + 1 + 3
    },
}
