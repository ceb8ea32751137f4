"""The change records of a what-if scenario (see `sotk_core.scenario.core`).

Each change is a small frozen dataclass with `describe(city) -> str` (plain Indonesian) and
two internal steps used while replaying a scenario: `_check(state)` raises `ScenarioError`
when the change does not fit the baseline with the previous changes applied, `_apply(state)`
records it in the state's overlays.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import CHANGE_KIND_LABELS, ROUNDING_LABELS
from sotk_core.base.settings import ROUNDING_MODES, WKE_MAX_HOURS, WKE_MIN_HOURS
from sotk_core.model.city import CityData
from sotk_core.scenario.state import ReplayState, ScenarioError, city_index
from sotk_core.workbook.rules import MAX_STAFF, MIN_NORMA
from sotk_core.workbook.spec import JENIS_JABATAN, PERIODE, SATUAN_WAKTU

MAX_WKE_HOURS = WKE_MAX_HOURS  # kept for callers of the old name
MAX_SCENARIO_NUMBER = 1e9  # a volume or norma typed into a scenario: past this it is a typo


class NewTask(NamedTuple):
    """A task of a position added by a scenario (same meaning as a Beban Kerja row)."""

    task: str
    volume: float
    period: str = "Tahun"
    norma: float = 0.0
    time_unit: str = "Menit"
    output: str | None = None


# --- names for descriptions ---------------------------------------------------------------


class _Names:
    """Looks up position and task names for Indonesian descriptions; positions added by the
    scenario are known through `added`. Without a city, codes are used."""

    def __init__(self, city: CityData | None,
                 added: dict[tuple[str, str], tuple[str, str]] | None = None) -> None:
        self.city = city
        self.index = city_index(city) if city is not None else None
        self.added = added or {}

    def _unit_name(self, uid: int | None) -> str | None:
        if self.city is None or uid is None or uid < 0:
            return None
        return str(self.city.units["name"].iat[uid])

    def position(self, opd: str, code: str, with_opd: bool = False) -> str:
        key = (opd, code)
        ix = self.index
        if key in self.added:
            name, unit_code = self.added[key]
            unit = self._unit_name(ix.unit_uid.get((opd, unit_code)) if ix else None) or unit_code
        elif ix is not None and key in ix.pos:
            i = ix.pos[key]
            name, unit = ix.pos_name[i], self._unit_name(int(ix.pos_unit_uid[i]))
        else:
            return f"jabatan {code}" + (f" ({opd})" if with_opd or ix is None else "")
        where = ", ".join(str(x) for x in (unit, opd if with_opd else None) if x)
        return f"{name} ({where})" if where else str(name)

    def unit(self, opd: str, unit_code: str) -> str:
        uid = self.index.unit_uid.get((opd, unit_code)) if self.index else None
        return self._unit_name(uid) or f"unit {unit_code}"

    def task(self, opd: str, row: int) -> tuple[str, str]:
        i = self.index.task_of(opd, row) if self.index else None
        if i is None or self.city is None:
            return f"tugas baris {row}", "Menit"
        t = self.city.tasks
        unit = t["time_unit"].iat[i]
        return (f"tugas '{t['task'].iat[i]}' (baris {row})",
                unit if isinstance(unit, str) else "Menit")


def _num(x: float) -> str:
    return fmt_num(x, 0 if float(x).is_integer() else 2)


# --- the changes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SetExisting:
    """Set a position's staff (bezetting) to `value` people."""

    opd: str
    position_code: str
    value: int
    change_kind: ClassVar[str] = "set_existing"

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        return (f"Tetapkan pegawai {n.position(self.opd, self.position_code)} menjadi "
                f"{_num(self.value)} orang")

    def _check(self, s: ReplayState) -> None:
        s.require_position(self.opd, self.position_code, "position_code")
        _whole(self.value, "value", "Jumlah pegawai", minimum=0, maximum=MAX_STAFF)

    def _apply(self, s: ReplayState) -> None:
        s.existing[(self.opd, self.position_code)] = int(self.value)


