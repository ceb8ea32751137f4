"""Command line: `python -m sotk_core report|template|validate|convert|presets|workspace`
(workbook.md contract).

`report` and `validate` read every layout the product knows (formats.md), in any mix;
`convert` writes one template-v1 workbook per OPD found in the files; `presets` lists the
method tables (presets, PJ bands, rounding, edge rules, kelembagaan items) with their sources.

Exit status: 0 when every file was computed, 2 when any file had errors (the others are still
reported), 1 on misuse or when the workspace database cannot be opened (one Indonesian line).

    workspace [--db URL] [--workspace NAME] init --name NAME
    workspace [--db URL] [--workspace NAME] import --round R FILE...
    workspace [--db URL] [--workspace NAME] report --round R [--json]
    workspace [--db URL] backup OUT.zip
    workspace [--db URL] restore IN.zip          (into an empty database)
    workspace [--db URL] [--workspace NAME] user add NAME --role admin|opd|viewer [--opd "OPD"]
    workspace [--db URL] [--workspace NAME] user list | passwd NAME

`--db` defaults to SOTK_DATABASE_URL, then the embedded SQLite file (sotk_core.store.engine).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if __name__ == "__main__":  # the command itself (not a test calling main()):
    # one BLAS thread: nothing here multiplies matrices, and OpenBLAS's extra threads spin at
    # start on the core the first reading stage parses on (set before numpy is imported);
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # and no cycle collector: a command lives a second, and the collector walked every object
    # it had made (the imports' and the frames') again and again, also in the forked readers.
    gc.disable()

from sotk_core.base.cli_words import indonesian_argparse  # noqa: E402 - after the setting
from sotk_core.base.fmt import fmt_num
from sotk_core.base.forked import ahead
from sotk_core.base.settings import Settings
from sotk_core.base.tables import (
    DEFAULT_PRESET_ID,
    KELEMBAGAAN_TABLES,
    MATURITY_EDGES,
    PJ_TABLES,
    PJ_TABLES_BY_ID,
    PRESETS,
    ROUNDING_MODES,
)
from sotk_core.present.catalogue import catalogue, catalogue_text

# Nothing above imports pandas: `report`, `validate` and `convert` start the first reading stage
# (workbook.prefetch) before the model is imported, so the second core parses meanwhile.
if TYPE_CHECKING:
    from sotk_core.model.city import CityData
    from sotk_core.model.evaluate import Evaluation
    from sotk_core.workbook.prefetch import Prefetch


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # misuse -> exit 1 (argparse's default is 2)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: galat: {message}", file=sys.stderr)
        raise SystemExit(1)


def _add_settings_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("pengaturan (lihat: python -m sotk_core presets)")
    g.add_argument("--preset", default=DEFAULT_PRESET_ID, metavar="NAMA",
                   choices=[x.id for x in PRESETS],
                   help="Preset WKE dan faktor periode: " + ", ".join(x.id for x in PRESETS)
                   + f" (bawaan {DEFAULT_PRESET_ID}).")
    wke = g.add_mutually_exclusive_group()
    wke.add_argument("--wke-hours", type=float, default=None, metavar="JAM",
                     help="Jam kerja efektif per tahun, menggantikan WKE preset.")
    wke.add_argument("--wke-minutes", type=float, default=None, metavar="MENIT",
                     help="Jam kerja efektif dalam menit per tahun (mis. 103000).")
    g.add_argument("--rounding", choices=ROUNDING_MODES, default=None,
                   help="Pembulatan kebutuhan pegawai: half_up (biasa, ,5 ke atas; bawaan), "
                        "ceil (selalu ke atas), floor (selalu ke bawah), min1 (minimal satu "
                        "orang bila ada beban).")
    g.add_argument("--pj-bands", choices=[t.id for t in PJ_TABLES], default=None,
                   help="Tabel pita PJ/PU: permendagri (bawaan) atau depkeu.")
    g.add_argument("--maturity-edges", choices=[e.id for e in MATURITY_EDGES], default=None,
                   help="Batas kategori kematangan untuk nilai pecahan: lebih-dari (bawaan) "
                        "atau bulat.")
    g.add_argument("--kelembagaan-items", choices=[t.id for t in KELEMBAGAAN_TABLES],
                   default=None, help="Tabel butir kelembagaan: pedoman (62 butir, bawaan) "
                                      "atau lampiran-ii (63 butir).")


def _parser() -> argparse.ArgumentParser:
    indonesian_argparse()
    p = _Parser(prog="python -m sotk_core",
                description="SOTK Dashboard: laporan ABK, kematangan dan struktur OPD.")
    sub = p.add_subparsers(dest="command", required=True, metavar="PERINTAH", parser_class=_Parser)
    r = sub.add_parser("report", help="Hitung laporan dari workbook OPD.")
    r.add_argument("files", nargs="+", metavar="FILE")
    _add_settings_options(r)
    r.add_argument("--json", action="store_true", help="Cetak satu objek JSON ke stdout.")
    r.add_argument("-o", "--output", metavar="OUT.xlsx", help="Tulis workbook hasil.")
    t = sub.add_parser("template", help="Tulis template workbook OPD kosong.")
    t.add_argument("output", metavar="OUT.xlsx")
    v = sub.add_parser("validate", help="Periksa workbook OPD dan cetak masalahnya.")
    v.add_argument("files", nargs="+", metavar="FILE")
    _add_settings_options(v)
    c = sub.add_parser("convert", help="Ubah file anjab/SIASN/Permendagri/e-ABK/kuesioner "
                       "menjadi template SOTK v1, satu workbook per OPD.")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("-o", "--output", metavar="DIR", required=True,
                   help="Folder tujuan (dibuat bila belum ada).")
    pr = sub.add_parser("presets", help="Daftar preset, tabel pita PJ, pembulatan dan tabel "
                                        "lain beserta sumbernya.")
    pr.add_argument("--json", action="store_true", help="Cetak satu objek JSON ke stdout.")
    _workspace_parser(sub)
    return p


def _convert(inputs: list[tuple[str, bytes]], out: Path, stage: Prefetch | None) -> int:
    """One template-v1 workbook per OPD; an OPD with errors is not written (its issues say
    what to fix). Each OPD's summary says what each file gave and what is missing."""
    from sotk_core.workbook.formats import source_notes
    from sotk_core.workbook.formats.convert import template_bytes, template_name
    from sotk_core.workbook.isolate import read_files_isolated

    books, extra = read_files_isolated(inputs, Settings(), skeletons=True, stage=stage)
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for book in books:
        if not book.profile.get("name"):
            continue
        if not book.ok:
            print(f"OPD {book.name} tidak dikonversi: perbaiki dulu galat di bawah.")
            continue
        path = out / template_name(book)
        path.write_bytes(template_bytes(book))
        written += 1
        print(f"Ditulis: {path}")
        for note in source_notes(book):
            where = f"{note.file}: " if note.file else ""
            print(f"  - [{note.status}] {where}{note.text}")
    issues = [i for b in books for i in b.issues] + list(extra)
    for issue in issues:
        print(issue, file=sys.stderr)
    print(f"{written} workbook template SOTK v1 ditulis ke {out}.")
    failed = any(i.severity == "error" for i in issues)
    return 2 if failed or not written else 0


