"""Names across files: normalised OPD and jabatan names, and the kinds a name implies.

What is inferred from a name (a unit's kind, a jabatan's jenis, the OPD's jenis) is always
said to the user by the caller; these functions only return the guess and whether it was one.
"""

from __future__ import annotations

import re

from sotk_core.workbook.formats._scan import key

_REGION_SUFFIX = re.compile(
    r"\s+(?:pemerintah\s+)?(?:kota|kabupaten|kab|provinsi|prov|pemkot|pemkab)\b.*$")


def opd_key(name: object) -> str:
    """'DINAS Perpustakaan & Kearsipan Kota Fiktif' -> 'dinas perpustakaan dan kearsipan'."""
    text = key(str(name or "").replace("&", " dan "))
    stripped = _REGION_SUFFIX.sub("", text)
    return stripped or text


def position_key(name: object) -> str:
    return key(str(name or "").replace("&", " dan "))


_UNIT_KINDS: tuple[tuple[str, str], ...] = (
    (r"^sekretariat\b", "Sekretariat"),
    (r"^(?:subbagian|subbag)\b", "Subbagian"),
    (r"^(?:subbidang|subbid)\b", "Subbidang"),
    (r"^bagian\b", "Bagian"),
    (r"^bidang\b", "Bidang"),
    (r"^seksi\b", "Seksi"),
    (r"^(?:upt|uptd|unit pelaksana teknis)\b", "UPT"),
    (r"^(?:kelompok jabatan fungsional|kelompok jf|kjf)\b", "Kelompok Jabatan Fungsional"),
)


def unit_kind(name: str) -> str | None:
    """The unit kind its name states ('Subbagian Umum' -> Subbagian), else None."""
    k = key(name)
    return next((kind for pattern, kind in _UNIT_KINDS if re.search(pattern, k)), None)


_HEAD_KINDS: tuple[tuple[str, str], ...] = (
    (r"^kepala (?:dinas|badan|satuan|kantor)\b|^inspektur$|^inspektur (?:daerah|kota|kabupaten)"
     r"|^camat\b|^sekretaris (?:daerah|dprd|dewan)\b|^kepala pelaksana\b", "JPT Pratama"),
    (r"^(?:kepala (?:subbagian|subbidang|seksi|sub bagian|sub bidang)|kasubag|kasubbag|kasi|"
     r"kasubid|lurah|sekretaris (?:lurah|kelurahan))\b", "Pengawas"),
    (r"^(?:sekretaris|kepala (?:bidang|bagian|upt|uptd)|kabid|kabag|inspektur pembantu|"
     r"sekretaris camat)\b", "Administrator"),
)
_FUNCTIONAL = re.compile(r"\b(?:ahli (?:pertama|muda|madya|utama)|terampil|mahir|penyelia|"
                         r"pemula|pelaksana lanjutan)\b")


def position_kind(name: str) -> str:
    """The jenis jabatan a position name implies: a head by its title, Fungsional by its
    jenjang words (Ahli Pertama, Terampil, …), else Pelaksana."""
    k = key(name)
    for pattern, kind in _HEAD_KINDS:
        if re.search(pattern, k):
            return kind
    return "Fungsional" if _FUNCTIONAL.search(k) else "Pelaksana"


_OPD_JENIS: tuple[tuple[str, str], ...] = (
    (r"^sekretariat (?:dprd|dewan)", "Sekretariat DPRD"),
    (r"^sekretariat daerah|^setda\b", "Sekretariat Daerah"),
    (r"^inspektorat", "Inspektorat"),
    (r"^dinas\b", "Dinas"),
    (r"^badan\b", "Badan"),
    (r"^kecamatan\b", "Kecamatan"),
    (r"^(?:satuan polisi pamong praja|satpol pp)", "Satuan Polisi Pamong Praja"),
)


def opd_jenis(name: str) -> str | None:
    k = key(name)
    return next((jenis for pattern, jenis in _OPD_JENIS if re.search(pattern, k)), None)