@dataclass(frozen=True)
class MoveStaff:
    """Move `count` people from one position to another (the same people: totals conserved).
    The target may be in another OPD."""

    from_opd: str
    from_code: str
    to_opd: str
    to_code: str
    count: int
    change_kind: ClassVar[str] = "move_staff"

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        cross = self.from_opd != self.to_opd
        return (f"Pindahkan {_num(self.count)} pegawai dari "
                f"{n.position(self.from_opd, self.from_code, cross)} ke "
                f"{n.position(self.to_opd, self.to_code, cross)}")

    def _check(self, s: ReplayState) -> None:
        count = _whole(self.count, "count", "Jumlah pegawai yang dipindah", minimum=1,
                       maximum=MAX_STAFF)
        s.require_position(self.from_opd, self.from_code, "position_code")
        s.require_position(self.to_opd, self.to_code, "to_code")
        if (self.from_opd, self.from_code) == (self.to_opd, self.to_code):
            raise ScenarioError("Jabatan asal dan tujuan sama; tidak ada yang dipindah.",
                                field="to_code")
        have = s.staff(self.from_opd, self.from_code)
        if count > have:
            raise ScenarioError(
                f"Tidak dapat memindahkan {count} pegawai dari "
                f"{s.label(self.from_opd, self.from_code)}: saat ini hanya ada {have} orang.",
                field="count")

    def _apply(self, s: ReplayState) -> None:
        src, dst = (self.from_opd, self.from_code), (self.to_opd, self.to_code)
        have_src, have_dst = s.staff(*src), s.staff(*dst)
        s.existing[src] = have_src - int(self.count)
        s.existing[dst] = have_dst + int(self.count)


@dataclass(frozen=True)
class AddPosition:
    """A new position in an existing unit, with its staff and (optionally) its tasks."""

    opd: str
    unit_code: str
    code: str
    name: str
    kind: str = "Pelaksana"  # Jenis Jabatan
    existing: int = 0
    tasks: tuple[NewTask, ...] = ()
    grade: int | None = None  # Kelas Jabatan
    change_kind: ClassVar[str] = "add_position"

    def __post_init__(self) -> None:
        object.__setattr__(self, "tasks", tuple(
            t if isinstance(t, NewTask) else NewTask(*t) for t in self.tasks))

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        text = (f"Tambah jabatan baru {self.name} ({self.code}, {self.kind}) di "
                f"{n.unit(self.opd, self.unit_code)} dengan {_num(self.existing)} pegawai")
        return text + (f" dan {len(self.tasks)} tugas" if self.tasks else " tanpa tugas")

    def _check(self, s: ReplayState) -> None:
        if self.opd not in s.index.opds:
            raise ScenarioError(f"OPD '{self.opd}' tidak ada dalam data.", field="opd")
        if (self.opd, self.unit_code) not in s.index.unit_uid:
            raise ScenarioError(f"Kode unit '{self.unit_code}' tidak ada di {self.opd}.",
                                field="unit_code")
        if not str(self.code or "").strip():
            raise ScenarioError("Kode jabatan baru harus diisi.", field="code")
        if s.exists(self.opd, self.code):
            raise ScenarioError(f"Kode jabatan '{self.code}' sudah dipakai di {self.opd}.",
                                field="code")
        if not str(self.name or "").strip():
            raise ScenarioError("Nama jabatan baru harus diisi.", field="name")
        if self.kind not in JENIS_JABATAN:
            raise ScenarioError(f"Jenis jabatan '{self.kind}' tidak dikenal; pilih salah satu: "
                                + ", ".join(JENIS_JABATAN) + ".", field="kind")
        _whole(self.existing, "value", "Jumlah pegawai", minimum=0, maximum=MAX_STAFF)
        if self.grade is not None and _whole(self.grade, "grade", "Kelas jabatan", 1) > 17:
            raise ScenarioError(f"Kelas jabatan {self.grade} di luar rentang 1–17.",
                                field="grade")
        for k, t in enumerate(self.tasks, start=1):
            _check_task(t, k)

    def _apply(self, s: ReplayState) -> None:
        s.added[(self.opd, self.code)] = self
        s.existing[(self.opd, self.code)] = int(self.existing)


