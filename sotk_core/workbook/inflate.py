"""Archive members read whole in one zlib call, accepted and refused as zipfile reads them.

Why: the container checks (guard.py) read every member the parser may touch once, to check
its size and CRC and to scan the sheets. Through `zipfile` that is a Python loop over 1 MB
pieces and a second copy of each piece when it is re-cut at a tag; inflating the member's
raw bytes directly gives the whole XML in one call, so each scan is one C call over it.

Exactness: `zipfile.ZipFile.open` still checks the local header (magic number, name as in
the directory, encryption and unsupported flags). The content is then what ZipExtFile
returns: at most the declared size (so a member lying about its size cannot inflate past
it), EOFError when the archive ends before the member does, BadZipFile on a CRC mismatch,
zlib.error on a corrupt stream. Members this does not read (empty, larger than WHOLE_BYTES,
or compressed otherwise than stored or deflate) are left to zipfile's streaming reader.

Speed: ISA-L's inflate and CRC (python package isal) give the same bytes and the same
refusals as zlib's at a third of the time; without it zlib is used.
"""

from __future__ import annotations

import struct
import zipfile
import zlib

try:
    from isal import isal_zlib as _lib
except ImportError:  # pragma: no cover - zlib gives the same answers, slower
    _lib = zlib

WHOLE_BYTES = 64 * 1024 * 1024  # larger members are streamed: memory stays bounded
INFLATE_ERRORS = (zlib.error, _lib.error)  # a corrupt deflate stream

_LOCAL_HEADER = struct.Struct(zipfile.structFileHeader)
_NAME_LENGTH, _EXTRA_LENGTH = 10, 11  # fields of the local header: name, extra field lengths


def read_whole(zf: zipfile.ZipFile, data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The member's content (`data` is the archive `zf` reads); None when it is to be
    streamed instead. Raises what zipfile raises reading the member."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or not (
            0 < info.file_size <= WHOLE_BYTES):
        return None
    zf.open(info).close()  # zipfile's checks of the local header; reads no content
    header = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    start = info.header_offset + _LOCAL_HEADER.size + header[_NAME_LENGTH] + header[_EXTRA_LENGTH]
    raw = memoryview(data)[start:start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        need = min(info.compress_size, info.file_size)
        if len(raw) < need:
            raise EOFError
        content = bytes(raw[:need])
    else:
        inflater = _lib.decompressobj(-zlib.MAX_WBITS)
        content = inflater.decompress(raw, info.file_size)  # never past the declared size
        if not inflater.eof and len(content) < info.file_size:
            if len(raw) < info.compress_size:  # the archive ends inside the member
                raise EOFError
            content = (content + inflater.flush())[:info.file_size]
    if _lib.crc32(content) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return content
