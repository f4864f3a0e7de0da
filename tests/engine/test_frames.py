from __future__ import annotations

import numpy as np
import pytest

from inference.engine import ArrayFrameSource, CallableFrameSource, EngineError, FolderFrameSource
from inference.engine.frames import write_frame_folder


def test_folder_frame_source_reads_frames_lazily_in_numeric_order(tmp_path):
    frames = [np.full((12, 16, 3), 20 * i, np.uint8) for i in range(11)]
    write_frame_folder(frames, tmp_path)
    (tmp_path / "notes.txt").write_text("ignored")
    source = FolderFrameSource(tmp_path)
    assert len(source) == 11 and (source.height, source.width) == (12, 16)
    assert [p.name for p in source.files][:3] == ["00000.jpg", "00001.jpg", "00002.jpg"]
    assert abs(int(source.read(10).mean()) - 200) <= 2
    assert source.read(3).dtype == np.uint8 and source.read(3).shape == (12, 16, 3)
    assert source.cache_key and str(tmp_path.resolve()) in source.cache_key


def test_folder_frame_source_errors(tmp_path):
    with pytest.raises(EngineError, match="does not exist"):
        FolderFrameSource(tmp_path / "missing")
    with pytest.raises(EngineError, match="no JPEG"):
        FolderFrameSource(tmp_path)


def test_array_and_callable_sources():
    array = np.zeros((3, 8, 10, 3), np.uint8)
    source = ArrayFrameSource(array)
    assert len(source) == 3 and (source.height, source.width) == (8, 10)
    calls = []
    lazy = CallableFrameSource(
        5, 8, 10, lambda i: calls.append(i) or np.zeros((8, 10, 3), np.uint8)
    )
    assert calls == [] and lazy.read(4).shape == (8, 10, 3) and calls == [4]
    with pytest.raises(IndexError):
        lazy.read(5)
