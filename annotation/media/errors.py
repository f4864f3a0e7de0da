"""The one exception the media pipeline raises for input a user can fix."""

from __future__ import annotations

from collections.abc import Sequence


class IngestError(Exception):
    """The uploaded file cannot become a video: the message says why, in plain words.

    ``str(error)`` is safe to show to the user who uploaded the file (no paths, no traceback).
    ``code`` is a short machine-readable reason (see ``ERROR_CODES``) for API clients and tests.
    ``stored_names`` lists every file name handed to ``store`` before the failure (only non-empty
    when decoding failed part-way, e.g. a truncated file); the caller must delete them.
    """

    def __init__(self, message: str, *, code: str, stored_names: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.stored_names: tuple[str, ...] = tuple(stored_names)

    def with_stored_names(self, stored_names: Sequence[str]) -> IngestError:
        """Return a copy of this error that also names what was stored before it happened."""
        error = IngestError(self.message, code=self.code, stored_names=stored_names)
        error.__cause__ = self.__cause__
        return error


# Every ``IngestError.code`` the package can raise, with when it happens.
ERROR_CODES: dict[str, str] = {
    "file_missing": "the source path does not exist or is not a regular file",
    "file_empty": "the file has zero bytes",
    "file_too_large": "the file is bigger than IngestLimits.max_bytes",
    "not_media": "neither a zip nor a video container we accept (text, random bytes, a PDF...)",
    "single_image": "a single JPEG/PNG image rather than a video or a zip of frames",
    "unsupported_container": "a media container outside mp4/mov/webm/mkv/avi",
    "no_video_track": "the container has no video track (e.g. audio only)",
    "unsupported_codec": "no decoder for the video codec",
    "no_frames": "the video track holds no decodable frame",
    "truncated": "the file ends early (cut during upload or copy)",
    "decode_failed": "the video data is damaged past some frame",
    "too_wide": "width, height or pixel count above the limits",
    "too_long": "duration above IngestLimits.max_duration_s",
    "too_many_frames": "more annotated frames than IngestLimits.max_frames",
    "bad_zip": "the zip is damaged, encrypted or uses an unsupported compression",
    "zip_empty": "the zip holds no image",
    "zip_unsafe_name": "a member name is absolute or climbs out of the archive (../)",
    "zip_not_image": "a member is not a JPEG or PNG image",
    "zip_mixed_sizes": "images of different sizes",
    "zip_mixed_folders": "images spread over more than one folder",
    "zip_too_large": "too many members or too many bytes once unpacked",
}
