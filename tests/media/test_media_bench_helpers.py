"""The benchmark helpers stay usable: the looped clip decodes to repeat x the source frames."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np

from benchmarks.ingest_decode import DirectoryStore, make_long_clip, measure_ingest
from tests.data_paths import BEDROOM_MP4


def test_long_clip_loops_the_source(tmp_path: Path) -> None:
    clip = make_long_clip(2, cache_dir=tmp_path)
    assert make_long_clip(2, cache_dir=tmp_path) == clip  # cached
    with av.open(str(clip)) as container:
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]
    assert len(frames) == 400
    assert np.array_equal(frames[0], frames[200]) and np.array_equal(frames[199], frames[399])


def test_measure_ingest_into_a_directory(tmp_path: Path) -> None:
    figures = measure_ingest(BEDROOM_MP4, annotation_fps=5, out_dir=tmp_path)
    assert figures["annotated_frames"] == 34 and figures["source_frames"] == 200
    assert figures["peak_rss_mb"] >= figures["rss_before_mb"] > 0
    assert (tmp_path / "frames" / "000033.jpg").is_file() and (tmp_path / "thumbnail.jpg").is_file()
    store = DirectoryStore(tmp_path / "other")
    store("a/b.jpg", b"xyz")
    assert (tmp_path / "other" / "a" / "b.jpg").read_bytes() == b"xyz" and store.bytes_written == 3
