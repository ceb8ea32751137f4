"""Submissions: each OPD's files per round, every version kept, and opening a round.

An import is read like the plain report reads files (`workbook.formats.read_files`: a
template-v1 workbook as is, files of other layouts combined per OPD), then stored in ONE
transaction: per OPD one new version with its files (bytes exactly as received), checksum,
issues, profile and parsed frames. Files of other layouts may come one at a time: they join
the OPD's files in force. Opening a round reads the frames back, so nothing is
parsed again unless the round's settings changed since (then the stored files are re-read).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData, build_city
from sotk_core.store import frames as fr
from sotk_core.store import repo
from sotk_core.store import schema as t
from sotk_core.store.actor import Action, Actor
from sotk_core.store.base import ServiceBase
from sotk_core.store.errors import NotFound, StoreError
from sotk_core.store.records import ImportResult, RoundInfo, SubmissionInfo, WorkspaceInfo
from sotk_core.workbook import OpdWorkbook
from sotk_core.workbook.formats import CombinedWorkbook, read_files
from sotk_core.workbook.formats._names import opd_key
from sotk_core.workbook.formats.detect import TEMPLATE_V1

_RETRIES = 4  # an import that lost a race for a version number is simply run again

Files = list[tuple[str, bytes]]


@dataclass(frozen=True)
class RoundData:
    """A round opened: its record, the submissions in force and the city built from them."""

    round: RoundInfo
    workspace: WorkspaceInfo
    submissions: tuple[SubmissionInfo, ...]
    city: CityData
    reparsed: int = 0  # submissions read again from their files (settings changed)

    @property
    def settings(self) -> Settings:
        return self.round.settings


def _files_of(wb: OpdWorkbook, files: Files) -> Files:
    """The files that made this OPD (a combined OPD names them in its source summary)."""
    names = {wb.file}
    if isinstance(wb, CombinedWorkbook):
        names |= {n.file for n in wb.sources if n.file}
    found = [(n, d) for n, d in files if n in names]
    return found or [(n, d) for n, d in files if n in wb.file]


def _digest(files: Files) -> str:
    """sha256 of the one file, or of the files' names and sha256 for several."""
    if len(files) == 1:
        return hashlib.sha256(files[0][1]).hexdigest()
    body = "\n".join(f"{n}:{hashlib.sha256(d).hexdigest()}" for n, d in sorted(files))
    return hashlib.sha256(body.encode()).hexdigest()


