"""The one exception the formats package raises for bad input files."""

from __future__ import annotations


class FormatError(ValueError):
    """An import file (or export input) that cannot be used, described in plain words.

    `str(error)` is the message to show the user as is; `where` names the place in the file
    (a JSON path or a zip entry) when one is known, and is already part of the message.
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)
