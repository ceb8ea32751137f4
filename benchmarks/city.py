"""Deterministic generator of benchmark cities: OPD workbooks (template v1) of realistic shape
whose Beban Kerja rows add up to an exact total.

``generate_city(out_dir, n_opd, tasks_total, seed)`` writes ``n_opd`` workbooks. Each OPD has a
Sekretariat with two subbagian and 4–6 bidang of 3 seksi each (a kecamatan: 5 seksi under the
camat); staff positions sit in the leaf units so that positions average about 20 tasks (a
realistic ABK form), and every OPD has a Kematangan sheet. Fixed seeds (``random.Random``), no
clock and a fixed creation time: reruns give byte-identical files.

CLI::

    python -m benchmarks.city --city 40 --tasks 100000 --out DIR

DATA FIKTIF: all names and numbers are invented; they describe no real government. The sample
city of the demos and tests is not generated: it is data, in ``sample_data/``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pools import (  # noqa: E402
    BENCH_BIDANG_TOPICS,
    BENCH_EXTRA_ROLES,
    BENCH_OPD_POOL,
    BENCH_SEKSI_TOPICS,
    BENCH_STAFF_POOL,
    BENCH_TASKS_PER_POSITION,
    KECAMATAN_PREFIX,
    KECAMATAN_SUFFIX,
    MATURITY_EVIDENCE,
    POSITION_CATALOG,
    TASK_POOLS,
    TaskTemplate,
)
from sotk_core.workbook.vocab import ROMAN, VARIABLES  # noqa: E402

YEAR = 2026
CREATED = datetime(2026, 1, 1)
FICTIONAL_NOTE = "DATA FIKTIF — contoh untuk SOTK Dashboard, bukan data pemerintah mana pun."
WKE_MINUTES = 75_000  # 1,250 h
PERIOD_FACTORS: dict[str, int] = {"Tahun": 1, "Semester": 2, "Triwulan": 4, "Bulan": 12,
                                  "Minggu": 50, "Hari": 250}
# Plausible maximum volume per period for one person; scaled by the staff the task serves.
VOLUME_CAP: dict[str, int] = {"Tahun": 12, "Semester": 6, "Triwulan": 8, "Bulan": 20,
                              "Minggu": 15, "Hari": 40}
VACANT_NEED = (0.85, 1.25)  # need_raw of a vacant position -> need 1
EJ_RANGE = (0.5, 1.3)  # target EJ of positions without their own

HEADERS: dict[str, list[str]] = {
    "Profil": ["Isian", "Nilai"],
    "Unit": ["Kode Unit", "Nama Unit", "Jenis Unit", "Kode Induk"],
    "Jabatan": ["Kode Jabatan", "Nama Jabatan", "Kode Unit", "Jenis Jabatan", "Kelas Jabatan",
                "Pegawai", "Pensiun 5 Tahun"],
    "Beban Kerja": ["Kode Jabatan", "Uraian Tugas", "Satuan Hasil", "Volume", "Periode",
                    "Norma Waktu", "Satuan Waktu"],
    "Kematangan": ["Variabel", "Tingkat Mandiri", "Tingkat Verifikasi", "Data Dukung"],
}
WIDTHS: dict[str, list[int]] = {
    "Profil": [20, 70], "Unit": [12, 55, 26, 12], "Jabatan": [14, 60, 12, 15, 13, 9, 15],
    "Beban Kerja": [14, 60, 14, 9, 10, 12, 12], "Kematangan": [60, 16, 18, 55],
}

Row = tuple[object, ...]


@dataclass
class Staff:
    """A staff position: its name (a key of POSITION_CATALOG), bezetting and target EJ."""

    name: str
    pegawai: int
    ej: float


@dataclass
class Node:
    """A unit of the skeleton, with its structural head and staff positions."""

    name: str
    jenis: str
    children: list[Node] = field(default_factory=list)
    head_name: str | None = None
    staff: list[Staff] = field(default_factory=list)

    def leaves(self) -> list[Node]:
        return [self] if not self.children else [x for c in self.children for x in c.leaves()]

    def count(self) -> int:
        return 1 + sum(c.count() for c in self.children)

    def positions(self) -> int:
        return 1 + len(self.staff) + sum(c.positions() for c in self.children)


def calibrate_tasks(templates: Sequence[TaskTemplate], target_minutes: float,
                    rng: random.Random, unit_word: str) -> list[Row]:
    """Pick volumes (and, if needed, norms) so the tasks sum to ``target_minutes`` a year.

    Returns (uraian, satuan, volume, periode, norma, satuan_waktu) in template order.
    Volumes are capped per period (:data:`VOLUME_CAP` times the FTE the target represents);
    the most frequent task (the "balancer") absorbs the remainder through its norm.
    """
    k = len(templates)
    weights = [rng.uniform(0.6, 1.4) for _ in range(k)]
    total_w = sum(weights)
    scale = max(1.0, target_minutes / WKE_MINUTES)
    balancer = max(range(k), key=lambda i: (PERIOD_FACTORS[templates[i].periode], weights[i]))
    out: list[Row | None] = [None] * k
    acc = 0.0
    for i, tpl in enumerate(templates):
        if i == balancer:
            continue
        share = target_minutes * weights[i] / total_w
        factor = PERIOD_FACTORS[tpl.periode]
        norma = tpl.norma
        mult = 60 if tpl.satuan_waktu == "Jam" else 1
        vol_raw = share / (factor * norma * mult)
        if vol_raw < 0.75:  # the norm is too big for this share: one output, smaller norm
            volume = 1
            if mult == 60:
                norma = max(0.5, round(share / factor / 60 * 2) / 2)
            else:
                norma = max(5, round(share / factor / 5) * 5)
        else:
            volume = min(round(vol_raw), max(1, round(VOLUME_CAP[tpl.periode] * scale)))
        acc += volume * factor * norma * mult
        out[i] = (tpl.uraian.format(u=unit_word), tpl.satuan, volume, tpl.periode, norma,
                  tpl.satuan_waktu)
    tpl = templates[balancer]
    share = target_minutes * weights[balancer] / total_w
    rest = max(target_minutes - acc, 0.3 * share)
    factor = PERIOD_FACTORS[tpl.periode]
    norma_min = tpl.norma * (60 if tpl.satuan_waktu == "Jam" else 1)
    cap = max(1, round(VOLUME_CAP[tpl.periode] * scale))
    volume = min(cap, max(1, round(rest / (factor * norma_min))))
    norma_new = max(1, round(rest / (factor * volume)))
    out[balancer] = (tpl.uraian.format(u=unit_word), tpl.satuan, volume, tpl.periode,
                     norma_new, "Menit")
    return [row for row in out if row is not None]


def _pick_templates(role: str, k: int, rng: random.Random) -> list[TaskTemplate]:
    pool = TASK_POOLS[role]
    if k <= len(pool):
        idx = sorted(rng.sample(range(len(pool)), k))
        return [pool[i] for i in idx]
    # More tasks than the role pool holds: add general support tasks, then numbered
    # follow-up tasks.
    extra = [t for r in BENCH_EXTRA_ROLES if r != role for t in TASK_POOLS[r]]
    picked = list(pool) + extra[: k - len(pool)]
    n = len(picked)
    for i in range(k - n):
        tpl = picked[i % n]
        picked.append(TaskTemplate(f"{tpl.uraian} (tahap {i // n + 2})", tpl.satuan,
                                   tpl.periode, tpl.norma, tpl.satuan_waktu))
    return picked


def _unit_word(jenis_unit: str, opd_jenis: str) -> str:
    if jenis_unit == "OPD":
        return {"Dinas": "dinas", "Badan": "badan", "Kecamatan": "kecamatan",
                "Inspektorat": "inspektorat", "Satuan Polisi Pamong Praja": "satuan",
                }.get(opd_jenis, "sekretariat")
    return jenis_unit.lower()


def _head_kind(jenis_unit: str, opd_jenis: str) -> tuple[str, int]:
    if jenis_unit == "OPD":
        return ("Administrator", 12) if opd_jenis == "Kecamatan" else ("JPT Pratama", 14)
    if jenis_unit == "Sekretariat":
        return ("Administrator", 11) if opd_jenis == "Kecamatan" else ("Administrator", 12)
    if jenis_unit in ("Bidang", "Bagian"):
        return "Administrator", 12
    return "Pengawas", 9


@dataclass
class _Builder:
    """Accumulates the rows of one OPD while walking its skeleton."""

    opd_jenis: str
    rng: random.Random
    counts: Iterator[int]  # Beban Kerja rows per position, in walking order
    units: list[Row] = field(default_factory=list)
    positions: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)

    def add_position(self, code: str, name: str, unit_code: str, jenis: str, kelas: int,
                     pegawai: int, role: str, ej: float | None, unit_word: str) -> None:
        rng = self.rng
        target_ej = ej if ej is not None else rng.uniform(*EJ_RANGE)
        target = (target_ej * pegawai if pegawai else rng.uniform(*VACANT_NEED)) * WKE_MINUTES
        pensiun = sum(1 for _ in range(pegawai) if rng.random() < 0.12)
        self.positions.append((code, name, unit_code, jenis, kelas, pegawai, pensiun))
        k = next(self.counts)
        if k == 0:
            return
        for row in calibrate_tasks(_pick_templates(role, k, rng), target, rng, unit_word):
            self.tasks.append((code, *row))

    def walk(self, node: Node, code: str, parent: str) -> None:
        self.units.append((code, node.name, node.jenis, parent))
        word = _unit_word(node.jenis, self.opd_jenis)
        jenis, kelas = _head_kind(node.jenis, self.opd_jenis)
        self.add_position(f"{code}-01", node.head_name or f"Kepala {node.name}", code, jenis,
                          kelas, 1, "head", None, word)
        for n, staff in enumerate(node.staff, start=2):
            jenis, kelas, role = POSITION_CATALOG[staff.name]
            self.add_position(f"{code}-{n:02d}", staff.name, code, jenis, kelas, staff.pegawai,
                              role, staff.ej, word)
        for i, child in enumerate(node.children, start=1):
            self.walk(child, f"{code}.{i:02d}", code)


def _kematangan_rows(total: int, roman: bool, rng: random.Random, n_empty: int) -> list[Row]:
    """Eleven levels in 1..5 summing to ``total`` with some spread; ``n_empty`` variables
    without a verified level, the others sometimes self-assessed one level higher."""
    base, extra = divmod(total, 11)
    levels = [base + (1 if i < extra else 0) for i in range(11)]
    rng.shuffle(levels)
    for _ in range(8):
        a, b = rng.randrange(11), rng.randrange(11)
        if a != b and levels[a] < 5 and levels[b] > 1:
            levels[a] += 1
            levels[b] -= 1
    empty = set(rng.sample(range(11), n_empty))
    rows: list[Row] = []
    for i, level in enumerate(levels):
        label = ROMAN[i] if roman else VARIABLES[i].name
        evidence = MATURITY_EVIDENCE[i].format(y=YEAR, y0=YEAR - 1, y1=YEAR - 1, y2=YEAR + 3)
        if i in empty:
            rows.append((label, level, None, evidence))
        else:
            optimistic = level < 5 and rng.random() < 0.3
            rows.append((label, level + 1 if optimistic else level, level, evidence))
    return rows


def write_workbook(path: Path, sheets: dict[str, list[Row]]) -> Path:
    """Write one OPD workbook with xlsxwriter in constant-memory mode (deterministic bytes)."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    wb.set_properties({"title": sheets["Profil"][0][1],
                       "subject": "Data OPD (template v1) — DATA FIKTIF",
                       "author": "SOTK Dashboard sample generator", "created": CREATED})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for col, width in enumerate(WIDTHS[name]):
            ws.set_column(col, col, width)
        for col, header in enumerate(HEADERS[name]):
            ws.write_string(0, col, header, bold)
        ws.freeze_panes(1, 0)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write_number(r, c, value)  # type: ignore[arg-type]
    wb.close()
    return path