@dataclass(frozen=True)
class RemovePosition:
    """Remove a position (and its tasks) from the computation; its staff must be 0 first."""

    opd: str
    code: str
    change_kind: ClassVar[str] = "remove_position"

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        return f"Hapus jabatan {n.position(self.opd, self.code)} beserta tugasnya"

    def _check(self, s: ReplayState) -> None:
        s.require_position(self.opd, self.code, "position_code")
        have = s.staff(self.opd, self.code)
        if have > 0:
            raise ScenarioError(
                f"Jabatan {s.label(self.opd, self.code)} masih diisi {have} pegawai; pindahkan atau "
                "tetapkan pegawainya menjadi 0 dahulu sebelum menghapus jabatan.", field="value")

    def _apply(self, s: ReplayState) -> None:
        key = (self.opd, self.code)
        s.existing.pop(key, None)
        if key in s.added:
            del s.added[key]
        else:
            s.removed.add(key)


@dataclass(frozen=True)
class SetTaskVolume:
    """Set the volume of one task, identified by OPD and its Excel row in Beban Kerja."""

    opd: str
    position_code: str
    row: int
    volume: float
    change_kind: ClassVar[str] = "set_task_volume"

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        task, _ = n.task(self.opd, self.row)
        return (f"Ubah volume {task} pada "
                f"{n.position(self.opd, self.position_code)} menjadi {_num(self.volume)}")

    def _check(self, s: ReplayState) -> None:
        s.require_task(self.opd, self.position_code, self.row)
        _number(self.volume, "volume", "Volume", positive=False)

    def _apply(self, s: ReplayState) -> None:
        s.volume[s.require_task(self.opd, self.position_code, self.row)] = float(self.volume)


@dataclass(frozen=True)
class SetTaskNorma:
    """Set the norma waktu of one task (in the task's own time unit, Menit or Jam)."""

    opd: str
    position_code: str
    row: int
    norma: float
    change_kind: ClassVar[str] = "set_task_norma"

    def describe(self, city: CityData | None) -> str:
        return self._describe(_Names(city))

    def _describe(self, n: _Names) -> str:
        task, unit = n.task(self.opd, self.row)
        return (f"Ubah norma waktu {task} pada "
                f"{n.position(self.opd, self.position_code)} menjadi {_num(self.norma)} "
                f"{unit.lower()}")

    def _check(self, s: ReplayState) -> None:
        s.require_task(self.opd, self.position_code, self.row)
        _number(self.norma, "norma", "Norma waktu", positive=True, minimum=MIN_NORMA)

    def _apply(self, s: ReplayState) -> None:
        s.norma[s.require_task(self.opd, self.position_code, self.row)] = float(self.norma)


@dataclass(frozen=True)
class SetSettings:
    """Change the computation settings for the scenario (WKE hours, rounding mode)."""

    wke_hours: float | None = None
    rounding: str | None = None
    change_kind: ClassVar[str] = "set_settings"

    def describe(self, city: CityData | None = None) -> str:
        return self._describe(None)

    def _describe(self, n: _Names | None) -> str:
        parts = []
        if self.wke_hours is not None:
            parts.append(f"jam kerja efektif (WKE) menjadi {_num(self.wke_hours)} jam/tahun")
        if self.rounding is not None:
            parts.append("pembulatan kebutuhan menjadi "
                         + ROUNDING_LABELS.get(self.rounding, str(self.rounding)))
        return "Ubah " + " dan ".join(parts) if parts else "Pengaturan tidak diubah"

    def _check(self, s: ReplayState) -> None:
        if self.wke_hours is None and self.rounding is None:
            raise ScenarioError("Isi WKE atau mode pembulatan yang akan diubah.", field="value")
        if self.wke_hours is not None:
            wke = _number(self.wke_hours, "wke_hours", "Jam kerja efektif (WKE)", positive=True)
            if not WKE_MIN_HOURS <= wke <= WKE_MAX_HOURS:
                raise ScenarioError(f"Jam kerja efektif {_num(wke)} jam/tahun di luar rentang "
                                    f"{_num(WKE_MIN_HOURS)}–{_num(WKE_MAX_HOURS)} jam/tahun.",
                                    field="wke_hours")
        if self.rounding is not None and self.rounding not in ROUNDING_MODES:
            raise ScenarioError(f"Mode pembulatan '{self.rounding}' tidak dikenal; pilih "
                                + "; ".join(ROUNDING_LABELS[m] for m in ROUNDING_MODES) + ".",
                                field="rounding")

    def _apply(self, s: ReplayState) -> None:
        changes: dict[str, object] = {}
        if self.wke_hours is not None:
            changes["wke_hours"] = float(self.wke_hours)
        if self.rounding is not None:
            changes["rounding"] = self.rounding
        s.settings = s.settings.with_(**changes)


