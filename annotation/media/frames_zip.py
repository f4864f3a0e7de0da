"""Zips of frame images: the JPEG-folder layout SAM 2, DAVIS and YouTube-VOS use.

What a frames zip may hold (checked by ``scan_frames_zip`` before anything is stored):

* JPEG or PNG images (``.jpg``, ``.jpeg``, ``.png``, any case; the content must match), all of one
  size and all in one folder (the archive root or any single folder such as ``bedroom/``);
* folder entries, and what macOS and Windows add on their own, which are ignored: anything under
  ``__MACOSX/``, ``.DS_Store``, ``._*`` AppleDouble files, ``Thumbs.db`` and ``desktop.ini``;
* nothing else: any other file is refused with its name, as are absolute names and names that
  climb out of the archive (``../evil.jpg``), even though nothing is ever extracted to disk.

Frames are ordered by file name, comparing digit runs as numbers (``frame_2`` before ``frame_10``;
for zero-padded names like ``00000.jpg`` this is the plain alphabetical order).
"""

from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from annotation.media.checks import check_dimensions
from annotation.media.errors import IngestError
from annotation.media.settings import IngestLimits

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
IMAGE_EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
VIDEO_EXTENSIONS = {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi"}
IGNORED_BASENAMES = {".ds_store", "thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class ZipImage:
    """One frame image inside the zip: member name, declared unpacked size, Pillow format name."""

    name: str
    file_size: int
    image_format: str


@dataclass(frozen=True)
class FramesZipScan:
    images: tuple[ZipImage, ...]
    width: int
    height: int
    uncompressed_bytes: int

    @property
    def formats(self) -> str:
        """``jpeg``, ``png`` or ``jpeg,png``: what the images are encoded with."""
        return ",".join(sorted({image.image_format.lower() for image in self.images}))


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGICS)


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key comparing runs of digits as numbers: ``f2.jpg`` < ``f10.jpg``."""
    parts = re.split(r"(\d+)", name)
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def scan_frames_zip(path: str, limits: IngestLimits) -> FramesZipScan:
    """Check a frames zip without unpacking it (image headers only) and list its frames in order.

    Raises IngestError with a message naming the offending member.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _damaged_zip() from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_zip_members:
            raise IngestError(
                f"The zip holds {len(members):,} files, more than the limit of "
                f"{limits.max_zip_members:,}.",
                code="zip_too_large",
            )
        candidates: list[zipfile.ZipInfo] = []
        seen: set[str] = set()
        for member in members:
            name = _safe_name(member.filename)
            if name in seen:
                raise IngestError(
                    f"The zip holds two files with the same name ({name!r}).",
                    code="bad_zip",
                )
            seen.add(name)
            if member.is_dir() or _is_ignored(name):
                continue
            if member.flag_bits & 0x1:
                raise IngestError(
                    "The zip is password-protected; upload an unencrypted zip.", code="bad_zip"
                )
            extension = posixpath.splitext(name)[1].lower()
            if extension in VIDEO_EXTENSIONS:
                raise IngestError(
                    f"The zip holds a video ({name!r}). Upload the video file itself, not zipped; "
                    "a zip must hold only frame images.",
                    code="zip_not_image",
                )
            if extension not in IMAGE_EXTENSIONS:
                raise _not_image(name)
            if member.file_size > limits.max_image_bytes:
                raise IngestError(
                    f"The image {name!r} in the zip is {member.file_size / 1024**2:,.0f} MB, more "
                    f"than the limit of {limits.max_image_bytes / 1024**2:,.0f} MB per image.",
                    code="zip_too_large",
                )
            candidates.append(member)

        if not candidates:
            raise IngestError(
                "The zip holds no images. Put the frames (00000.jpg, 00001.jpg, ... or PNG files) "
                "in the zip, at its root or in one folder.",
                code="zip_empty",
            )
        total = sum(member.file_size for member in candidates)
        if total > limits.max_zip_uncompressed_bytes:
            raise IngestError(
                f"The zip would unpack to {total / 1024**3:,.1f} GB, more than the limit of "
                f"{limits.max_zip_uncompressed_bytes / 1024**3:,.1f} GB.",
                code="zip_too_large",
            )
        folders = sorted({posixpath.dirname(member.filename) for member in candidates})
        if len(folders) > 1:
            shown = ", ".join(repr((folder or ".") + "/") for folder in folders[:3])
            raise IngestError(
                f"The images in the zip are spread over several folders ({shown}); put all the "
                "frames of one video in one folder.",
                code="zip_mixed_folders",
            )
        candidates.sort(key=lambda member: (natural_key(member.filename), member.filename))

        images: list[ZipImage] = []
        size: tuple[int, int] | None = None
        first_name = ""
        for member in candidates:
            image_format, member_size = _read_header(archive, member, limits)
            if image_format not in IMAGE_EXTENSIONS.values():
                raise _not_image(member.filename)
            if size is None:
                size, first_name = member_size, member.filename
                check_dimensions(member_size[0], member_size[1], limits)
            elif member_size != size:
                raise IngestError(
                    "The images in the zip do not all have the same size: "
                    f"{first_name!r} is {size[0]}x{size[1]} but {member.filename!r} is "
                    f"{member_size[0]}x{member_size[1]}. All frames of a video must have one size.",
                    code="zip_mixed_sizes",
                )
            images.append(ZipImage(member.filename, member.file_size, image_format))
        assert size is not None
        return FramesZipScan(tuple(images), size[0], size[1], total)


def iter_zip_images(path: str, scan: FramesZipScan) -> Iterator[tuple[ZipImage, bytes]]:
    """Yield each frame image's bytes in frame order, one member in memory at a time."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _damaged_zip() from exc
    with archive:
        for image in scan.images:
            try:
                with archive.open(image.name) as handle:
                    data = handle.read(image.file_size + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise IngestError(
                    f"The image {image.name!r} in the zip could not be read: the zip seems damaged "
                    "or truncated.",
                    code="bad_zip",
                ) from exc
            yield image, data


def _read_header(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: IngestLimits
) -> tuple[str, tuple[int, int]]:
    try:
        with warnings.catch_warnings():
            # Pillow warns above 89 megapixels; our own limit decides, with a clear message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with archive.open(member) as handle, Image.open(handle) as picture:
                return picture.format or "", picture.size
    except UnidentifiedImageError as exc:
        raise _not_image(member.filename) from exc
    except Image.DecompressionBombError as exc:
        raise IngestError(
            f"The image {member.filename!r} in the zip declares a size far beyond the limit of "
            f"{limits.max_width}x{limits.max_height} pixels.",
            code="too_wide",
        ) from exc
    except NotImplementedError as exc:
        raise IngestError(
            f"The zip uses a compression method we cannot read (for {member.filename!r}); "
            "create it again with ordinary (deflate) compression.",
            code="bad_zip",
        ) from exc
    except (zipfile.BadZipFile, OSError, EOFError, SyntaxError, ValueError) as exc:
        raise IngestError(
            f"The image {member.filename!r} in the zip is damaged or the zip is truncated.",
            code="bad_zip",
        ) from exc


def _safe_name(raw: str) -> str:
    name = raw.replace("\\", "/")
    parts = name.split("/")
    if (
        "\x00" in name
        or name.startswith("/")
        or re.match(r"^[A-Za-z]:", name)
        or any(part == ".." for part in parts)
    ):
        raise IngestError(
            f"The zip holds a file with an unsafe name ({raw!r}): names must be relative and "
            "stay inside the archive.",
            code="zip_unsafe_name",
        )
    return name


def _is_ignored(name: str) -> bool:
    parts = [part for part in name.split("/") if part]
    if not parts:
        return True
    if parts[0] == "__MACOSX":
        return True
    basename = parts[-1]
    return basename.lower() in IGNORED_BASENAMES or basename.startswith("._")


def _not_image(name: str) -> IngestError:
    return IngestError(
        f"The zip holds a file that is not a JPEG or PNG image ({name!r}). A zip of frames must "
        "hold only the frame images.",
        code="zip_not_image",
    )


def _damaged_zip() -> IngestError:
    return IngestError(
        "The zip file is damaged or incomplete and cannot be opened. Create it again and re-upload it.",
        code="bad_zip",
    )
