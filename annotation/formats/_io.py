"""Small input helpers: re-openable sources and a streaming JSON reader.

Parsers read a file twice (validate everything, then yield), so a source is a path or a
seekable binary file. The JSON reader walks one top-level object and hands out array items one
at a time, so a 100k-mask SA-V or COCO file never sits in memory as one Python object.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
from collections.abc import Iterator
from typing import IO, Any

import maskcodec
from maskcodec import RLE

from .errors import FormatError

_WHITESPACE = " \t\n\r"
_CHUNK = 1 << 16


@contextlib.contextmanager
def open_source(source: Any) -> Iterator[IO[bytes]]:
    """Open a path, or rewind a seekable binary file, for one full read."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as f:
            yield f
        return
    if not hasattr(source, "read") or not hasattr(source, "seek"):
        raise TypeError("source must be a path or a seekable binary file")
    source.seek(0)
    yield source


def revalidated_rle(value: Any) -> RLE:
    """An RLE on a parser's second read, already validated on the first: compressed counts
    are taken as they are (validating them again costs a pure-Python pass over each string);
    anything else goes through the full check again."""
    if (
        isinstance(value, dict)
        and isinstance(value.get("counts"), str)
        and isinstance(value.get("size"), list)
    ):
        return {"size": value["size"], "counts": value["counts"]}
    return maskcodec.validate(value)


class JsonStream:
    """Incremental reader of one JSON document, item by item, with bounded memory.

    Each complete value is decoded by the standard library (`raw_decode`); the reader only
    tracks the punctuation of the containers it streams through.
    """

    def __init__(self, f: IO[bytes], what: str = "file") -> None:
        self._f = f
        self._decode = codecs.getincrementaldecoder("utf-8")()
        self._json = json.JSONDecoder()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._consumed = 0  # characters dropped from the buffer, for error positions
        self._what = what

    # -- low level -------------------------------------------------------------------------
    def _fill(self, size: int = _CHUNK) -> bool:
        if self._eof:
            return False
        data = self._f.read(size)
        try:
            text = self._decode.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise FormatError(f"the {self._what} is not UTF-8 text") from exc
        if not data:
            self._eof = True
        if self._pos > _CHUNK:
            self._consumed += self._pos
            self._buf = self._buf[self._pos :]
            self._pos = 0
        self._buf += text
        return True

    def _error(self, what: str) -> FormatError:
        return FormatError(
            f"the {self._what} is not valid JSON: {what} (near character {self._consumed + self._pos})"
        )

    def peek(self) -> str:
        """Next non-blank character, or "" at the end of the file."""
        while True:
            buf, pos = self._buf, self._pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buf):
                return buf[pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            got = self.peek() or "end of file"
            raise self._error(f"expected {char!r}, found {got!r}")
        self._pos += 1

    def value(self) -> Any:
        """Decode the next complete JSON value."""
        if not self.peek():
            raise self._error("unexpected end of file")
        size = _CHUNK
        while True:
            try:
                obj, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._fill(size):
                    size *= 2  # a large value: read ahead faster so retries stay few
                    continue
                raise self._error(exc.msg) from None
            # A number that touches the end of the buffer may continue in the next chunk.
            if end >= len(self._buf) and not self._eof:
                self._fill(size)
                size *= 2
                continue
            self._pos = end
            return obj

    def end(self) -> None:
        if self.peek():
            raise self._error("extra data after the end of the document")

    # -- containers ------------------------------------------------------------------------
    def items(self) -> Iterator[Any]:
        """Yield the items of the array that starts here, one decoded value at a time."""
        yield from self._walk_array(self.value)

    def arrays(self) -> Iterator[Iterator[Any]]:
        """For an array of arrays, yield an item iterator per inner array (consume each fully)."""
        yield from self._walk_array(self.items)

    def _walk_array(self, read_item: Any) -> Iterator[Any]:
        self.expect("[")
        if self.peek() == "]":
            self._pos += 1
            return
        while True:
            yield read_item()
            char = self.peek()
            self._pos += 1
            if char == "]":
                return
            if char != ",":
                self._pos -= 1
                raise self._error(f"expected ',' or ']' in a list, found {char or 'end of file'!r}")

    def keys(self) -> Iterator[str]:
        """Walk the object that starts here: yield each key; the caller must then consume the
        value with value(), items(), arrays() or skip()."""
        self.expect("{")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self._error("expected a quoted key")
            key = self.value()
            self.expect(":")
            yield key
            char = self.peek()
            self._pos += 1
            if char == "}":
                return
            if char != ",":
                self._pos -= 1
                raise self._error(
                    f"expected ',' or '}}' in an object, found {char or 'end of file'!r}"
                )

    def skip(self) -> None:
        """Consume the next value without keeping it (arrays are walked item by item)."""
        if self.peek() == "[":
            for _ in self._walk_array(self.skip_item):
                pass
        else:
            self.value()

    def skip_item(self) -> None:
        self.skip()
        return None
