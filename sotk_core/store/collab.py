"""Scenarios, FGD notes and the deck position of a round: autosaved, version-checked.

`save_scenario` / `update_note` take the `expected_version` the user's copy was based on;
when the row moved on they raise `Conflict` whose `current` is the record as saved by the
other person. The caller keeps both edits by saving the user's version as a new record
(`create_scenario` with another name, `add_note`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sotk_core.model.notes import KINDS, MAX_TEXT, too_long
from sotk_core.scenario import Change
from sotk_core.store import repo
from sotk_core.store import schema as t
from sotk_core.store.actor import Action, Actor
from sotk_core.store.base import ServiceBase, clean_name
from sotk_core.store.errors import Conflict, InvalidInput, NameTaken, NotFound
from sotk_core.store.records import (
    DeckPositionInfo,
    NoteInfo,
    ScenarioInfo,
    changes_to_json,
)

DEFAULT_DECK = "utama"


def _hhmm(when: datetime) -> str:
    return when.astimezone().strftime("%d-%m-%Y %H:%M")


def _note_text(text: str) -> str:
    body = (text or "").strip()
    if not body:
        raise InvalidInput("Catatan kosong: tulis isi catatan terlebih dahulu.")
    if len(body) > MAX_TEXT:  # refused whole: a stored note is never cut short
        raise InvalidInput(too_long(body))
    return body


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput(f"Jenis catatan tidak dikenal: {kind!r} (catatan atau keputusan).")
    return kind


def _touch(row: t.Scenario | t.Note | t.DeckPosition, actor: Actor) -> None:
    """One more version, saved now by `actor`."""
    row.version += 1
    row.updated_at = t.utcnow()
    row.updated_by = actor.name


class CollabService(ServiceBase):
    def _round(self, s: Session, round_id: int) -> t.Round:
        return repo.round_(s, round_id)

    # ---- scenarios ------------------------------------------------------------------------

    def list_scenarios(self, actor: Actor, round_id: int) -> list[ScenarioInfo]:
        with self.db.read() as s:
            rnd = self._round(s, round_id)
            self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id)
            return [repo.scenario_info(r) for r in repo.scenarios_of(s, round_id)]

    def create_scenario(self, actor: Actor, round_id: int, name: str,
                        changes: tuple[Change, ...] = ()) -> ScenarioInfo:
        name = clean_name(name, "skenario", 200)
        try:
            with self.db.write() as s:
                rnd = self._round(s, round_id)
                self._check(actor, Action.SCENARIO_SAVE, workspace_id=rnd.workspace_id,
                            round_id=round_id)
                now = t.utcnow()
                row = t.Scenario(round_id=round_id, name=name, changes=changes_to_json(changes),
                                 author=actor.name, created_at=now, updated_at=now,
                                 updated_by=actor.name, version=1, deleted=False)
                s.add(row)
                s.flush()
                repo.audit(s, actor, Action.SCENARIO_SAVE, workspace_id=rnd.workspace_id,
                           round_id=round_id, target=f"scenario:{row.id}", name=name,
                           changes=len(changes), version=1)
                return repo.scenario_info(row)
        except IntegrityError as exc:
            raise NameTaken(f"Skenario '{name}' sudah ada di putaran ini; pilih nama lain."
                            ) from exc

    def save_scenario(self, actor: Actor, scenario_id: int, changes: tuple[Change, ...],
                      expected_version: int, name: str | None = None) -> ScenarioInfo:
        """Replace the scenario's changes (and name); Conflict when it moved on."""
        new_name = clean_name(name, "skenario", 200) if name is not None else None
        try:
            with self.db.write() as s:
                row = repo.scenario(s, scenario_id)
                rnd = self._round(s, row.round_id)
                self._check(actor, Action.SCENARIO_SAVE, workspace_id=rnd.workspace_id,
                            round_id=rnd.id, owner=row.author)
                if row.version != expected_version:
                    raise Conflict(
                        f"Skenario '{row.name}' sudah diubah oleh {row.updated_by} pada "
                        f"{_hhmm(row.updated_at)} sejak Anda membukanya; perubahan Anda belum "
                        "disimpan. Simpan sebagai skenario baru agar kedua versi tersimpan, "
                        "atau muat versi terbaru.", repo.scenario_info(row))
                row.changes = changes_to_json(changes)
                if new_name is not None:
                    row.name = new_name
                _touch(row, actor)
                s.flush()
                repo.audit(s, actor, Action.SCENARIO_SAVE, workspace_id=rnd.workspace_id,
                           round_id=rnd.id, target=f"scenario:{row.id}", name=row.name,
                           changes=len(changes), version=row.version)
                return repo.scenario_info(row)
        except IntegrityError as exc:
            raise NameTaken(f"Skenario '{new_name}' sudah ada di putaran ini; pilih nama lain."
                            ) from exc

    def delete_scenario(self, actor: Actor, scenario_id: int, expected_version: int) -> None:
        with self.db.write() as s:
            row = repo.scenario(s, scenario_id)
            rnd = self._round(s, row.round_id)
            self._check(actor, Action.SCENARIO_DELETE, workspace_id=rnd.workspace_id,
                        round_id=rnd.id, owner=row.author)
            if row.version != expected_version:
                raise Conflict(f"Skenario '{row.name}' sudah diubah oleh {row.updated_by} "
                               "sejak Anda membukanya; tidak dihapus.", repo.scenario_info(row))
            old = row.name
            row.deleted = True
            row.name = f"{old} · dihapus #{row.id}"[:200]  # frees the name, keeps the row
            _touch(row, actor)
            repo.audit(s, actor, Action.SCENARIO_DELETE, workspace_id=rnd.workspace_id,
                       round_id=rnd.id, target=f"scenario:{row.id}", name=old)

    # ---- notes ------------------------------------------------------------------------------

    def list_notes(self, actor: Actor, round_id: int) -> list[NoteInfo]:
        """Every note of the round, oldest first."""
        with self.db.read() as s:
            rnd = self._round(s, round_id)
            self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id)
            return [repo.note_info(r) for r in repo.notes_of(s, round_id)]

    def add_note(self, actor: Actor, round_id: int, text: str, kind: str = "catatan",
                 opd: str | None = None, unit: str | None = None, slide_id: str | None = None,
                 uid: str | None = None) -> NoteInfo:
        """A new note. `uid` (optional, from the caller) makes a retried save harmless: the
        same uid twice returns the stored note instead of a copy."""
        body, kind = _note_text(text), _kind(kind)
        uid = uid or str(uuid.uuid4())
        try:
            with self.db.write() as s:
                rnd = self._round(s, round_id)
                self._check(actor, Action.NOTE_ADD, workspace_id=rnd.workspace_id,
                            round_id=round_id, opd=opd)
                now = t.utcnow()
                row = t.Note(uid=uid, round_id=round_id, kind=kind, opd=opd or None,
                             unit=(unit or None) if opd else None, text=body, slide_id=slide_id,
                             author=actor.name, created_at=now, updated_at=now,
                             updated_by=actor.name, version=1, deleted=False)
                s.add(row)
                s.flush()
                repo.audit(s, actor, Action.NOTE_ADD, workspace_id=rnd.workspace_id,
                           round_id=round_id, target=f"note:{uid}", opd=opd, kind=kind,
                           slide_id=slide_id, text=body)
                return repo.note_info(row)
        except IntegrityError:
            with self.db.read() as s:
                existing = s.scalar(select(t.Note).where(t.Note.uid == uid))
                if existing is None or existing.round_id != round_id:
                    raise
                return repo.note_info(existing)

    def update_note(self, actor: Actor, uid: str, text: str, expected_version: int,
                    kind: str | None = None) -> NoteInfo:
        body = _note_text(text)
        with self.db.write() as s:
            row = repo.note(s, uid)
            rnd = self._round(s, row.round_id)
            self._check(actor, Action.NOTE_EDIT, workspace_id=rnd.workspace_id,
                        round_id=rnd.id, opd=row.opd, owner=row.author)
            if row.version != expected_version:
                raise Conflict(
                    f"Catatan ini sudah diubah oleh {row.updated_by} pada "
                    f"{_hhmm(row.updated_at)} sejak Anda membukanya; perubahan Anda belum "
                    "disimpan. Simpan teks Anda sebagai catatan baru agar keduanya tersimpan.",
                    repo.note_info(row))
            row.text = body
            if kind is not None:
                row.kind = _kind(kind)
            _touch(row, actor)
            s.flush()
            repo.audit(s, actor, Action.NOTE_EDIT, workspace_id=rnd.workspace_id,
                       round_id=rnd.id, target=f"note:{uid}", opd=row.opd, text=body,
                       version=row.version)
            return repo.note_info(row)

    def delete_note(self, actor: Actor, uid: str, expected_version: int) -> None:
        """Marks the note deleted (the row and the audit trail keep its text)."""
        with self.db.write() as s:
            row = repo.note(s, uid)
            rnd = self._round(s, row.round_id)
            self._check(actor, Action.NOTE_DELETE, workspace_id=rnd.workspace_id,
                        round_id=rnd.id, opd=row.opd, owner=row.author)
            if row.version != expected_version:
                raise Conflict(f"Catatan ini sudah diubah oleh {row.updated_by} sejak Anda "
                               "membukanya; tidak dihapus.", repo.note_info(row))
            row.deleted = True
            _touch(row, actor)
            repo.audit(s, actor, Action.NOTE_DELETE, workspace_id=rnd.workspace_id,
                       round_id=rnd.id, target=f"note:{uid}", opd=row.opd)

    # ---- the deck position ------------------------------------------------------------------

    def deck_position(self, actor: Actor, round_id: int, deck: str = DEFAULT_DECK
                      ) -> DeckPositionInfo | None:
        with self.db.read() as s:
            rnd = self._round(s, round_id)
            self._check(actor, Action.VIEW, workspace_id=rnd.workspace_id, round_id=round_id)
            row = s.get(t.DeckPosition, (round_id, deck))
            return repo.deck_info(row) if row else None

    def set_deck_position(self, actor: Actor, round_id: int, slide_id: str,
                          deck: str = DEFAULT_DECK) -> DeckPositionInfo:
        """The presenter moved to `slide_id` (the last move wins: one room, one screen)."""
        if not slide_id:
            raise NotFound("Slide tanpa kunci tidak dapat disimpan.")
        for attempt in range(3):
            try:
                with self.db.write() as s:
                    rnd = self._round(s, round_id)
                    self._check(actor, Action.DECK_MOVE, workspace_id=rnd.workspace_id,
                                round_id=round_id)
                    row = s.get(t.DeckPosition, (round_id, deck))
                    if row is None:
                        row = t.DeckPosition(round_id=round_id, deck=deck, slide_id=slide_id,
                                             updated_at=t.utcnow(), updated_by=actor.name,
                                             version=1)
                        s.add(row)
                    elif row.slide_id != slide_id:
                        row.slide_id = slide_id
                        _touch(row, actor)
                    s.flush()
                    return repo.deck_info(row)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")
