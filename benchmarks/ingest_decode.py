"""Helpers to benchmark media ingest: a long synthetic clip and measured runs in subprocesses.

Reusable pieces (no Django):

* ``make_long_clip(repeat)``: bedroom.mp4 looped ``repeat`` times (200 * repeat frames), made by
  remuxing its H.264 packets with shifted timestamps (no re-encoding, so it takes well under a
  second), cached by content hash;
* ``DirectoryStore(root)``: a ``store`` callable writing files under a local directory;
* ``measure_ingest(source, ...)``: one ingest in this process, with wall time and peak RSS;
* ``measure_in_subprocess(source, ...)``: the same in a fresh interpreter, so each peak RSS is
  that run's alone (``ru_maxrss`` only ever grows within a process);
* ``run_decode_benchmark(repeat)``: bedroom and the long clip, with the RSS ratio.

Command line (prints one JSON object as its last line)::

    python benchmarks/ingest_decode.py                # the full decode benchmark
    python benchmarks/ingest_decode.py measure PATH [--annotation-fps F]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BEDROOM_MP4 = REPO / "demo" / "bedroom.mp4"  # the demo clip (demo/README.md)
DEFAULT_CACHE = Path(
    os.environ.get("MASKLET_BENCH_CACHE", Path(tempfile.gettempdir()) / "masklet-bench")
)


def make_long_clip(
    repeat: int = 10, *, source: Path = BEDROOM_MP4, cache_dir: Path = DEFAULT_CACHE
) -> Path:
    """An MP4 playing ``source`` ``repeat`` times in a row; cached under ``cache_dir``.

    The video packets are copied ``repeat`` times with timestamps shifted by the source's
    duration each loop, so the clip decodes to ``repeat`` x the source frames at the same rate.
    """
    import av

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = cache_dir / f"{source.stem}-x{repeat}-{digest}.mp4"
    if target.exists():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial.mp4")
    with av.open(str(source)) as reader, av.open(str(partial), "w", format="mp4") as writer:
        in_stream = reader.streams.video[0]
        out_stream = writer.add_stream_from_template(in_stream)
        packets = [packet for packet in reader.demux(in_stream) if packet.size]
        loop_ticks = in_stream.duration or (
            max(p.pts for p in packets if p.pts is not None) + (packets[-1].duration or 0)
        )
        for loop in range(repeat):
            shift = loop * loop_ticks
            for packet in packets:
                if packet.pts is not None:
                    packet.pts += shift if loop else 0
                if packet.dts is not None:
                    packet.dts += shift if loop else 0
                packet.stream = out_stream
                writer.mux(packet)
                # Undo the shift so the same packet objects can be reused next loop.
                if loop:
                    if packet.pts is not None:
                        packet.pts -= shift
                    if packet.dts is not None:
                        packet.dts -= shift
    partial.replace(target)
    return target


class DirectoryStore:
    """``store(name, data)`` writing ``root/name`` (creating folders); counts bytes written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bytes_written = 0
        self.files = 0

    def __call__(self, name: str, data: bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.bytes_written += len(data)
        self.files += 1


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB (Linux reports ru_maxrss in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def current_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1024 / 1024


def measure_ingest(
    source: Path, *, annotation_fps: float | None = None, out_dir: Path | None = None
) -> dict[str, Any]:
    """Ingest ``source`` into a local directory in this process; wall time and RSS figures.

    ``rss_before_mb`` is measured after the imports (numpy, PyAV, OpenCV, Pillow), so
    ``peak_rss_mb - rss_before_mb`` is what ingest itself added.
    """
    sys.path.insert(0, str(REPO))
    from annotation.media import ingest

    rss_before = current_rss_mb()
    own_dir = out_dir is None
    root = Path(tempfile.mkdtemp(prefix="masklet-ingest-")) if out_dir is None else out_dir
    try:
        store = DirectoryStore(root)
        started = time.perf_counter()
        result = ingest(source, annotation_fps=annotation_fps, store=store)
        seconds = time.perf_counter() - started
    finally:
        if own_dir:
            shutil.rmtree(root, ignore_errors=True)
    return {
        "source": str(source),
        "annotation_fps": annotation_fps,
        "source_frames": result.source_frame_count,
        "annotated_frames": result.annotated_frame_count,
        "seconds": round(seconds, 3),
        "fps": round(result.annotated_frame_count / seconds, 1),
        "source_fps_decoded": round(result.source_frame_count / seconds, 1),
        "bytes_stored": store.bytes_written,
        "files_stored": store.files,
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def measure_in_subprocess(source: Path, *, annotation_fps: float | None = None) -> dict[str, Any]:
    """``measure_ingest`` in a fresh Python process (separate peak RSS); returns its JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "measure", str(source)]
    if annotation_fps:
        command += ["--annotation-fps", str(annotation_fps)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def run_decode_benchmark(
    repeat: int = 10, *, annotation_fps: float | None = None
) -> dict[str, Any]:
    """Bedroom and bedroom x ``repeat``, each ingested in its own process."""
    long_clip = make_long_clip(repeat)
    short = measure_in_subprocess(BEDROOM_MP4, annotation_fps=annotation_fps)
    long = measure_in_subprocess(long_clip, annotation_fps=annotation_fps)
    return {
        "fps": short["fps"],
        "fps_long": long["fps"],
        "peak_rss_short_mb": short["peak_rss_mb"],
        "peak_rss_long_mb": long["peak_rss_mb"],
        "ratio": round(long["peak_rss_mb"] / short["peak_rss_mb"], 3),
        "repeat": repeat,
        "short": short,
        "long": long,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    measure = sub.add_parser("measure", help="ingest one file in this process")
    measure.add_argument("source", type=Path)
    measure.add_argument("--annotation-fps", type=float, default=None)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args(argv)
    if args.command == "measure":
        figures = measure_ingest(args.source, annotation_fps=args.annotation_fps)
    else:
        figures = run_decode_benchmark(args.repeat)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
