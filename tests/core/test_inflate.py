"""inflate.read_whole gives what zipfile's reader gives, and refuses what it refuses, with
ISA-L's inflate and with zlib's."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from sotk_core.workbook import inflate
from sotk_core.workbook.inflate import INFLATE_ERRORS, read_whole

XML = b"<worksheet><sheetData>" + b'<row r="1"><c r="A1"><v>1</v></c></row>' * 500 + b"</sheetData></worksheet>"


@pytest.fixture(autouse=True, params=["isal", "zlib"])
def library(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "isal":
        isal_zlib = pytest.importorskip("isal.isal_zlib")
        monkeypatch.setattr(inflate, "_lib", isal_zlib)
    else:
        monkeypatch.setattr(inflate, "_lib", zlib)


def _archive(content: bytes = XML, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", content)
    return out.getvalue()


def _both(data: bytes) -> tuple[object, object]:
    """(zipfile's answer, read_whole's answer): the content or the exception class."""
    answers = []
    for read in (lambda zf, info: zf.read(info), lambda zf, info: read_whole(zf, data, info)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                answers.append(read(zf, zf.infolist()[0]))
        except (zipfile.BadZipFile, EOFError, *INFLATE_ERRORS) as exc:
            answers.append(zlib.error if isinstance(exc, INFLATE_ERRORS) else type(exc))
    return answers[0], answers[1]


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_same_content(method: int) -> None:
    expected, got = _both(_archive(method=method))
    assert expected == got == XML


def _patch_central(data: bytes, field: int, value: int) -> bytes:
    """Overwrite one 4-byte field of the (only) central directory entry: 16 CRC, 24 size."""
    at = data.rfind(b"PK\x01\x02") + field
    return data[:at] + struct.pack("<L", value) + data[at + 4:]


def test_bad_crc_is_refused_like_zipfile() -> None:
    data = _patch_central(_archive(), 16, zlib.crc32(XML) ^ 1)
    assert _both(data) == (zipfile.BadZipFile, zipfile.BadZipFile)


def test_declared_size_caps_the_content() -> None:
    # an archive declaring 100 bytes for a longer member: both stop at 100 bytes, whose CRC
    # is not the stored one -> refused
    data = _patch_central(_archive(), 24, 100)
    assert _both(data) == (zipfile.BadZipFile, zipfile.BadZipFile)
    data = _patch_central(data, 16, zlib.crc32(XML[:100]))
    assert _both(data) == (XML[:100], XML[:100])


def test_corrupt_stream_is_refused_like_zipfile() -> None:
    data = bytearray(_archive())
    start = 30 + len("xl/worksheets/sheet1.xml")
    data[start:start + 8] = b"\xff" * 8  # not a deflate block
    assert _both(bytes(data)) == (zlib.error, zlib.error)


def test_cut_member_is_refused_like_zipfile() -> None:
    # the member's compressed bytes cut in half, the central directory moved up behind them:
    # the inflater reads directory bytes as deflate data
    data = _archive()
    start = data.find(b"PK\x01\x02")
    header = 30 + len("xl/worksheets/sheet1.xml")
    cut = data[:header + (start - header) // 2]
    central = data[start:]
    short = cut + central[: len(central) - 6] + struct.pack("<L", len(cut)) + central[-2:]
    expected, got = _both(short)
    assert expected is got
    assert got in (zlib.error, zipfile.BadZipFile, EOFError)


def test_a_member_past_the_piece_size_is_checked_as_when_streamed() -> None:
    from sotk_core.workbook import guard

    rows = b"".join(b'<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>' % (i, i, i % 7)
                    for i in range(1, 120_000))
    xml = (b"<worksheet><sheetData>" + rows + b'</sheetData><mergeCells><mergeCell ref="A1:B1"/>'
           b"</mergeCells></worksheet>")
    assert len(xml) > guard._PIECE_BYTES
    data = _archive(xml)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.infolist()[0]
        pieces = guard._member(zf, data, info)
        assert not isinstance(pieces, tuple)  # cut in pieces, not one
        checked = guard._quick_check(pieces)
        streamed = guard._quick_check(guard._pieces(guard._chunks(zf, info.filename)))
    assert checked == streamed
    assert (checked.fits, checked.shared_refs, checked.merges) == (False, 119_999, 1)
