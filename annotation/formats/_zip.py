"""Zip writing and reading with memory that does not grow with the number of entries.

The standard `zipfile` keeps one ZipInfo object per entry (a few hundred bytes each) for the
whole life of the archive, on write and on read; an export or import of 100k PNG masks would
hold tens of megabytes of them. Here the writer spools central directory records to a
temporary file, and the reader walks the central directory as a stream, leaving the caller to
keep whatever compact index it needs (offsets in arrays). Zip64 is written when needed.
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from .errors import FormatError

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<IIQI")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01: fixed, so equal exports give equal bytes
_DOS_TIME = 0
_UTF8_FLAG = 0x800
_MAX32 = 0xFFFFFFFF
_MAX16 = 0xFFFF


class StreamingZipWriter:
    """Append-only zip writer for small entries (each entry's bytes are passed whole)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._offset = 0
        self._count = 0
        self._central = tempfile.TemporaryFile()
        self._central_size = 0
        self._closed = False

    def __enter__(self) -> StreamingZipWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()
        else:
            self._central.close()

    def writestr(self, name: str, data: bytes, *, compress: bool = False) -> None:
        raw_name = name.encode("utf-8")
        crc = zlib.crc32(data)
        if compress:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            stored = packer.compress(data) + packer.flush()
            method = 8
        else:
            stored, method = data, 0
        if len(stored) > _MAX32 or len(data) > _MAX32:
            raise FormatError(f"zip entry {name} is too large")
        header = _LOCAL.pack(
            0x04034B50, 20, _UTF8_FLAG, method, _DOS_TIME, _DOS_DATE, crc,
            len(stored), len(data), len(raw_name), 0,
        )  # fmt: skip
        self._out.write(header + raw_name)
        self._out.write(stored)
        extra = b""
        offset = self._offset
        if offset > _MAX32:
            extra = struct.pack("<HHQ", 0x0001, 8, offset)
            offset = _MAX32
        record = _CENTRAL.pack(
            0x02014B50, (3 << 8) | 45, 45 if extra else 20, _UTF8_FLAG, method, _DOS_TIME,
            _DOS_DATE, crc, len(stored), len(data), len(raw_name), len(extra), 0, 0, 0,
            0o100644 << 16, offset,
        )  # fmt: skip
        self._central.write(record + raw_name + extra)
        self._central_size += len(record) + len(raw_name) + len(extra)
        self._offset += len(header) + len(raw_name) + len(stored)
        self._count += 1

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        start = self._offset
        self._central.seek(0)
        while chunk := self._central.read(1 << 16):
            self._out.write(chunk)
        self._central.close()
        size = self._central_size
        end_offset = start + size
        if self._count > _MAX16 or start > _MAX32 or size > _MAX32:
            self._out.write(
                _END64.pack(0x06064B50, 44, 45, 45, 0, 0, self._count, self._count, size, start)
            )
            self._out.write(_LOCATOR64.pack(0x07064B50, 0, end_offset, 1))
        self._out.write(
            _END.pack(
                0x06054B50,
                0,
                0,
                min(self._count, _MAX16),
                min(self._count, _MAX16),
                min(size, _MAX32),
                min(start, _MAX32),
                0,
            )  # fmt: skip
        )


@dataclass(frozen=True)
class ZipEntry:
    name: str
    offset: int  # of the local header
    method: int
    compressed_size: int
    size: int
    crc: int
    flags: int

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def _not_zip() -> FormatError:
    return FormatError("the file is not a readable zip archive")


def iter_zip_entries(f: IO[bytes]) -> Iterator[ZipEntry]:
    """Walk the central directory of a zip (a seekable binary file), one entry at a time."""
    f.seek(0, 2)
    file_size = f.tell()
    tail_size = min(file_size, 22 + 0xFFFF)
    f.seek(file_size - tail_size)
    tail = f.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        raise _not_zip()
    _, _, _, _, count, cd_size, cd_offset, _ = _END.unpack_from(tail, at)
    end_position = file_size - tail_size + at
    if count == _MAX16 or cd_size == _MAX32 or cd_offset == _MAX32:
        locator_at = end_position - _LOCATOR64.size
        if locator_at < 0:
            raise _not_zip()
        f.seek(locator_at)
        sig, _, end64_offset, _ = _LOCATOR64.unpack(f.read(_LOCATOR64.size))
        if sig != 0x07064B50:
            raise _not_zip()
        f.seek(end64_offset)
        fields = _END64.unpack(f.read(_END64.size))
        if fields[0] != 0x06064B50:
            raise _not_zip()
        count, cd_size, cd_offset = fields[7], fields[8], fields[9]
    if cd_offset + cd_size > file_size:
        raise _not_zip()
    buffer = b""
    at = 0  # read position in buffer; the buffer is refilled, not sliced, per record
    position = cd_offset  # own file position: callers may read entries between records

    def more() -> bytes:
        nonlocal position
        f.seek(position)
        data = f.read(1 << 16)
        position += len(data)
        return data

    for _ in range(count):
        if len(buffer) - at < _CENTRAL.size:
            buffer = buffer[at:] + more()
            at = 0
        if len(buffer) - at < _CENTRAL.size:
            raise _not_zip()
        fields = _CENTRAL.unpack_from(buffer, at)
        if fields[0] != 0x02014B50:
            raise _not_zip()
        flags, method, crc, csize, usize = fields[3], fields[4], fields[7], fields[8], fields[9]
        name_len, extra_len, comment_len, offset = fields[10], fields[11], fields[12], fields[16]
        record = _CENTRAL.size + name_len + extra_len + comment_len
        while len(buffer) - at < record:
            chunk = more()
            if not chunk:
                raise _not_zip()
            buffer = buffer[at:] + chunk
            at = 0
        name_at = at + _CENTRAL.size
        raw_name = buffer[name_at : name_at + name_len]
        extra = buffer[name_at + name_len : name_at + name_len + extra_len]
        if _MAX32 in (usize, csize, offset):
            usize, csize, offset = _zip64_extra(extra, usize, csize, offset)
        name = raw_name.decode("utf-8" if flags & _UTF8_FLAG else "cp437", errors="replace")
        at += record
        yield ZipEntry(name, offset, method, csize, usize, crc, flags)


def _zip64_extra(extra: bytes, usize: int, csize: int, offset: int) -> tuple[int, int, int]:
    at = 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, at)
        if tag == 0x0001:
            values = list(struct.unpack_from(f"<{size // 8}Q", extra, at + 4))
            if usize == _MAX32 and values:
                usize = values.pop(0)
            if csize == _MAX32 and values:
                csize = values.pop(0)
            if offset == _MAX32 and values:
                offset = values.pop(0)
            break
        at += 4 + size
    return usize, csize, offset


def read_zip_entry(
    f: IO[bytes], offset: int, method: int, compressed_size: int, size: int, crc: int
) -> tuple[str, bytes]:
    """(name, uncompressed bytes) of one entry, checked against its size and CRC."""
    f.seek(offset)
    header = f.read(_LOCAL.size)
    if len(header) < _LOCAL.size or _LOCAL.unpack(header)[0] != 0x04034B50:
        raise FormatError(f"the zip entry at byte {offset} is damaged")
    fields = _LOCAL.unpack(header)
    name = f.read(fields[9]).decode("utf-8", errors="replace")
    f.seek(offset + _LOCAL.size + fields[9] + fields[10])
    stored = f.read(compressed_size)
    if method == 0:
        data = stored
    elif method == 8:
        inflater = zlib.decompressobj(-15)
        try:
            data = inflater.decompress(stored, size + 1)
        except zlib.error:
            raise FormatError("the zip entry is damaged", where=name) from None
    else:
        raise FormatError("the zip entry uses an unsupported compression method", where=name)
    if len(data) != size or zlib.crc32(data) != crc:
        raise FormatError("the zip entry is damaged (size or checksum mismatch)", where=name)
    return name, data
