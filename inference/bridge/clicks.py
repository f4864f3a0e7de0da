"""Clicks: the mask of a masklet on one frame from every click in force there, stored and
returned to the interactive queue's caller."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings

import maskcodec as rle_utils
from annotation.models import FrameMask, Prompt, Video
from annotation.selectors.masklets import prompts_in_force
from annotation.services.masklets import mask_payload
from annotation.services.prompts import prompt_answer_store, prompt_withdraw
from inference.bridge.engine import backend, postprocess_params, provenance, provenance_id
from inference.bridge.frames import StorageFrameSource
from inference.engine.base import EngineError, MaskResult, Session
from inference.engine.postprocess import postprocess_mask

log = logging.getLogger(__name__)


class ClickSessions:
    """Engine sessions kept between clicks on one masklet's frame: a cache, never the truth.

    The session that answered a click holds the model's own prediction on that frame, the best
    guide for the next click (SAM 2 refines its previous logits; one decoder run). It is reused
    only while the frame's stored mask is still the one it produced (same version): a brush
    edit, a propagation or a click answered by another worker make it stale, and the next click
    opens a new session guided by the stored mask instead. Least recently used sessions are
    closed beyond settings.MASKLET["INTERACTIVE_SESSIONS"].
    """

    def __init__(self) -> None:
        self._entries: OrderedDict[tuple[int, int], tuple[int, Session]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: tuple[int, int], version: int) -> Session | None:
        """The session that produced `version` of the mask at `key` (masklet, frame), if kept."""
        with self._lock:
            entry = self._entries.pop(key, None)
        if entry is None:
            return None
        if entry[0] != version:
            entry[1].close()
            return None
        return entry[1]

    def keep(self, key: tuple[int, int], version: int, session: Session) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self._entries[key] = (version, session)
            evicted = []
            while len(self._entries) > max(0, int(settings.MASKLET["INTERACTIVE_SESSIONS"])):
                evicted.append(self._entries.popitem(last=False)[1][1])
        for stale in ([old[1]] if old and old[1] is not session else []) + evicted:
            stale.close()

    def clear(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        for _, session in entries:
            session.close()


click_sessions = ClickSessions()


@dataclass
class Click:
    """A click's answer: the raw mask, whether image features were "cached" or "computed" (None
    for a backend without an image encoder), and the session to keep for the next click."""

    result: MaskResult
    features: str | None
    session: Session


def segment_frame(
    *,
    video: Video,
    object_id: int,
    frame: int,
    points: list[list[float]] | None,
    labels: list[int] | None,
    box: list[float] | None,
    current: tuple[int, np.ndarray] | None,
) -> Click:
    """The mask of one object on one frame from every click in force there (pixels).

    `current` is the (version, mask) stored on the frame, or None (none yet, or the click
    starts over). The session kept from the click that stored that version is reused; otherwise
    a new session is given the stored mask first, so the clicks refine what is there (a
    propagated, edited or clicked mask). Either way the frame's image features come from the
    backend's cache after the first click, so only the prompt encoder and mask decoder run.
    The caller keeps `Click.session` (see `click_sessions`) or closes it.
    """
    key = (object_id, frame)
    session = click_sessions.take(key, current[0]) if current is not None else None
    if current is None:
        click_sessions.take(key, -1)  # starting over: a kept session is stale
    fresh = session is None
    if session is None:
        session = backend().open_session(StorageFrameSource(video))
    try:
        encoder_runs = _encoder_runs(session)
        if fresh and current is not None:
            session.add_mask(object_id, frame, current[1])
        result = session.add_points(object_id, frame, points or None, labels or None, box, clear_old=True)
        after = _encoder_runs(session)
    except BaseException:
        session.close()
        raise
    features = None if after is None else ("computed" if after > (encoder_runs or 0) else "cached")
    return Click(result=result, features=features, session=session)


def _encoder_runs(session: Session) -> int | None:
    counters = getattr(session, "counters", None)
    return None if counters is None else int(counters.get("encoder_runs", 0))


def answer_prompt(*, prompt_id: int) -> dict[str, Any]:
    """Segment a prompt's masklet on its frame from the clicks in force there; store and return it.

    Answers `{"frame", "rle", "score", "backend", "image_features", "mask"}` or `{"error"}`. The
    masklet's current mask on the frame guides the clicks (a correction refines what is there)
    unless the prompt starts over (`reset`). An engine error withdraws the prompt, so a click the
    model cannot use does not stay in force.
    """
    prompt = Prompt.objects.select_related("masklet__video__project", "user").filter(pk=prompt_id).first()
    if prompt is None:
        return {"error": "the prompt no longer exists (the masklet was deleted?)"}
    masklet = prompt.masklet
    video = masklet.video
    started = time.perf_counter()
    points, labels, box = prompts_in_force(masklet=masklet, frame=prompt.frame)
    current = None
    if not prompt.reset:
        row = FrameMask.objects.filter(masklet=masklet, frame=prompt.frame).values_list("version", "rle").first()
        current = None if row is None else (row[0], rle_utils.decode(row[1]))
    loaded = time.perf_counter()
    try:
        answer = segment_frame(
            video=video, object_id=masklet.pk, frame=prompt.frame, points=points, labels=labels, box=box, current=current
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
        answer.session.close()
        raise
    if stored is None:
        answer.session.close()
        return {"error": "the masklet was deleted"}
    click_sessions.keep((masklet.pk, prompt.frame), stored.version, answer.session)
    log.info(
        "click on masklet %s frame %s: read %.3f s, model %.3f s (features %s), post-process %.3f s, store %.3f s",
        masklet.pk, prompt.frame, loaded - started, segmented - loaded, answer.features, encoded - segmented,
        time.perf_counter() - encoded,
    )
    return {
        "frame": prompt.frame,
        "rle": rle,
        "score": score,
        "backend": backend().name,
        "provenance": {**produced_with, "id": produced_by},
        "image_features": answer.features,
        "mask": mask_payload(stored),
    }
