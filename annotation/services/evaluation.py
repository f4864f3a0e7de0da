"""J&F between two sets of masklets of one video, for comparing annotations.

Scores follow `annotation.evaluation.jf` (DAVIS definitions, x100). The frames of the video are
evaluated in order; a masklet without a mask on a frame is empty there. With the default protocol
"sav" (the official SA-V evaluator's), a pair is scored from the first frame where either masklet
has a mask, and a pair whose reference is empty on every frame is not scored (its numbers are
null); with "all-objects" every frame counts, an empty reference against an empty candidate
scoring 1.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from annotation.evaluation import jf
from annotation.models import FrameMask, Masklet, Video
from annotation.services.errors import InvalidInput

# Pairs one request may score (each decodes up to 2 x frame_count masks).
MAX_PAIRS = 50


def _masks_of(masklet_id: int) -> dict[int, Any]:
    """frame -> RLE of one masklet's non-empty masks (empty ones are left out: same as absent)."""
    rows = FrameMask.objects.filter(masklet_id=masklet_id, area__gt=0).values_list("frame", "rle")
    return {frame: rle for frame, rle in rows.iterator(chunk_size=500)}


def _pairs(
    reference: Sequence[int], candidate: Sequence[int], pairs: Sequence[Sequence[int]] | None
) -> list[tuple[int, int]]:
    if pairs:
        out = []
        for pair in pairs:
            if len(pair) != 2:
                raise InvalidInput("each pair must be [reference masklet id, candidate masklet id]")
            ref, cand = int(pair[0]), int(pair[1])
            if ref not in reference or cand not in candidate:
                raise InvalidInput(
                    f"pair [{ref}, {cand}] must join a reference masklet to a candidate masklet"
                )
            out.append((ref, cand))
        return out
    if len(reference) != len(candidate):
        raise InvalidInput(
            f"{len(reference)} reference and {len(candidate)} candidate masklets: give as many of each "
            "(paired in order) or list the pairs"
        )
    return list(zip(reference, candidate, strict=True))


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def evaluation_run(
    *,
    video: Video,
    reference: Sequence[int],
    candidate: Sequence[int],
    pairs: Sequence[Sequence[int]] | None = None,
    protocol: str = jf.SAV,
) -> dict[str, Any]:
    """J, F and J&F (x100) of each (reference, candidate) masklet pair over all annotated frames
    of the video, and their means. Pairs default to the two lists in order."""
    if protocol not in jf.PROTOCOLS:
        raise InvalidInput(f"protocol must be one of {', '.join(jf.PROTOCOLS)}")
    if not reference or not candidate:
        raise InvalidInput("give at least one reference and one candidate masklet")
    if len(set(reference)) != len(reference) or len(set(candidate)) != len(candidate):
        raise InvalidInput("a masklet is listed twice in the same set")
    chosen = _pairs(reference, candidate, pairs)
    if len(chosen) > MAX_PAIRS:
        raise InvalidInput(f"at most {MAX_PAIRS} pairs per evaluation")
    wanted = set(reference) | set(candidate)
    numbers = dict(Masklet.objects.filter(video=video, pk__in=wanted).values_list("pk", "number"))
    missing = sorted(wanted - set(numbers))
    if missing:
        raise InvalidInput(f"masklets {missing} are not in this video")
    if not video.frame_count:
        raise InvalidInput("the video has no annotated frames")
    frames = range(video.frame_count)
    scores = []
    for ref, cand in chosen:
        score = jf.score_object(
            _masks_of(ref),
            _masks_of(cand),
            frames,
            video=str(video.pk),
            object_id=f"{ref}-{cand}",
            protocol=protocol,
        )
        scores.append((ref, cand, score))
    summary = jf.summarize([s for _, _, s in scores if s is not None])
    return {
        "video": video.pk,
        "protocol": protocol,
        "frames": video.frame_count,
        "pairs": [
            {
                "reference": ref,
                "candidate": cand,
                "reference_number": numbers[ref],
                "candidate_number": numbers[cand],
                "j": _number(s.j) if s else None,
                "f": _number(s.f) if s else None,
                "jf": _number(s.jf) if s else None,
                "frames": s.frames if s else 0,
            }
            for ref, cand, s in scores
        ],
        "j": _number(summary.j),
        "f": _number(summary.f),
        "jf": _number(summary.jf),
    }
