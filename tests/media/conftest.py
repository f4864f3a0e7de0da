"""Fixtures for the media tests (pure pytest: no Django, no database)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

# The helpers module sits next to this file; make it importable whatever pytest's import mode.
sys.path.insert(0, str(Path(__file__).parent))

from media_helpers import DictStore, write_video  # noqa: E402

from tests.data_paths import BEDROOM_FRAMES  # noqa: E402


@pytest.fixture
def store() -> DictStore:
    return DictStore()


@pytest.fixture(scope="session")
def bedroom_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bedroom JPEG folder zipped as ``bedroom/00000.jpg`` ... (one top-level folder)."""
    path = tmp_path_factory.mktemp("zips") / "bedroom.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("bedroom/"), b"")
        for jpeg in sorted(BEDROOM_FRAMES.glob("*.jpg")):
            archive.write(jpeg, f"bedroom/{jpeg.name}")
    return path


@pytest.fixture(scope="session")
def clip_24fps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 bar-code frames at 24 fps, H.264 in MP4."""
    return write_video(tmp_path_factory.mktemp("clips") / "clip24.mp4", 50, fps=24)
