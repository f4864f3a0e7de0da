"""Names that exports write and imports read back: a video's name in an export, and the name an
imported SA-V masklet carries (no model field holds its SA-V identity). Pure: no Django."""

from __future__ import annotations

import os
import re

# "SA-V manual 3 (41 edited frames)": written when an SA-V file is imported, read back on export.
SAV_MASKLET_NAME = re.compile(r"^SA-V (manual|auto) (\S+) \((\d+) edited frames?\)$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def sav_masklet_name(kind: str, external_id: str, edited: int) -> str:
    """The name of a masklet imported from SA-V: its type ("manual" or "auto"), its masklet_id
    in the file and the file's masklet_edited_frame_count."""
    return f"SA-V {kind} {external_id} ({edited} edited frame{'' if edited == 1 else 's'})"


def sav_masklet_name_parse(name: str) -> tuple[str, str, int] | None:
    """(kind, external id, edited frames) of a name `sav_masklet_name` wrote, else None."""
    match = SAV_MASKLET_NAME.match(name or "")
    if match is None:
        return None
    return match.group(1), match.group(2), int(match.group(3))


def video_export_name(name: str, video_id: int) -> str:
    """A stable, file-name-safe name for a video in exports: its file name without the
    extension, or `video_{video_id}` when nothing usable is left."""
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    safe = _UNSAFE.sub("_", stem).strip("._-")[:100]
    return safe or f"video_{video_id}"
