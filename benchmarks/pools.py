"""Name and task pools of the benchmark city (see benchmarks/city.py). DATA FIKTIF."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaskTemplate:
    """One task as written in an ABK form; ``norma`` is in ``satuan_waktu``."""

    uraian: str
    satuan: str
    periode: str
    norma: float
    satuan_waktu: str = "Menit"


def _t(uraian: str, satuan: str, periode: str, norma: float, waktu: str = "Menit") -> TaskTemplate:
    return TaskTemplate(uraian, satuan, periode, norma, waktu)


MATURITY_EVIDENCE = [
    "Renstra {y1}–{y2}, Renja {y}",
    "Laporan monitoring triwulanan, SK Tim Monev",
    "Standar pelayanan, hasil survei kepuasan masyarakat",
    "Kumpulan SOP dan berita acara evaluasi SOP",
    "Rencana pengembangan kompetensi pegawai {y}",
    "Dokumen kajian kebijakan / policy brief",
    "Daftar kebutuhan sarana prasarana dan KIB",
    "Register risiko dan rencana tindak pengendalian",
    "Perjanjian kinerja dan LKjIP {y0}",
    "Daftar inovasi daerah dan laporan replikasi",
    "Dokumen nilai budaya kerja dan laporan internalisasi",
]

# Staff positions: name -> (Jenis Jabatan, Kelas Jabatan, task role).
POSITION_CATALOG: dict[str, tuple[str, int, str]] = {
    "Pengadministrasi Umum": ("Pelaksana", 5, "umum"),
    "Pengolah Data dan Informasi": ("Pelaksana", 6, "data"),
    "Penata Laporan Keuangan": ("Pelaksana", 7, "keuangan"),
    "Penata Layanan Operasional": ("Pelaksana", 7, "layanan"),
    "Operator Layanan Operasional": ("Pelaksana", 5, "layanan"),
    "Analis Kebijakan Ahli Muda": ("Fungsional", 9, "kebijakan"),
    "Analis Kebijakan Ahli Pertama": ("Fungsional", 8, "kebijakan"),
    "Perencana Ahli Pertama": ("Fungsional", 8, "perencana"),
    "Pranata Komputer Ahli Pertama": ("Fungsional", 8, "it"),
    "Arsiparis Terampil": ("Fungsional", 8, "arsip"),
    "Pengelola Barang Milik Negara": ("Pelaksana", 6, "aset"),
    "Pranata Hubungan Masyarakat Ahli Pertama": ("Fungsional", 8, "humas"),
    "Statistisi Ahli Pertama": ("Fungsional", 8, "statistik"),
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama": ("Fungsional", 8, "sdm"),
}

# Task pools per role. "{u}" in a head task is replaced by the unit word (seksi, bidang, ...).
TASK_POOLS: dict[str, list[TaskTemplate]] = {
    "head": [
        _t("Menyusun rencana kerja tahunan {u}", "Dokumen", "Tahun", 40, "Jam"),
        _t("Membagi tugas dan memberi petunjuk kepada bawahan", "Kegiatan", "Minggu", 60),
        _t("Memberikan disposisi surat masuk", "Surat", "Hari", 5),
        _t("Memimpin rapat koordinasi internal {u}", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Memeriksa dan memaraf konsep naskah dinas", "Naskah", "Hari", 15),
        _t("Memantau dan mengevaluasi pelaksanaan program {u}", "Laporan", "Triwulan", 8, "Jam"),
        _t("Menilai kinerja pegawai di lingkungan {u}", "Dokumen", "Semester", 6, "Jam"),
        _t("Menyusun laporan kinerja {u}", "Laporan", "Tahun", 24, "Jam"),
        _t("Menghadiri rapat koordinasi lintas perangkat daerah", "Kegiatan", "Minggu", 2, "Jam"),
        _t("Menyusun bahan telaahan staf untuk pimpinan", "Dokumen", "Bulan", 4, "Jam"),
    ],
    "umum": [
        _t("Mengagendakan surat masuk dan keluar", "Surat", "Hari", 6),
        _t("Mendistribusikan surat kepada unit terkait", "Surat", "Hari", 5),
        _t("Mengarsipkan dokumen dan naskah dinas", "Berkas", "Hari", 8),
        _t("Menyiapkan bahan dan perlengkapan rapat", "Kegiatan", "Minggu", 45),
        _t("Mengetik konsep naskah dinas", "Naskah", "Hari", 20),
        _t("Menyusun daftar hadir pegawai", "Laporan", "Bulan", 90),
        _t("Melayani tamu dan mencatat buku tamu", "Kegiatan", "Hari", 10),
        _t("Mengelola persediaan alat tulis kantor", "Laporan", "Bulan", 120),
    ],
    "layanan": [
        _t("Melayani permohonan di loket pelayanan", "Berkas", "Hari", 12),
        _t("Memeriksa kelengkapan berkas permohonan", "Berkas", "Hari", 8),
        _t("Menginput data permohonan ke aplikasi", "Berkas", "Hari", 6),
        _t("Menyerahkan dokumen hasil layanan kepada pemohon", "Dokumen", "Hari", 5),
        _t("Menyusun rekap layanan harian", "Laporan", "Hari", 20),
        _t("Menanggapi pengaduan layanan", "Pengaduan", "Minggu", 30),
    ],
    "data": [
        _t("Menghimpun dan memutakhirkan data {u}", "Data", "Bulan", 6, "Jam"),
        _t("Menginput data ke aplikasi SIPD", "Data", "Hari", 15),
        _t("Mengolah data menjadi tabel dan grafik", "Dokumen", "Minggu", 120),
        _t("Menyusun profil data perangkat daerah", "Dokumen", "Tahun", 40, "Jam"),
        _t("Memverifikasi kelengkapan dan validitas data", "Data", "Minggu", 90),
        _t("Menyiapkan bahan paparan pimpinan", "Dokumen", "Bulan", 3, "Jam"),
        _t("Menyusun laporan realisasi kegiatan", "Laporan", "Bulan", 4, "Jam"),
    ],
    "keuangan": [
        _t("Memverifikasi dokumen SPJ", "Berkas", "Hari", 20),
        _t("Menyusun laporan realisasi anggaran", "Laporan", "Bulan", 6, "Jam"),
        _t("Menyusun jurnal dan buku besar", "Dokumen", "Minggu", 3, "Jam"),
        _t("Merekonsiliasi data keuangan dengan BUD", "Laporan", "Bulan", 5, "Jam"),
        _t("Menyusun laporan keuangan semesteran", "Laporan", "Semester", 24, "Jam"),
        _t("Menyusun catatan atas laporan keuangan", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menindaklanjuti temuan pemeriksaan keuangan", "Dokumen", "Triwulan", 8, "Jam"),
    ],
    "aset": [
        _t("Mencatat barang milik daerah dalam KIB", "Berkas", "Minggu", 60),
        _t("Melakukan inventarisasi barang milik daerah", "Kegiatan", "Semester", 16, "Jam"),
        _t("Menyusun laporan mutasi barang", "Laporan", "Bulan", 4, "Jam"),
        _t("Memeriksa kondisi barang inventaris", "Kegiatan", "Bulan", 3, "Jam"),
        _t("Menyusun rencana kebutuhan barang milik daerah", "Dokumen", "Tahun", 30, "Jam"),
        _t("Mendistribusikan barang persediaan", "Berkas", "Minggu", 40),
    ],
    "kebijakan": [
        _t("Menyusun kajian kebijakan", "Dokumen", "Triwulan", 24, "Jam"),
        _t("Menyusun policy brief untuk pimpinan", "Dokumen", "Bulan", 8, "Jam"),
        _t("Mengumpulkan dan menganalisis data isu kebijakan", "Laporan", "Bulan", 6, "Jam"),
        _t("Menyelenggarakan diskusi kelompok terpumpun", "Kegiatan", "Triwulan", 6, "Jam"),
        _t("Mengevaluasi pelaksanaan kebijakan", "Laporan", "Semester", 20, "Jam"),
        _t("Menyusun rekomendasi penataan organisasi", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menelaah rancangan peraturan kepala daerah", "Dokumen", "Bulan", 4, "Jam"),
    ],
    "perencana": [
        _t("Menyusun rancangan rencana kerja perangkat daerah", "Dokumen", "Tahun", 60, "Jam"),
        _t("Menyusun rencana kegiatan dan anggaran", "Dokumen", "Tahun", 40, "Jam"),
        _t("Menginput rencana program ke SIPD", "Data", "Minggu", 90),
        _t("Mengendalikan dan mengevaluasi rencana pembangunan", "Laporan", "Triwulan", 16, "Jam"),
        _t("Menyiapkan bahan musrenbang", "Dokumen", "Tahun", 24, "Jam"),
        _t("Menyusun indikator kinerja program", "Dokumen", "Semester", 12, "Jam"),
        _t("Menelaah usulan kegiatan dari unit kerja", "Berkas", "Minggu", 60),
    ],
    "it": [
        _t("Memelihara jaringan dan perangkat komputer", "Kegiatan", "Minggu", 90),
        _t("Mengembangkan modul aplikasi", "Modul", "Bulan", 12, "Jam"),
        _t("Menangani gangguan layanan TIK", "Tiket", "Hari", 20),
        _t("Mencadangkan basis data", "Kegiatan", "Minggu", 30),
        _t("Memutakhirkan konten situs web", "Konten", "Minggu", 45),
        _t("Menyusun laporan keamanan informasi", "Laporan", "Triwulan", 8, "Jam"),
        _t("Melatih pengguna aplikasi", "Kegiatan", "Bulan", 3, "Jam"),
    ],
    "arsip": [
        _t("Memilah dan menata arsip aktif", "Berkas", "Hari", 10),
        _t("Menyusun daftar arsip", "Dokumen", "Bulan", 4, "Jam"),
        _t("Melayani peminjaman arsip", "Berkas", "Minggu", 20),
        _t("Menyusutkan arsip inaktif", "Berkas", "Semester", 16, "Jam"),
        _t("Mengalihmediakan arsip ke bentuk digital", "Berkas", "Hari", 15),
        _t("Menyusun laporan pengelolaan arsip", "Laporan", "Triwulan", 6, "Jam"),
    ],
    "sdm": [
        _t("Memproses usulan kenaikan pangkat", "Berkas", "Hari", 20),
        _t("Memproses usulan mutasi dan promosi", "Berkas", "Minggu", 2, "Jam"),
        _t("Menyusun analisis kebutuhan pegawai", "Dokumen", "Tahun", 60, "Jam"),
        _t("Memutakhirkan data SIASN", "Data", "Hari", 10),
        _t("Menyelenggarakan uji kompetensi", "Kegiatan", "Triwulan", 16, "Jam"),
        _t("Menyusun rencana pengembangan kompetensi", "Dokumen", "Tahun", 40, "Jam"),
        _t("Memproses usulan pensiun", "Berkas", "Minggu", 90),
    ],
    "humas": [
        _t("Menyusun siaran pers", "Naskah", "Minggu", 90),
        _t("Mengelola media sosial resmi", "Konten", "Hari", 30),
        _t("Meliput kegiatan pimpinan", "Kegiatan", "Minggu", 3, "Jam"),
        _t("Menyusun analisis pemberitaan media", "Laporan", "Bulan", 6, "Jam"),
        _t("Mengelola layanan informasi publik (PPID)", "Permohonan", "Minggu", 45),
    ],
    "statistik": [
        _t("Menghimpun data statistik sektoral", "Data", "Bulan", 6, "Jam"),
        _t("Mengolah data statistik sektoral", "Tabel", "Minggu", 2, "Jam"),
        _t("Menyusun buku data kota dalam angka", "Dokumen", "Tahun", 80, "Jam"),
        _t("Memutakhirkan portal Satu Data", "Dataset", "Minggu", 60),
        _t("Membina walidata perangkat daerah", "Kegiatan", "Triwulan", 8, "Jam"),
    ],
}

# (name, short, Jenis OPD, slug, Urusan)
BENCH_OPD_POOL: list[tuple[str, str, str, str, str]] = [
    ("Sekretariat Daerah", "Setda", "Sekretariat Daerah", "setda", ""),
    ("Sekretariat DPRD", "Setwan", "Sekretariat DPRD", "setwan", ""),
    ("Inspektorat", "Itko", "Inspektorat", "inspektorat", "pengawasan"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "Badan", "bappeda", "perencanaan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "Badan", "bkpsdm", "kepegawaian"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "Badan", "bpkad", "keuangan"),
    ("Badan Pendapatan Daerah", "Bapenda", "Badan", "bapenda", "keuangan"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "Badan", "bpbd", "ketenteraman dan ketertiban umum serta perlindungan masyarakat"),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "Badan", "kesbangpol", "pemerintahan umum"),
    ("Dinas Pendidikan", "Disdik", "Dinas", "disdik", "pendidikan"),
    ("Dinas Kesehatan", "Dinkes", "Dinas", "dinkes", "kesehatan"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "Dinas", "dpupr", "pekerjaan umum dan penataan ruang"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", "Dinas", "disperkim", "perumahan dan kawasan permukiman; pertanahan"),
    ("Dinas Perhubungan", "Dishub", "Dinas", "dishub", "perhubungan"),
    ("Dinas Lingkungan Hidup", "DLH", "Dinas", "dlh", "lingkungan hidup"),
    ("Dinas Sosial", "Dinsos", "Dinas", "dinsos", "sosial"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "Dinas", "disdukcapil", "administrasi kependudukan dan pencatatan sipil"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "Dinas", "diskominfo", "komunikasi dan informatika; statistik; persandian"),
    ("Dinas Koperasi, Usaha Mikro dan Perdagangan", "Diskumdag", "Dinas", "diskumdag", "koperasi, usaha kecil dan menengah; perdagangan"),
    ("Dinas Tenaga Kerja dan Perindustrian", "Disnakerin", "Dinas", "disnakerin", "tenaga kerja; perindustrian"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "Dinas", "dpmptsp", "penanaman modal"),
    ("Dinas Pariwisata dan Kebudayaan", "Disparbud", "Dinas", "disparbud", "pariwisata; kebudayaan"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora", "Dinas", "dispora", "kepemudaan dan olahraga"),
    ("Dinas Ketahanan Pangan dan Pertanian", "DKPP", "Dinas", "dkpp", "pangan; pertanian"),
    ("Dinas Perikanan", "Diskan", "Dinas", "diskan", "kelautan dan perikanan"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip", "Dinas", "dispusip", "perpustakaan; kearsipan"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A", "Dinas", "dp3a", "pemberdayaan perempuan dan perlindungan anak"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB", "Dinas", "dppkb", "pengendalian penduduk dan keluarga berencana"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "Satuan Polisi Pamong Praja", "satpolpp", "ketenteraman dan ketertiban umum serta perlindungan masyarakat"),
]
KECAMATAN_PREFIX = ["Suka", "Mekar", "Cipta", "Sari", "Tanjung", "Karang", "Bukit", "Mulya",
                    "Harapan", "Taman", "Sumber", "Banjar", "Pasir", "Gunung", "Kali", "Rawa"]
KECAMATAN_SUFFIX = ["jaya", "maju", "makmur", "sari", "mulya", "indah", "asri", "baru",
                    "raya", "damai", "rejo", "harjo", "wangi", "permai", "agung", "sentosa"]
BENCH_BIDANG_TOPICS = [
    "Perencanaan dan Pengembangan", "Pelayanan", "Pengendalian dan Pengawasan", "Pembinaan",
    "Data dan Informasi", "Sarana dan Prasarana", "Pemberdayaan", "Penataan dan Penegakan",
    "Kerja Sama dan Kemitraan", "Pengelolaan Sumber Daya",
]
BENCH_SEKSI_TOPICS = [
    "Perencanaan Program", "Pembinaan", "Pengawasan", "Pelayanan", "Data dan Informasi",
    "Pengembangan", "Pengendalian", "Fasilitasi", "Kerja Sama", "Monitoring dan Evaluasi",
    "Standardisasi", "Sarana dan Prasarana",
]
BENCH_TASKS_PER_POSITION = 20  # average Beban Kerja rows per position
BENCH_EXTRA_ROLES = ["data", "umum", "kebijakan", "arsip", "perencana"]
BENCH_STAFF_POOL = [
    "Pengadministrasi Umum", "Pengolah Data dan Informasi", "Penata Laporan Keuangan",
    "Penata Layanan Operasional", "Operator Layanan Operasional", "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama", "Perencana Ahli Pertama", "Pranata Komputer Ahli Pertama",
    "Arsiparis Terampil", "Pengelola Barang Milik Negara", "Pranata Hubungan Masyarakat Ahli Pertama",
    "Statistisi Ahli Pertama", "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
]