def _workspace_parser(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("workspace", help="Ruang kerja di basis data: putaran, impor, laporan.")
    w.add_argument("--db", metavar="URL", default=None,
                   help="Alamat basis data (bawaan: SOTK_DATABASE_URL, lalu file SQLite "
                        "bawaan).")
    w.add_argument("--workspace", "-w", metavar="NAMA", default=None,
                   help="Nama ruang kerja (boleh dikosongkan bila hanya ada satu).")
    ws = w.add_subparsers(dest="ws_command", required=True, metavar="PERINTAH", parser_class=_Parser)
    i = ws.add_parser("init", help="Buat ruang kerja baru.")
    i.add_argument("--name", required=True, metavar="NAMA")
    im = ws.add_parser("import", help="Simpan workbook OPD ke satu putaran.")
    im.add_argument("--round", required=True, metavar="PUTARAN")
    im.add_argument("files", nargs="+", metavar="FILE")
    rp = ws.add_parser("report", help="Laporan satu putaran (kontrak report + catatan).")
    rp.add_argument("--round", required=True, metavar="PUTARAN")
    rp.add_argument("--json", action="store_true", help="Cetak satu objek JSON ke stdout.")
    b = ws.add_parser("backup", help="Cadangkan seluruh basis data ke satu file .zip.")
    b.add_argument("output", metavar="OUT.zip")
    r = ws.add_parser("restore", help="Pulihkan cadangan .zip ke basis data kosong.")
    r.add_argument("input", metavar="IN.zip")
    u = ws.add_parser("user", help="Akun dan peran di ruang kerja.")
    us = u.add_subparsers(dest="user_command", required=True, metavar="PERINTAH", parser_class=_Parser)
    ua = us.add_parser("add", help="Buat akun (atau ubah perannya) di ruang kerja.")
    ua.add_argument("name", metavar="NAMA")
    ua.add_argument("--role", required=True, choices=["admin", "opd", "viewer"])
    ua.add_argument("--opd", action="append", default=[], metavar="NAMA_OPD",
                    help="OPD milik operator (boleh diulang).")
    ua.add_argument("--email", default=None, help="E-mail untuk masuk lewat OIDC.")
    ua.add_argument("--password-stdin", action="store_true",
                    help="Baca kata sandi dari stdin (satu baris), bukan dari prompt.")
    us.add_parser("list", help="Daftar akun ruang kerja dan perannya.")
    upw = us.add_parser("passwd", help="Ganti kata sandi akun.")
    upw.add_argument("name", metavar="NAMA")
    upw.add_argument("--password-stdin", action="store_true")


def _read_inputs(paths: list[str]) -> list[tuple[str, bytes]] | None:
    out = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            print(f"galat: file tidak ditemukan: {name}", file=sys.stderr)
            return None
        out.append((path.name, path.read_bytes()))
    return out


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_preset(args.preset)
    changes: dict[str, object] = {}
    if args.wke_hours is not None:
        if not args.wke_hours > 0:
            raise ValueError("--wke-hours harus lebih dari 0")
        changes["wke_hours"] = args.wke_hours
    if args.wke_minutes is not None:
        if not args.wke_minutes > 0:
            raise ValueError("--wke-minutes harus lebih dari 0")
        changes["wke_hours"] = args.wke_minutes / 60.0
    if args.rounding:
        changes["rounding"] = args.rounding
    if args.pj_bands:
        changes["ej_bands"] = PJ_TABLES_BY_ID[args.pj_bands].bands
    if args.maturity_edges:
        changes["maturity_edges"] = args.maturity_edges
    if args.kelembagaan_items:
        changes["kelembagaan_table"] = args.kelembagaan_items
    return settings.with_(**changes) if changes else settings


def _write_json(data: bytes) -> None:
    """UTF-8 bytes to stdout (as text when stdout is not a UTF-8 byte stream)."""
    stream = sys.stdout
    try:
        if getattr(stream, "buffer", None) is not None and (
                stream.encoding or "").lower().replace("-", "") == "utf8":
            stream.flush()
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            stream.write(data.decode())
    except BrokenPipeError:  # `... --json | head`: the reader stopped early; not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # so the final flush at exit has nowhere to fail
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "workspace":
        return _workspace(args)
    if args.command == "template":
        from sotk_core.workbook.writer import write_template

        path = write_template(args.output)
        print(f"Template ditulis: {path}")
        return 0
    if args.command == "presets":
        if args.json:
            from sotk_core.present.report import report_json

            _write_json(report_json(catalogue()) + b"\n")
        else:
            print(catalogue_text())
        return 0
    inputs = _read_inputs(args.files)
    if inputs is None:
        return 1
    try:
        settings = Settings() if args.command == "convert" else _settings(args)
    except ValueError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1
    from sotk_core.workbook import prefetch

    stage = prefetch.start(inputs)  # parses from the last file while the rest is imported
    try:
        from sotk_core.workbook.isolate import warm_up

        warm_up()  # the reader processes, forked once pandas and the reader are imported
        if args.command == "convert":
            return _convert(inputs, Path(args.output), stage)
        from sotk_core.model.city import load_files

        city = load_files(inputs, settings, stage=stage)
    finally:
        if stage is not None:
            stage.close()
    from sotk_core.model.evaluate import evaluate
    from sotk_core.present.report import (
        WORKLOAD_KEYS,
        build_report,
        joined,
        member_json,
        workload_members,
    )

    if getattr(args, "json", False):  # units, positions, formasi: on the other core meanwhile
        members = ahead(lambda: workload_members(city, settings))
    ev = evaluate(city, settings)
    if args.command == "validate":
        print(f"Pengaturan: {settings.describe()}")
        for issue in ev.issues:
            print(issue)
        errors = sum(1 for i in ev.issues if i.severity == "error")
        warnings = len(ev.issues) - errors
        print(f"{len(inputs)} file diperiksa: {errors} galat, {warnings} peringatan.")
        return 2 if errors else 0
    if args.output:
        from sotk_core.present.xlsx import results_workbook_bytes

        Path(args.output).write_bytes(results_workbook_bytes(ev))
    if args.json:
        report = build_report(ev, leave_out=WORKLOAD_KEYS)
        _write_json(joined({**{k: member_json(k, v) for k, v in report.items()}, **members()})
                    + b"\n")
    else:
        _print_summary(ev, len(inputs))
        if args.output:
            print(f"Workbook hasil ditulis: {args.output}")
    return 2 if _failed(city) else 0


def _failed(city: CityData) -> bool:
    return any(not wb.ok for wb in city.workbooks) or any(
        i.severity == "error" for i in city.extra_issues)


def _print_summary(ev: Evaluation, n_files: int) -> None:
    s = ev.summary
    print(f"Pengaturan: {ev.settings.describe()}")
    print(f"OPD dihitung: {s['opd_count']} dari {n_files} file")
    print(f"Beban kerja: {fmt_num(s['workload_hours'], 1)} jam/tahun; kebutuhan "
          f"{fmt_num(s['need_raw'], 2)} → {fmt_num(s['need'])} orang; ada "
          f"{fmt_num(s['existing'])} orang; kelebihan {fmt_num(s['surplus'])}, kekurangan "
          f"{fmt_num(s['shortage'])}; EU {fmt_num(s['eu'], 2)} ({s['pu'] or '–'})")
    if s["maturity_mean"] is not None:
        print(f"Kematangan rata-rata kota: {fmt_num(s['maturity_mean'], 2)} "
              f"({s['maturity_category']})")
    for issue in ev.issues:
        print(issue, file=sys.stderr)


# ---- workspace ------------------------------------------------------------------------------


def _workspace(args: argparse.Namespace) -> int:
    from sotk_core.store import LOCAL_ACTOR, StoreError, WorkspaceService
    from sotk_core.store.backup import backup, restore

    try:
        if args.ws_command == "restore":
            counts = restore(args.db, args.input)
            print(f"Cadangan dipulihkan: {sum(counts.values())} baris dari "
                  f"{len(counts)} tabel.")
            return 0
        svc = WorkspaceService.open(args.db)
        try:
            if args.ws_command == "backup":
                counts = backup(svc.db, args.output)
                print(f"Cadangan ditulis: {args.output} ({counts.get('submission', 0)} "
                      f"workbook, {counts.get('note', 0)} catatan, "
                      f"{counts.get('scenario', 0)} skenario).")
                return 0
            if args.ws_command == "init":
                ws = svc.create_workspace(LOCAL_ACTOR, args.name)
                print(f"Ruang kerja '{ws.name}' dibuat.")
                return 0
            ws = _pick_workspace(svc, args.workspace)
            if args.ws_command == "import":
                return _ws_import(svc, ws, args)
            if args.ws_command == "user":
                return _ws_user(svc, ws, args)
            return _ws_report(svc, ws, args)
        finally:
            svc.close()
    except StoreError as exc:
        print(f"galat: {exc.message}", file=sys.stderr)
        return 1


def _pick_workspace(svc, name: str | None):  # type: ignore[no-untyped-def]
    from sotk_core.store import LOCAL_ACTOR, StoreError

    if name:
        return svc.workspace_by_name(LOCAL_ACTOR, name)
    found = svc.list_workspaces(LOCAL_ACTOR)
    if len(found) == 1:
        return found[0]
    if not found:
        raise StoreError("Belum ada ruang kerja di basis data ini: buat dahulu dengan "
                         "'workspace init --name NAMA'.")
    raise StoreError("Ada beberapa ruang kerja; pilih salah satu dengan --workspace NAMA ("
                     + ", ".join(w.name for w in found) + ").")


def _read_password(from_stdin: bool, required: bool) -> str | None:
    """A new password from stdin (one line) or typed twice at a hidden prompt; never echoed,
    never logged. None when not required and nothing can be asked (OIDC-only account)."""
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        if required:
            raise ValueError("kata sandi diperlukan: pakai --password-stdin")
        return None
    first = getpass.getpass("Kata sandi baru: ")
    if first != getpass.getpass("Ulangi kata sandi: "):
        raise ValueError("kedua kata sandi tidak sama")
    return first


def _ws_user(svc, ws, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from sotk_core.store import LOCAL_ACTOR, NotFound
    from sotk_core.store.access import ROLE_LABELS, AccountService, checked_role

    accounts = AccountService(svc.db)
    try:
        if args.user_command == "list":
            for acc, m in accounts.list_accounts(LOCAL_ACTOR, ws.id):
                opds = f" · {', '.join(m.opds)}" if m.opds else ""
                print(f"{acc.username}\t{m.role_label}{opds}"
                      + (" · nonaktif" if acc.disabled else ""))
            return 0
        if args.user_command == "passwd":
            accounts.set_password(LOCAL_ACTOR, args.name,
                                  _read_password(args.password_stdin, True) or "", ws.id)
            print(f"Kata sandi akun '{args.name}' diganti.")
            return 0
        checked_role(args.role, args.opd)  # refuse before an account is made
        try:
            acc = accounts.get(args.name)
        except NotFound:
            password = _read_password(args.password_stdin, required=not args.email)
            acc = accounts.create_account(LOCAL_ACTOR, args.name, password, email=args.email,
                                          workspace_id=ws.id)
        m = accounts.grant(LOCAL_ACTOR, acc.username, ws.id, args.role, args.opd)
        opds = f" untuk {', '.join(m.opds)}" if m.opds else ""
        print(f"Akun '{acc.username}': {ROLE_LABELS[m.role]}{opds} di '{ws.name}'.")
        return 0
    except ValueError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 1


def _ws_import(svc, ws, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from sotk_core.store import LOCAL_ACTOR

    inputs = _read_inputs(args.files)
    if inputs is None:
        return 1
    rnd = svc.ensure_round(LOCAL_ACTOR, ws.id, args.round)
    result = svc.submit(LOCAL_ACTOR, rnd.id, inputs)
    for sub in result.stored:
        state = "siap dihitung" if sub.ok else f"{sub.error_count} galat"
        print(f"{sub.file_name}: {sub.opd} versi {sub.version} disimpan ({state}).")
        for issue in sub.issues:
            print(issue, file=sys.stderr)
    for issue in result.refused:
        print(issue, file=sys.stderr)
    print(f"Putaran {rnd.name}: {len(result.stored)} dari {len(inputs)} file disimpan.")
    bad = any(not s.ok for s in result.stored) or any(
        i.severity == "error" for i in result.refused)
    return 2 if bad else 0


def _ws_report(svc, ws, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from sotk_core.model.evaluate import evaluate
    from sotk_core.present.report import build_report, report_json
    from sotk_core.store import LOCAL_ACTOR
    from sotk_core.store.records import changes_to_json

    rnd = svc.round_by_name(LOCAL_ACTOR, ws.id, args.round)
    opened = svc.open_round(LOCAL_ACTOR, rnd.id)
    ev = evaluate(opened.city, opened.settings)
    if args.json:
        report = build_report(ev)
        report["round"] = {
            "workspace": ws.name, "name": rnd.name,
            "submissions": [{"opd": s.opd, "file": s.file_name, "version": s.version,
                             "sha256": s.sha256, "submitted_by": s.submitted_by,
                             "submitted_at": s.submitted_at.isoformat(), "ok": s.ok}
                            for s in opened.submissions]}
        report["notes"] = [{**n.as_note(), "uid": n.uid, "author": n.author,
                            "slide_id": n.slide_id, "version": n.version}
                           for n in svc.list_notes(LOCAL_ACTOR, rnd.id)]
        report["scenarios"] = [{"name": x.name, "author": x.author,
                                "changes": changes_to_json(x.changes), "version": x.version,
                                "created_at": x.created_at.isoformat(),
                                "updated_at": x.updated_at.isoformat()}
                               for x in svc.list_scenarios(LOCAL_ACTOR, rnd.id)]
        _write_json(report_json(report) + b"\n")
    else:
        print(f"Ruang kerja {ws.name} · putaran {rnd.name}")
        _print_summary(ev, len(opened.submissions))
    return 2 if _failed(opened.city) else 0


def _exit_now(code: int) -> None:
    """End a finished command without the interpreter's own clean-up, which at 40 OPD spends
    ≈0.1 s freeing every frame and module one by one. What that clean-up would do for us is
    done here first: the reader processes stopped, log handlers and output streams flushed.
    (Workspace commands exit normally: their database connections close on the way.)"""
    isolate = sys.modules.get("sotk_core.workbook.isolate")
    if isolate is not None:
        isolate.stop_workers()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    status = main()
    if sys.argv[1:2] != ["workspace"]:
        _exit_now(status)
    raise SystemExit(status)