_ESELON = ((r"^(?:i{2}(?:\s|/|\.|$)|2[12]$|i{2}[ab]$)", "JPT Pratama"),
           (r"^(?:i{3}(?:\s|/|\.|$)|3[12]$|i{3}[ab]$)", "Administrator"),
           (r"^(?:iv(?:\s|/|\.|$)|4[12]$|iv[ab]$)", "Pengawas"))


def eselon_kind(value: object) -> str | None:
    """'II.b', 'III/a', 31, 'IV.a' -> JPT Pratama / Administrator / Pengawas; else None."""
    k = str(value).strip().casefold().replace(",", ".")
    if re.fullmatch(r"\d+\.0", k):
        k = k[:-2]
    return next((kind for pattern, kind in _ESELON if re.match(pattern, k)), None)


_OPD_LABEL = re.compile(r"(?:nama )?(?:opd|skpd|perangkat daerah|instansi|satuan kerja|unit kerja"
                        r"|unor|organisasi perangkat daerah)")
_OPD_ANYWHERE = re.compile(r"(?:^|\s)((?:dinas|badan|sekretariat (?:daerah|dprd|dewan)|inspektorat|"
                           r"kecamatan|satuan polisi pamong praja|satpol pp)\b.*)$")
_OPD_PREFIX = re.compile(r"^(?:dinas|badan|sekretariat (?:daerah|dprd|dewan)|inspektorat|"
                         r"kecamatan|satuan polisi pamong praja|satpol pp)\b")


def opd_in_title(rows: list[list], stop: int) -> tuple[str | None, int | None]:
    """The OPD a form's title block names, and its row: a line `OPD/SKPD/Perangkat Daerah/
    Instansi/Satuan Kerja/Unit Kerja : …` whose value is an OPD name (Dinas …, Badan …), else
    such a line naming something else than the pemda, else a title cell holding an OPD name
    ('KUESIONER … DINAS PERPUSTAKAAN …')."""
    from sotk_core.workbook.formats._scan import lines, text

    labelled = [ln for ln in lines(rows, 0, stop) if _OPD_LABEL.fullmatch(ln.label)
                and text(ln.value)]
    for ln in labelled:
        if _OPD_PREFIX.match(key(text(ln.value))):
            return text(ln.value), ln.row
    for ln in labelled:
        if not key(text(ln.value)).startswith("pemerintah"):
            return text(ln.value), ln.row
    for r in range(min(stop, len(rows))):
        for v in rows[r]:
            if not isinstance(v, str) or not v.strip():
                continue
            k = key(v)
            m = _OPD_ANYWHERE.search(k)
            if m:
                return _original_tail(v, m.start(1)), r
    return None, None


def _original_tail(raw: str, start_in_key: int) -> str:
    """The part of a title cell from the OPD word on, as written (case kept)."""
    words = raw.split()
    key_words = key(raw).split()
    skip = len(key(raw)[:start_in_key].split())
    if len(words) == len(key_words):
        return " ".join(words[skip:]).strip(" :-–")
    return raw.strip()


def unit_chain(text: str, opd: str | None = None
               ) -> tuple[tuple[tuple[str, str | None], ...], list[str]]:
    """'Sekretariat / Subbagian Umum' -> ((Sekretariat, Sekretariat), (Subbagian Umum,
    Subbagian)), and the names whose kind was inferred from their depth (first Bidang, then
    Seksi). A leading OPD name (the OPD itself, or any name when it is `opd`) is dropped."""
    names = [n.strip() for n in re.split(r"\s*(?:/|>|»|\\)\s*", text) if n.strip()]
    while names and ((opd and opd_key(names[0]) == opd_key(opd)) or opd_jenis(names[0])):
        names = names[1:]
    chain: list[tuple[str, str | None]] = []
    inferred: list[str] = []
    for depth, name in enumerate(names):
        kind = unit_kind(name)
        if kind is None:
            kind = "Bidang" if depth == 0 else "Seksi"
            inferred.append(name)
        chain.append((name, kind))
    return tuple(chain), inferred
