"""Container checks before a workbook is parsed: size, format, encryption, zip bombs, macros.

Nothing in an uploaded file is ever executed; macros are only detected to warn the user.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from sotk_core.issues import IssueList

MAX_FILE_BYTES = 50 * 1024 * 1024  # also set as server.maxUploadSize in .streamlit/config.toml
MAX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200.0
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Container:
    macro: bool


def check_container(data: bytes, file: str, issues: IssueList) -> Container | None:
    """None (with an error issue) when the bytes cannot be a usable .xlsx workbook."""
    if len(data) == 0:
        issues.error(file, None, None, None, "File kosong (0 byte); unggah ulang workbook .xlsx.")
        return None
    if len(data) > MAX_FILE_BYTES:
        issues.error(file, None, None, None,
                     f"File berukuran {len(data) / 1_048_576:.1f} MB melebihi batas "
                     f"{MAX_FILE_BYTES // 1_048_576} MB per workbook.".replace(".", ","))
        return None
    if data[:8] == OLE_MAGIC:
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            issues.error(file, None, None, None,
                         "Workbook dilindungi kata sandi; buka di Excel, hapus kata sandinya "
                         "(File → Info → Proteksi), lalu simpan ulang sebagai .xlsx.")
        else:
            issues.error(file, None, None, None,
                         "Format .xls lama (Excel 97–2003) tidak didukung; buka di Excel lalu "
                         "simpan sebagai Excel Workbook (.xlsx).")
        return None
    if data[:4] != b"PK\x03\x04":
        issues.error(file, None, None, None,
                     "File ini bukan workbook Excel (.xlsx); isinya tidak berformat Excel. "
                     "Gunakan template dari menu Data.")
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        issues.error(file, None, None, None,
                     "File .xlsx rusak atau terpotong (arsip tidak utuh); simpan ulang dari Excel "
                     "lalu unggah lagi.")
        return None
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        issues.error(file, None, None, None,
                     f"Isi workbook terlalu besar setelah diekstrak ({total / 1_048_576:.0f} MB, "
                     f"rasio {total / packed:.0f}×); file ditolak demi keamanan.")
        return None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        issues.error(file, None, None, None,
                     "Arsip ini bukan workbook Excel (tidak ada xl/workbook.xml); gunakan template "
                     ".xlsx dari menu Data.")
        return None
    macro = "xl/vbaProject.bin" in names
    if macro:
        issues.warning(file, None, None, None,
                       "Workbook berisi makro (.xlsm); hanya data yang dibaca, makro tidak pernah "
                       "dijalankan.")
    return Container(macro=macro)