class SubmissionService(ServiceBase):
    def submit(self, actor: Actor, round_id: int, files: Sequence[tuple[str, bytes]]
               ) -> ImportResult:
        """Store OPD files (name, bytes) in a round, all of them in ONE transaction.

        An OPD that already has a version in the round gets its next version. Refused
        (reported with the reason, not stored): a second workbook of the same OPD in this
        import (as the plain report refuses it), files identical to the OPD's version in
        force, and files that name no OPD (their issues say why)."""
        rnd = self.get_round(actor, round_id)  # type: ignore[attr-defined]
        files = list(files)
        books, loose = read_files(files, rnd.settings)
        batch: list[tuple[OpdWorkbook, str, Files]] = []
        refused: list[Issue] = list(loose)
        seen: dict[str, str] = {}
        for wb in books:
            opd = wb.name
            self._check(actor, Action.SUBMIT, workspace_id=rnd.workspace_id,
                        round_id=round_id, opd=opd)
            if opd in seen:
                refused.append(Issue("error", wb.file, "Profil", None, "Nilai",
                                     f"OPD '{opd}' sudah dimuat dari file '{seen[opd]}'; file "
                                     f"'{wb.file}' diabaikan (file pertama yang dipakai)."))
                continue
            seen[opd] = wb.file
            batch.append(self._completed(rnd, wb, opd, _files_of(wb, files)))
        key = fr.parse_key(rnd.settings)
        for attempt in range(_RETRIES):
            try:
                stored, same = self._store_batch(actor, rnd, batch, key)
                break
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise StoreError("Impor bersamaan dengan impor lain untuk OPD yang sama "
                                     "gagal beberapa kali; tidak ada yang tersimpan. Coba "
                                     "lagi.") from None
        return ImportResult(stored=tuple(stored), refused=tuple(refused + same))

    def _completed(self, rnd: RoundInfo, wb: OpdWorkbook, opd: str, files: Files
                   ) -> tuple[OpdWorkbook, str, Files]:
        """An OPD read from files of other layouts only (no template workbook in this import)
        keeps the files of its version in force: the new files join them (a file of the same
        name replaces the old one), so the anjab, e-Formasi and questionnaire of one OPD may
        arrive one at a time."""
        if not isinstance(wb, CombinedWorkbook) or (wb.layouts[:1] == (TEMPLATE_V1,)):
            return wb, opd, files
        k = opd_key(opd)  # the same OPD as the reader combines it ("... Kota X", "&")
        with self.db.read() as s:
            prev = next((r for name, r in repo.latest_versions(s, rnd.id).items()
                         if opd_key(name) == k and not r.withdrawn), None)
            kept = repo.files_of(s, [prev.id])[prev.id] if prev is not None else []
        names = {n for n, _ in files}
        merged = [(n, d) for n, d in kept if n not in names] + files
        if len(merged) == len(files):
            return wb, opd, files
        books, _ = read_files(merged, rnd.settings)
        book = next((b for b in books if opd_key(b.name) == k), wb)
        return book, book.name, merged

    def _store_batch(self, actor: Actor, rnd: RoundInfo,
                     batch: list[tuple[OpdWorkbook, str, Files]], key: str
                     ) -> tuple[list[SubmissionInfo], list[Issue]]:
        stored: list[t.Submission] = []
        same: list[Issue] = []
        with self.db.write() as s:
            latest = repo.latest_versions(s, rnd.id)
            seq = repo.next_seq(s, rnd.id)
            for wb, opd, files in batch:
                digest = _digest(files)
                prev = latest.get(opd)
                if prev is not None and prev.sha256 == digest and not prev.withdrawn:
                    same.append(Issue("warning", wb.file, None, None, None,
                                      f"Sama persis dengan versi {prev.version} OPD '{opd}' "
                                      "yang sudah tersimpan; tidak disimpan ulang."))
                    continue
                stored.append(self._new_version(s, actor, rnd, wb, opd, files, digest, key,
                                                prev, seq))
                if prev is None:
                    seq += 1
            s.flush()
            return [repo.submission_info(r) for r in stored], same

    def _new_version(self, s: Session, actor: Actor, rnd: RoundInfo, wb: OpdWorkbook,
                     opd: str, files: Files, digest: str, key: str,
                     prev: t.Submission | None, seq: int) -> t.Submission:
        try:
            frames = fr.encode(wb)
            profile = fr.profile_json(wb)
        except fr.NotStorable:  # kept as files only: re-read when the round is opened
            frames, profile, key = {}, {"profile": {}, "macro": wb.macro}, "reparse"
        row = self._version_row(actor, rnd.id, opd, prev, seq, wb.file, files, digest)
        row.ok, row.error_count, row.warning_count = wb.ok, len(wb.errors), len(wb.warnings)
        row.issues, row.profile, row.parse_key = [i.to_dict() for i in wb.issues], profile, key
        s.add(row)
        s.flush()
        self._add_files(s, row.id, files)
        for name, blob in frames.items():
            s.add(t.SubmissionFrame(submission_id=row.id, name=name, data=blob))
        repo.audit(s, actor, Action.SUBMIT, workspace_id=rnd.workspace_id, round_id=rnd.id,
                   target=f"submission:{row.id}", opd=opd, file=wb.file, version=row.version,
                   sha256=digest, errors=len(wb.errors))
        return row

    @staticmethod
    def _version_row(actor: Actor, round_id: int, opd: str, prev: t.Submission | None,
                     seq: int, file_name: str, files: Files, digest: str) -> t.Submission:
        return t.Submission(
            round_id=round_id, opd=opd, version=(prev.version + 1) if prev else 1,
            seq=prev.seq if prev else seq, file_name=file_name[:300],
            size=sum(len(d) for _, d in files), sha256=digest, ok=True, error_count=0,
            warning_count=0, issues=[], profile={}, parse_key="", submitted_at=t.utcnow(),
            submitted_by=actor.name, restored_from=None, withdrawn=False)

    @staticmethod
    def _add_files(s: Session, submission_id: int, files: Files) -> None:
        for i, (name, data) in enumerate(files):
            s.add(t.SubmissionFile(submission_id=submission_id, position=i, file_name=name,
                                   size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                                   content=data))

    # ---- reading --------------------------------------------------------------------------

    def list_submissions(self, actor: Actor, round_id: int) -> list[SubmissionInfo]:
        """The version in force of each OPD, in the round's order."""
        self.get_round(actor, round_id)  # type: ignore[attr-defined]
        with self.db.read() as s:
            return [repo.submission_info(r) for r in repo.current_submissions(s, round_id)]

    def submission_versions(self, actor: Actor, round_id: int, opd: str
                            ) -> list[SubmissionInfo]:
        """Every version of one OPD in the round, newest first."""
        rnd = self.get_round(actor, round_id)  # type: ignore[attr-defined]
        self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.read() as s:
            return [repo.submission_info(r) for r in repo.versions_of(s, round_id, opd)]

    def submission_files(self, actor: Actor, submission_id: int) -> Files:
        """The files of any version: (name, bytes exactly as submitted), in upload order."""
        with self.db.read() as s:
            row = repo.submission(s, submission_id)
            rnd = repo.round_(s, row.round_id)
            self._check(actor, Action.SUBMISSION_READ, workspace_id=rnd.workspace_id,
                        round_id=rnd.id, opd=row.opd)
            return repo.files_of(s, [submission_id])[submission_id]

    def submission_bytes(self, actor: Actor, submission_id: int) -> tuple[str, bytes]:
        """(name, bytes) of the first file of a version (a template workbook: the only one)."""
        files = self.submission_files(actor, submission_id)
        if not files:
            raise NotFound("Versi ini tidak berisi file (OPD dikeluarkan dari putaran).")
        return files[0]

    # ---- restore, withdraw ----------------------------------------------------------------

    def restore_submission(self, actor: Actor, submission_id: int) -> SubmissionInfo:
        """Make an earlier version the one in force again: a new version with its files,
        issues and frames (`restored_from` names the version copied)."""
        with self.db.read() as s:
            old = repo.submission(s, submission_id)
            opd, round_id = old.opd, old.round_id
        rnd = self.get_round(actor, round_id)  # type: ignore[attr-defined]
        self._check(actor, Action.RESTORE, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        for attempt in range(_RETRIES):
            try:
                with self.db.write() as s:
                    return self._copy_version(s, actor, rnd, submission_id)
            except IntegrityError:
                if attempt == _RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    def _copy_version(self, s: Session, actor: Actor, rnd: RoundInfo, submission_id: int
                      ) -> SubmissionInfo:
        old = repo.submission(s, submission_id)
        files = repo.files_of(s, [old.id])[old.id]
        prev = repo.latest_versions(s, rnd.id).get(old.opd)
        row = self._version_row(actor, rnd.id, old.opd, prev, repo.next_seq(s, rnd.id),
                                old.file_name, files, old.sha256)
        row.ok, row.error_count, row.warning_count = old.ok, old.error_count, old.warning_count
        row.issues, row.profile, row.parse_key = old.issues, old.profile, old.parse_key
        row.restored_from = old.id
        s.add(row)
        s.flush()
        self._add_files(s, row.id, files)
        for name, blob in repo.frames_of(s, [old.id])[old.id].items():
            s.add(t.SubmissionFrame(submission_id=row.id, name=name, data=blob))
        repo.audit(s, actor, Action.RESTORE, workspace_id=rnd.workspace_id, round_id=rnd.id,
                   target=f"submission:{row.id}", opd=old.opd, version=row.version,
                   restored_from=old.id, restored_version=old.version)
        return repo.submission_info(row)

    def withdraw_submission(self, actor: Actor, round_id: int, opd: str) -> SubmissionInfo:
        """Take an OPD out of the round (a new, empty, withdrawn version; earlier ones stay)."""
        rnd = self.get_round(actor, round_id)  # type: ignore[attr-defined]
        self._check(actor, Action.WITHDRAW, workspace_id=rnd.workspace_id, round_id=round_id,
                    opd=opd)
        with self.db.write() as s:
            prev = repo.latest_versions(s, round_id).get(opd)
            if prev is None or prev.withdrawn:
                raise NotFound(f"OPD '{opd}' tidak ada di putaran ini.")
            row = self._version_row(actor, round_id, opd, prev, prev.seq, prev.file_name, [],
                                    _digest([]))
            row.withdrawn, row.parse_key = True, "withdrawn"
            s.add(row)
            s.flush()
            repo.audit(s, actor, Action.WITHDRAW, workspace_id=rnd.workspace_id,
                       round_id=round_id, target=f"submission:{row.id}", opd=opd)
            return repo.submission_info(row)

    # ---- opening a round ------------------------------------------------------------------

    def open_round(self, actor: Actor, round_id: int) -> RoundData:
        """The round's city from the stored frames (no file is parsed unless its frames were
        read with other settings or an older format)."""
        rnd = self.get_round(actor, round_id)  # type: ignore[attr-defined]
        key = fr.parse_key(rnd.settings)
        with self.db.read() as s:
            ws = repo.workspace_info(repo.workspace(s, rnd.workspace_id))
            subs = repo.current_submissions(s, round_id)
            frames = repo.frames_of(s, [r.id for r in subs if r.parse_key == key])
            stale = repo.files_of(s, [r.id for r in subs if r.parse_key != key])
            infos = tuple(repo.submission_info(r) for r in subs)
            parts = [(r.id, r.opd, r.file_name, r.profile, r.issues) for r in subs]
        books = []
        for sid, opd, fname, profile, issues in parts:
            if sid in stale:
                books.append(_reread(stale[sid], opd, rnd.settings))
            else:
                books.append(fr.decode(fname, profile, issues, frames[sid]))
        return RoundData(rnd, ws, infos, build_city(books, name=ws.name), reparsed=len(stale))


def _reread(files: Files, opd: str, settings: Settings) -> OpdWorkbook:
    """One stored OPD read again from its files (the book of that OPD, else the first)."""
    books, _ = read_files(files, settings)
    return next((b for b in books if b.name == opd), books[0])