Change = (SetExisting | MoveStaff | AddPosition | RemovePosition | SetTaskVolume | SetTaskNorma
          | SetSettings)
CHANGE_TYPES: tuple[type, ...] = (SetExisting, MoveStaff, AddPosition, RemovePosition,
                                  SetTaskVolume, SetTaskNorma, SetSettings)
KIND_LABELS: dict[type, str] = {cls: CHANGE_KIND_LABELS[cls.change_kind] for cls in CHANGE_TYPES}


def _whole(value: object, field_name: str, what: str, minimum: int,
           maximum: int | None = None) -> int:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        x = float("nan")
    if isinstance(value, bool) or not math.isfinite(x) or not x.is_integer():
        raise ScenarioError(f"{what} harus bilangan bulat, bukan '{value}'.", field=field_name)
    if x < minimum:
        raise ScenarioError(f"{what} tidak boleh kurang dari {minimum} (tertulis {x:g}).",
                            field=field_name)
    if maximum is not None and x > maximum:
        raise ScenarioError(f"{what} paling banyak {fmt_num(maximum)} (tertulis {_num(x)}).",
                            field=field_name)
    return int(x)


def _number(value: object, field_name: str, what: str, positive: bool,
            minimum: float | None = None) -> float:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        x = float("nan")
    if isinstance(value, bool) or not math.isfinite(x):
        raise ScenarioError(f"{what} harus angka, bukan '{value}'.", field=field_name)
    if positive and x <= 0:
        raise ScenarioError(f"{what} harus lebih dari 0 (tertulis {x:g}).", field=field_name)
    if x < 0:
        raise ScenarioError(f"{what} tidak boleh negatif (tertulis {x:g}).", field=field_name)
    if minimum is not None and x < minimum:
        raise ScenarioError(f"{what} paling kecil {fmt_num(minimum, 2)} (tertulis {x:g}).",
                            field=field_name)
    if x > MAX_SCENARIO_NUMBER:
        raise ScenarioError(f"{what} terlalu besar (tertulis {x:.6g}); paling besar "
                            f"{fmt_num(MAX_SCENARIO_NUMBER)}.", field=field_name)
    return x


def _check_task(t: NewTask, k: int) -> None:
    if not str(t.task or "").strip():
        raise ScenarioError(f"Tugas ke-{k} jabatan baru: uraian tugas harus diisi.", field="tasks")
    try:
        _number(t.volume, "tasks", f"Tugas ke-{k}: volume", positive=False)
        _number(t.norma, "tasks", f"Tugas ke-{k}: norma waktu", positive=True,
                minimum=MIN_NORMA)
    except ScenarioError as exc:
        raise ScenarioError(exc.message, field="tasks") from None
    if t.period not in PERIODE:
        raise ScenarioError(f"Tugas ke-{k}: periode '{t.period}' tidak dikenal; pilih "
                            + ", ".join(PERIODE) + ".", field="tasks")
    if t.time_unit not in SATUAN_WAKTU:
        raise ScenarioError(f"Tugas ke-{k}: satuan waktu '{t.time_unit}' tidak dikenal; pilih "
                            + ", ".join(SATUAN_WAKTU) + ".", field="tasks")
