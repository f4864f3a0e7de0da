"""Interactive segmentation: log the prompt, let the interactive worker answer, return its mask."""

from __future__ import annotations

from typing import Any

from celery import current_app
from celery.exceptions import TimeoutError as CeleryTimeout
from django.conf import settings
from django.db import connection

from annotation.jobs.routing import model_route, route_workers
from annotation.jobs.workers import click_queue, video_worker_forget
from annotation.models import Masklet
from annotation.selectors.projects import project_settings
from annotation.services.errors import InvalidInput, Unavailable, VideoNotReady
from annotation.services.prompts import prompt_record, prompt_withdraw


class PromptFailed(InvalidInput):
    pass


def masklet_prompt(
    *,
    masklet: Masklet,
    user: Any,
    frame: int,
    points: list[list[float]] | None = None,
    labels: list[int] | None = None,
    box: list[float] | None = None,
    reset: bool = False,
    role: str | None = None,
) -> dict[str, Any]:
    """Segment `masklet` on `frame` from all clicks there since the last reset (pixels), with the
    model of `role` (None: the project's default role; annotation/jobs/routing.py).

    The prompt is committed first so the worker reads it; a worker on the `interactive` queue
    stores the mask (source "prompt") and answers `{"frame", "rle", "score", "backend", "mask"}`.
    The click goes to the worker that answered the video's last click while it is alive (it holds
    the video's warm session: annotation/jobs/workers.py), else to the shared queue.
    A click no worker answered is withdrawn, so it does not weigh on the next one; with no live
    worker on the queue (annotation/jobs/workers.py) it is withdrawn and refused at once.

    While the worker works, the request's database connection goes back to the process's pool
    (the next query takes one again): a click waits up to INTERACTIVE_TIMEOUT seconds, and a
    pool held by waiting clicks would make every other request and websocket of the process
    queue behind them. Inside a transaction (a caller's atomic block) the connection stays.
    """
    if not masklet.video.is_ready:
        raise VideoNotReady()
    route = model_route(role=role, default_role=project_settings(masklet.video.project).models.default_role)
    prompt = prompt_record(masklet=masklet, frame=frame, user=user, points=points, labels=labels, box=box, reset=reset)
    try:
        live = route_workers(route, "interactive")
    except Unavailable:
        prompt_withdraw(prompt_id=prompt.pk, unanswered_only=True)
        raise
    if not live:
        prompt_withdraw(prompt_id=prompt.pk, unanswered_only=True)
        raise Unavailable(
            "no inference worker serves clicks right now: ask your administrator to start one on the interactive queue"
        )
    video_id = masklet.video_id
    queue = click_queue(video_id=video_id, live=live, model=route.model)
    result = current_app.send_task(
        "inference.tasks.segment_prompt", args=[prompt.pk], kwargs={"model": route.model}, queue=queue
    )
    if not connection.in_atomic_block:
        connection.close()
    try:
        answer = result.get(timeout=settings.MASKLET["INTERACTIVE_TIMEOUT"], propagate=False)
    except CeleryTimeout:
        result.revoke()
        video_worker_forget(video_id=video_id, model=route.model)  # the next click tries whichever worker is free
        prompt_withdraw(prompt_id=prompt.pk, unanswered_only=True)
        raise Unavailable(
            "no inference worker answered in time: ask your administrator to start one on the interactive queue"
        ) from None
    failed = result.failed()
    result.forget()
    if failed or not isinstance(answer, dict):
        prompt_withdraw(prompt_id=prompt.pk, unanswered_only=True)
        raise Unavailable("the inference worker failed on this click; try again")
    if "error" in answer:
        raise PromptFailed(answer["error"])
    return answer
