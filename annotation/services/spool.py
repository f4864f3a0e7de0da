"""Local scratch space of exports and imports: zips are built, and uploads unpacked, in a local
folder before they reach (or after they leave) Django storage."""

from __future__ import annotations

from django.conf import settings


def spool_directory() -> str | None:
    """Local folder for temporary export and import files (MASKLET["EXPORT_SPOOL_DIR"], else
    None: the system's temporary folder)."""
    value = settings.MASKLET.get("EXPORT_SPOOL_DIR")
    return str(value) if value else None
