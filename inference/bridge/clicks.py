"""Clicks: the mask of a masklet on one frame from every click in force there, as sam2's own video
predictor answers it (with the masklet's memory on a tracked frame), stored and returned to the
interactive queue's caller."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import maskcodec as rle_utils
from annotation.jobs.workers import video_worker_claim
from annotation.models import Prompt
from annotation.selectors.masklets import prompts_in_force
from annotation.services.masklets import mask_payload
from annotation.services.prompts import prompt_answer_store, prompt_withdraw
from inference.bridge.engine import (
    backend,
    model_name,
    postprocess_params,
    provenance,
    provenance_id,
)
from inference.bridge.sessions import (
    MaskletState,
    WarmVideo,
    rebuild_for_click,
    stored_versions,
    video_sessions,
)
from inference.engine.base import EngineError, MaskResult, Session
from inference.engine.postprocess import postprocess_mask

log = logging.getLogger(__name__)


@dataclass
class Click:
    """A click's answer: the raw mask, whether image features were "cached" or "computed" (None
    for a backend without an image encoder) and whether the masklet's state was rebuilt."""

    result: MaskResult
    features: str | None
    rebuilt: bool = False  # the masklet's state was rebuilt from the database for this click


def segment_frame(
    *,
    warm: WarmVideo,
    object_id: int,
    frame: int,
    points: list[list[float]] | None,
    labels: list[int] | None,
    box: list[float] | None,
    reset: bool,
) -> Click:
    """The mask of one object on one frame from every click in force there (pixels), as sam2's
    own video predictor answers it (call under the warm video's lock, see `answer_prompt`).

    The clicks go to the process's warm session of the video (`sessions.video_sessions`). When
    it holds the masklet as stored, they are added to that state: on a frame the masklet was
    tracked on, the answer uses its memory of the tracked frames (sam2's correction). Otherwise
    the masklet's state is rebuilt from the database first (`sessions.rebuild_for_click`). A
    prompt that starts over forgets the earlier clicks on the frame (sam2's
    clear_all_prompts_in_frame).
    """
    session = warm.session
    encoder_runs = _encoder_runs(session)
    rebuilt = False
    try:
        versions = stored_versions(object_id)
        if object_id not in warm.masklets and not versions:
            warm.masklets[object_id] = MaskletState()  # a new masklet: sam2's history starts here
        complete = getattr(session, "memory_complete", None)
        if not warm.in_sync(object_id, versions) or (
            complete is not None and not complete(object_id, frame)  # its spill budget ran out
        ):
            rebuild_for_click(warm, masklet_id=object_id, frame=frame, reset=reset, versions=versions)
            rebuilt = True
        elif reset:
            clear_frame = getattr(session, "clear_frame", None)
            if clear_frame is not None:
                clear_frame(object_id, frame)
        result = session.add_points(object_id, frame, points or None, labels or None, box, clear_old=True)
    except BaseException:
        warm.forget(object_id)
        raise
    after = _encoder_runs(session)
    features = None if after is None else ("computed" if after > (encoder_runs or 0) else "cached")
    return Click(result=result, features=features, rebuilt=rebuilt)


def _encoder_runs(session: Session) -> int | None:
    counters = getattr(session, "counters", None)
    return None if counters is None else int(counters.get("encoder_runs", 0))


def answer_prompt(*, prompt_id: int, worker: str | None = None, model: str | None = None) -> dict[str, Any]:
    """Segment a prompt's masklet on its frame from the clicks in force there; store and return it.

    Answers `{"frame", "rle", "score", "backend", "image_features", "mask"}` or `{"error"}`. A
    click on a frame the masklet was tracked on is a correction answered with the masklet's
    memory (see `segment_frame`). An engine error withdraws the prompt, so a click the model
    cannot use does not stay in force. `worker` (the Celery worker's name) claims the video, so
    its next clicks come to this process, which holds its warm session (its next clicks routed
    to `model`, when a role chose one). The answer names the model that answered (`model`).
    """
    prompt = Prompt.objects.select_related("masklet__video__project", "user").filter(pk=prompt_id).first()
    if prompt is None:
        return {"error": "the prompt no longer exists (the masklet was deleted?)"}
    masklet = prompt.masklet
    video = masklet.video
    started = time.perf_counter()
    points, labels, box = prompts_in_force(masklet=masklet, frame=prompt.frame)
    warm = video_sessions.get(video)
    with warm.lock:
        loaded = time.perf_counter()
        try:
            answer = segment_frame(
                warm=warm, object_id=masklet.pk, frame=prompt.frame, points=points, labels=labels, box=box,
                reset=prompt.reset,
            )
        except EngineError as error:
            prompt_withdraw(prompt_id=prompt.pk)
            return {"error": str(error)}
        segmented = time.perf_counter()
        try:
            mask = postprocess_mask(answer.result.mask, postprocess_params(video))
            rle = rle_utils.encode(mask)
            score = round(float(answer.result.score), 4)
            encoded = time.perf_counter()
            produced_with = provenance()
            produced_by = provenance_id(produced_with)
            stored = prompt_answer_store(prompt=prompt, rle=rle, score=score, provenance_id=produced_by)
        except BaseException:
            warm.forget(masklet.pk)
            raise
        if stored is None:
            warm.forget(masklet.pk)
            return {"error": "the masklet was deleted"}
        warm.masklets[masklet.pk].versions[prompt.frame] = stored.version
    if worker and backend().name != "opencv":
        # A model's warm session is worth routing the video's next clicks here. The OpenCV backend
        # keeps no memory between clicks: its clicks go to whichever interactive worker is free,
        # so a team on one video spreads over every interactive worker.
        video_worker_claim(video_id=video.pk, worker=worker, model=model)
    log.info(
        "click on masklet %s frame %s (%s state): read %.3f s, model %.3f s (features %s), post-process %.3f s, "
        "store %.3f s", masklet.pk, prompt.frame, "rebuilt" if answer.rebuilt else "warm",
        loaded - started, segmented - loaded, answer.features, encoded - segmented,
        time.perf_counter() - encoded,
    )
    return {
        "frame": prompt.frame,
        "rle": rle,
        "score": score,
        "backend": backend().name,
        "model": model_name(backend().name),
        "provenance": {**produced_with, "id": produced_by},
        "image_features": answer.features,
        "mask": mask_payload(stored),
    }
