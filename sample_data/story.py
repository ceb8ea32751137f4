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
- Kelembagaan (PermenPANRB 20/2018) answers for four OPD.

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
    "opd_count": 15,
    "position_count": 288,
    "task_count": 1575,
    "overloaded_units": [  # unit EU > 1.2 (subtree)
        {"file": "06_bpkad.xlsx", "code": "06.04.01",
         "name": "Subbidang Akuntansi dan Pelaporan", "eu": 1.42},
        {"file": "10_disdukcapil.xlsx", "code": "10.02.01",
         "name": "Seksi Identitas Penduduk", "eu": 1.41},
        {"file": "12_satpolpp.xlsx", "code": "12.03.01",
         "name": "Seksi Operasi dan Pengendalian", "eu": 1.39},
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
    },
    "maturity_city_mean": 554 / 14,  # 39.57 -> Tinggi
    "maturity_city_category": "Tinggi",
    "kelembagaan_files": ["01_setda.xlsx", "08_dinkes.xlsx", "09_dpupr.xlsx",
                          "10_disdukcapil.xlsx"],
}
