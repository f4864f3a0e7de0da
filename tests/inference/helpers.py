"""Helpers of the worker tests: the API flow (masklets, clicks, jobs) and realtime events."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import redis.exceptions
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from rest_framework.test import APIClient

from annotation.models import FrameMask
from annotation.realtime.events import check_event
from annotation.realtime.publish import video_group

FINISHED = {"succeeded", "failed", "cancelled"}


def new_masklet(client: APIClient, video_id: int, name: str = "object") -> int:
    response = client.post(f"/api/videos/{video_id}/masklets/", {"name": name}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["id"]


def click(client: APIClient, masklet_id: int, frame: int, **body: Any) -> dict[str, Any]:
    response = client.post(f"/api/masklets/{masklet_id}/prompts/", {"frame": frame, **body}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def start_propagation(client: APIClient, video_id: int, **body: Any) -> int:
    response = client.post(f"/api/videos/{video_id}/propagations/", body, format="json")
    assert response.status_code == 202, response.content
    return response.json()["job"]


def job(client: APIClient, job_id: int) -> dict[str, Any]:
    response = client.get(f"/api/jobs/{job_id}/")
    assert response.status_code == 200, response.content
    return response.json()


def wait_job(client: APIClient, job_id: int, timeout: float = 180, until: Any = None) -> dict[str, Any]:
    """Poll the job through the API until it finishes (or `until(job)` holds)."""
    deadline = time.monotonic() + timeout
    while True:
        state = job(client, job_id)
        if (until is not None and until(state)) or (until is None and state["status"] in FINISHED):
            return state
        assert time.monotonic() < deadline, f"job {job_id} still {state['status']} after {timeout} s: {state}"
        time.sleep(0.1)


def masks_by_frame(masklet_id: int) -> dict[int, FrameMask]:
    return {m.frame: m for m in FrameMask.objects.filter(masklet_id=masklet_id)}


class EventListener:
    """Joins a video's realtime group on the real Redis channel layer, as a browser's socket does,
    and receives in a thread from the start (messages wait at most a minute in Redis)."""

    def __init__(self, video_id: int) -> None:
        self.layer = get_channel_layer()
        self.events: list[dict[str, Any]] = []
        self._ready = threading.Event()
        self._thread = threading.Thread(target=asyncio.run, args=(self._receive(video_id),), daemon=True)
        self._thread.start()
        assert self._ready.wait(10), "could not join the video's group"

    async def _receive(self, video_id: int) -> None:
        self.channel = await self.layer.new_channel()
        await self.layer.group_add(video_group(video_id), self.channel)
        self._ready.set()
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except redis.exceptions.TimeoutError:
                # redis-py 8 reads with a 5 s socket timeout, channels_redis blocks 5 s per poll;
                # the message waits in the channel's backup queue, so polling again loses nothing.
                continue
            if message.get("type") == "listener.stop":
                return
            self.events.append(message["event"])

    def drain(self, quiet: float = 1.5) -> list[dict[str, Any]]:
        """Every event received (after `quiet` seconds for stragglers), each checked against its
        typed schema; the listener stops."""
        time.sleep(quiet)
        async_to_sync(self.layer.send)(self.channel, {"type": "listener.stop"})
        self._thread.join(10)
        for event in self.events:
            check_event(event)
        return self.events
