"""The command line's own words in Indonesian: argparse writes its headings, its help line
and its error messages through gettext (`argparse._` / `argparse.ngettext`), so giving it
these translations makes `--help` and a mistyped option read in Indonesian too.

Only what a user of `python -m sotk_core` can see is translated; argparse's messages about
mistakes in the program's own option table stay as they are (a user never sees them)."""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "pilihan %(value)r tidak dikenal (pilih salah satu: %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "not allowed with argument %s": "tidak boleh dipakai bersama argumen %s",
    "ambiguous option: %(option)s could match %(matches)s":
        "opsi %(option)s tidak jelas: bisa berarti %(matches)s",
    "ignored explicit argument %r": "nilai %r diabaikan",
    "can't open '%(filename)s': %(error)s": "file '%(filename)s' tidak dapat dibuka: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)",
}
PLURALS = {"expected %s argument": "perlu %s nilai"}


def _gettext(message: str) -> str:
    return WORDS.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        return PLURALS[singular]
    return singular if n == 1 else plural


def indonesian_argparse() -> None:
    """Make argparse speak Indonesian in this process (idempotent)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
