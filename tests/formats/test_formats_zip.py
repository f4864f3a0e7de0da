"""The constant-memory zip writer and reader agree with the standard zipfile module."""

import io
import zipfile

import pytest

from annotation.formats._zip import StreamingZipWriter, iter_zip_entries, read_zip_entry
from annotation.formats.errors import FormatError


def _read_all(data: bytes) -> dict[str, bytes]:
    f = io.BytesIO(data)
    out = {}
    for entry in iter_zip_entries(f):
        name, payload = read_zip_entry(
            f, entry.offset, entry.method, entry.compressed_size, entry.size, entry.crc
        )
        assert name == entry.name
        out[name] = payload
    return out


def test_writer_output_is_a_standard_zip_including_zip64_entry_counts():
    out = io.BytesIO()
    with StreamingZipWriter(out) as archive:
        for i in range(70_000):  # more than the 65535 entries of a plain end record
            archive.writestr(f"v/{i:05d}.png", b"%d" % i)
        archive.writestr("manifest.json", b'{"a": 1}' * 100, compress=True)
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert len(z.namelist()) == 70_001
        assert z.testzip() is None
        assert z.read("v/69999.png") == b"69999"
        assert z.read("manifest.json") == b'{"a": 1}' * 100
    ours = _read_all(data)
    assert len(ours) == 70_001 and ours["v/00042.png"] == b"42"


def test_reader_reads_zipfile_archives_streamed_with_data_descriptors():
    class Unseekable(io.RawIOBase):
        def __init__(self):
            self.buffer = io.BytesIO()

        def writable(self):
            return True

        def write(self, b):
            return self.buffer.write(b)

    sink = Unseekable()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open("a/00000.png", "w") as f:
            f.write(b"x" * 5000)
        z.writestr("b/ü.png", b"y")
    assert _read_all(sink.buffer.getvalue()) == {"a/00000.png": b"x" * 5000, "b/ü.png": b"y"}


def test_damaged_archives_are_reported():
    out = io.BytesIO()
    with StreamingZipWriter(out) as archive:
        archive.writestr("a.png", b"hello world")
    data = bytearray(out.getvalue())
    data[data.index(b"hello")] = ord("j")
    with pytest.raises(FormatError, match="damaged"):
        _read_all(bytes(data))
    with pytest.raises(FormatError, match="not a readable zip"):
        _read_all(b"PK\x03\x04 truncated")