def _kecamatan_name(i: int) -> str:
    n = len(KECAMATAN_SUFFIX)
    name = KECAMATAN_PREFIX[(i // n) % len(KECAMATAN_PREFIX)] + KECAMATAN_SUFFIX[i % n]
    rounds = i // (n * len(KECAMATAN_PREFIX))
    return name + (f" {ROMAN[rounds % 11]}" if rounds else "")


def _opd_identity(i: int) -> tuple[str, str, str, str, str]:
    """Name, short, Jenis OPD, slug and Urusan of benchmark OPD number ``i`` (0-based)."""
    if i < len(BENCH_OPD_POOL):
        return BENCH_OPD_POOL[i]
    kec = _kecamatan_name(i - len(BENCH_OPD_POOL))
    slug = "kec_" + kec.lower().replace(" ", "_")
    return (f"Kecamatan {kec}", f"Kec. {kec}", "Kecamatan", slug,
            "pemerintahan umum; pelayanan kewilayahan")


def _spread(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to ``weights`` summing exactly to ``total`` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    ints = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (ints[i] - raw[i], i))
    for i in order[: total - sum(ints)]:
        ints[i] += 1
    return ints


def _skeleton(name: str, jenis: str, rng: random.Random) -> Node:
    """The unit tree of one OPD, heads only."""
    units = [Node("Sekretariat", "Sekretariat",
                  [Node("Subbagian Umum dan Kepegawaian", "Subbagian"),
                   Node("Subbagian Perencanaan dan Keuangan", "Subbagian")],
                  head_name="Sekretaris Kecamatan" if jenis == "Kecamatan" else "Sekretaris")]
    if jenis == "Kecamatan":  # seksi directly under the camat
        units += [Node(f"Seksi {t}", "Seksi") for t in rng.sample(BENCH_SEKSI_TOPICS, 5)]
    else:
        kind = "Bagian" if jenis in ("Sekretariat Daerah", "Sekretariat DPRD") else "Bidang"
        sub = "Subbagian" if kind == "Bagian" else "Seksi"
        for topic in rng.sample(BENCH_BIDANG_TOPICS, rng.randint(4, 6)):
            seksi = [Node(f"{sub} {t}", sub) for t in rng.sample(BENCH_SEKSI_TOPICS, 3)]
            units.append(Node(f"{kind} {topic}", kind, seksi))
    head = "Camat " + name.removeprefix("Kecamatan ") if jenis == "Kecamatan" else (
        "Kepala " + name if jenis in ("Dinas", "Badan") else
        {"Sekretariat Daerah": "Sekretaris Daerah", "Sekretariat DPRD": "Sekretaris DPRD",
         "Inspektorat": "Inspektur",
         "Satuan Polisi Pamong Praja": "Kepala Satuan Polisi Pamong Praja"}[jenis])
    return Node(name, "OPD", units, head_name=head)


def generate_city(out_dir: Path, n_opd: int, tasks_total: int, seed: int = 7) -> list[Path]:
    """Write a benchmark city of ``n_opd`` OPD with exactly ``tasks_total`` tasks."""
    if n_opd < 1 or tasks_total < 0:
        raise ValueError("n_opd must be >= 1 and tasks_total >= 0")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    identities = [_opd_identity(i) for i in range(n_opd)]
    roots = [_skeleton(name, jenis, rng) for name, _s, jenis, _g, _u in identities]

    # Staff positions in leaf units so that positions average ~20 tasks.
    heads = sum(root.count() for root in roots)
    staff_total = max(n_opd, round(tasks_total / BENCH_TASKS_PER_POSITION) - heads)
    all_leaves = [leaf for root in roots for leaf in root.leaves()]
    per_leaf = _spread(staff_total, [rng.uniform(0.5, 1.5) for _ in all_leaves])
    for leaf, n in zip(all_leaves, per_leaf, strict=True):
        for _ in range(n):
            name = rng.choice(BENCH_STAFF_POOL)
            pegawai = rng.choices([0, 1, 2, 3, 4, 5, 6], [1, 10, 8, 5, 3, 2, 1])[0]
            leaf.staff.append(Staff(name, pegawai, rng.uniform(0.4, 1.5)))

    # Exact task counts per position (weights 3..15, scaled to the total).
    n_positions = sum(root.positions() for root in roots)
    counts = iter(_spread(tasks_total, [rng.uniform(3, 15) for _ in range(n_positions)]))

    paths: list[Path] = []
    for idx, ((name, short, jenis, slug, urusan), root) in enumerate(
            zip(identities, roots, strict=True)):
        orng = random.Random(seed * 1_000_003 + idx)
        builder = _Builder(jenis, orng, counts)
        builder.walk(root, f"{idx + 1:02d}", "")
        tipe = orng.choice("ABC")
        skor = {"A": orng.randint(801, 950), "B": orng.randint(601, 800),
                "C": orng.randint(401, 600)}[tipe]
        profil: list[Row] = [
            ("Nama OPD", name), ("Singkatan", short), ("Jenis OPD", jenis), ("Tipe", tipe),
            ("Skor Pemetaan", skor), ("Urusan", urusan), ("Tahun", YEAR),
            ("Penataan Terakhir", orng.choice([2017, 2019, 2021, 2023])),
            ("Nilai SAKIP", round(orng.uniform(50, 88), 1)), ("Catatan", FICTIONAL_NOTE)]
        sheets = {"Profil": profil, "Unit": builder.units, "Jabatan": builder.positions,
                  "Beban Kerja": builder.tasks,
                  "Kematangan": _kematangan_rows(orng.randint(29, 52), idx % 2 == 0, orng,
                                                 idx % 3)}
        paths.append(write_workbook(out_dir / f"{idx + 1:03d}_{slug}.xlsx", sheets))
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", type=int, required=True, metavar="N_OPD",
                        help="number of OPD workbooks")
    parser.add_argument("--tasks", type=int, default=100_000,
                        help="total Beban Kerja rows (default 100000)")
    parser.add_argument("--seed", type=int, default=7, help="seed (default 7)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    args = parser.parse_args(argv)
    paths = generate_city(args.out, args.city, args.tasks, seed=args.seed)
    print(f"{len(paths)} workbook(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
