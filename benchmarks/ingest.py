"""Ingest benchmark (standalone version): the media pipeline end to end, in subprocesses.

Ingests bedroom.mp4 (200 frames, 960x540) and the same clip looped 10 times (2000 frames) into a
local directory, each in a fresh Python process, and prints one JSON object as its last line:

    {"fps": ..., "peak_rss_short_mb": ..., "peak_rss_long_mb": ..., "ratio": ..., ...}

``fps`` is annotated frames decoded, encoded and stored per second on bedroom; ``ratio`` is the
long clip's peak RSS over bedroom's (goal <= 1.25: memory must not grow with video length).
This version calls ``annotation.media.ingest`` directly; the worker version goes through Celery.

    python benchmarks/ingest.py [--repeat 10] [--annotation-fps 6]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.ingest_decode import run_decode_benchmark  # noqa: E402

RSS_RATIO_GOAL = 1.25


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Media ingest benchmark (standalone).")
    parser.add_argument("--repeat", type=int, default=10, help="loops of bedroom in the long clip")
    parser.add_argument("--annotation-fps", type=float, default=None, help="default: every frame")
    args = parser.parse_args(argv)
    figures = run_decode_benchmark(args.repeat, annotation_fps=args.annotation_fps)
    figures["ratio_goal"] = RSS_RATIO_GOAL
    figures["ratio_ok"] = figures["ratio"] <= RSS_RATIO_GOAL
    for name in ("short", "long"):
        run = figures[name]
        print(
            f"{name:5s} {run['annotated_frames']:5d} frames in {run['seconds']:6.2f} s "
            f"({run['fps']:.1f} fps), peak RSS {run['peak_rss_mb']:.1f} MiB "
            f"(after imports {run['rss_before_mb']:.1f} MiB)",
            file=sys.stderr,
        )
    print(json.dumps(figures))
    return 0 if figures["ratio_ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
