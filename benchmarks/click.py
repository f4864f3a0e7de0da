"""Click latency through the API: the first click on a frame against later clicks on it.

`.venv/bin/python benchmarks/click.py [--image-size 1024] [--frames 5] [--later 4]`

The platform as deployed: uvicorn serving the ASGI app, a Celery worker on the `interactive`
queue with SAM 2.1 tiny (random weights, official checkpoint layout) at the given input size,
PostgreSQL and Redis. Each click is an HTTP `POST /api/masklets/{id}/prompts/` timed from
request to answer (the mask stored, its RLE in the answer). A first click on a frame runs the
image encoder; later clicks on the same frame reuse its cached features, so only the prompt
encoder and mask decoder run. One warm-up click on another frame is made first and reported
apart (the process's first inference). The last line is one JSON object; `ratio` = median
later-click latency / median first-click latency (goal <= 0.1).
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent

if __name__ == "click":
    # A script in benchmarks/ runs with this folder first on sys.path, so `import click` (Celery
    # imports it) finds this file: hand the import over to the real click package.
    import importlib.machinery
    import importlib.util

    _spec = importlib.machinery.PathFinder.find_spec(
        "click", [p for p in sys.path if Path(p or ".").resolve() != _HERE]
    )
    if _spec is None or _spec.loader is None:
        raise ImportError("the click package is not installed")
    _click = importlib.util.module_from_spec(_spec)
    sys.modules["click"] = _click
    _spec.loader.exec_module(_click)

import json  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from typing import Any  # noqa: E402


def post(url: str, token: str, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Token {token}"},
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        answer = json.loads(response.read())
    return time.perf_counter() - started, answer


def main() -> None:
    import argparse

    # The repository root replaces this folder on sys.path (see the top of the file).
    sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]
    from benchmarks.common import Platform, load_average, summary

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--image-size", type=int, default=1024, help="SAM 2 input size (1024: the model's own)")
    parser.add_argument("--frames", type=int, default=5, help="frames clicked (each: one first click)")
    parser.add_argument("--later", type=int, default=4, help="later clicks per frame")
    args = parser.parse_args()
    load_at_start = load_average()

    with Platform("click", image_size=args.image_size) as platform:
        from annotation.services.accounts import token_create

        user, video = platform.bedroom_video(args.frames + 1)
        token = token_create(user=user)[1]
        platform.start_worker("interactive", name="interactive")
        base = platform.start_server()
        from annotation.services.masklets import masklet_create

        masklet = masklet_create(video=video, user=user)
        url = f"{base}/api/masklets/{masklet.pk}/prompts/"
        # Points on the bedroom frames (960x540): the child, the bed, the floor, the wall.
        positives = [[460, 200], [300, 400], [700, 450], [150, 100]]

        warm_seconds, warm = post(url, token, {"frame": args.frames, "points": [positives[0]], "labels": [1]})
        assert warm["image_features"] == "computed", warm
        first: list[float] = []
        later: list[float] = []
        for frame in range(args.frames):
            seconds, answer = post(url, token, {"frame": frame, "points": [positives[0]], "labels": [1]})
            assert answer["image_features"] == "computed" and answer["mask"]["version"] == 1, answer
            first.append(seconds)
            for i in range(args.later):
                label = i % 2  # alternate background and object clicks
                point = positives[(i + 1) % len(positives)]
                seconds, answer = post(url, token, {"frame": frame, "points": [point], "labels": [label]})
                assert answer["image_features"] == "cached" and answer["mask"]["version"] == i + 2, answer
                later.append(seconds)
            print(f"frame {frame}: first {first[-1] * 1000:.0f} ms, later "
                  f"{', '.join(f'{s * 1000:.0f}' for s in later[-args.later:])} ms", file=sys.stderr, flush=True)

    first_s, later_s = summary(first), summary(later)
    result = {
        "benchmark": "click",
        "model": "SAM 2.1 hiera-tiny, random weights, official checkpoint layout",
        "image_size": args.image_size,
        "video": f"bedroom {video.width}x{video.height}",
        "torch_threads": 2,
        "path": "HTTP POST /api/masklets/{id}/prompts/ -> uvicorn ASGI -> Celery interactive worker -> PostgreSQL -> answer",
        "warmup_click_s": round(warm_seconds, 4),
        "first_click_s": first_s,
        "later_click_s": later_s,
        "clicks": {"first": len(first), "later": len(later)},
        "load_average": {"start": load_at_start, "end": load_average(), "cpus": os.cpu_count()},
        "goal": "ratio <= 0.1",
        "ratio": round(later_s["median"] / first_s["median"], 4),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
