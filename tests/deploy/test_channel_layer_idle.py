"""The Redis channel layer as the web process uses it: a websocket's channel waits idle for longer
than redis-py 8's default 5 s socket timeout without the layer dying (django/channels_redis#422),
and a process that lags behind a burst of events loses none of them (settings.CHANNEL_CAPACITY)."""

from __future__ import annotations

import asyncio
import time

from channels.layers import get_channel_layer
from django.conf import settings


def test_channel_layer_survives_an_idle_wait_past_five_seconds() -> None:
    async def scenario() -> tuple[float, dict]:
        layer = get_channel_layer()
        channel = await layer.new_channel()

        async def send_later() -> None:
            await asyncio.sleep(6.5)
            await layer.send(channel, {"type": "event.forward", "event": {"n": 1}})

        sender = asyncio.create_task(send_later())
        started = time.monotonic()
        message = await asyncio.wait_for(layer.receive(channel), timeout=30)
        await sender
        return time.monotonic() - started, message

    waited, message = asyncio.run(scenario())
    assert message == {"type": "event.forward", "event": {"n": 1}}
    assert waited >= 6


def test_a_lagging_process_loses_no_event_of_a_burst() -> None:
    """Every socket of one process shares one Redis list: channels-redis drops an event for all of
    them once it holds `capacity` events. A burst of 600 (a job storing masks while a team edits)
    waits for a process that reads nothing meanwhile, and every socket then gets all of it."""
    burst = 600
    assert settings.CHANNEL_LAYERS["default"]["CONFIG"]["capacity"] > burst

    async def scenario() -> list[list[int]]:
        layer = get_channel_layer()
        group = f"capacity-test-{time.monotonic_ns()}"
        channels = [await layer.new_channel() for _ in range(3)]
        for channel in channels:
            await layer.group_add(group, channel)
        for n in range(burst):
            await layer.group_send(group, {"type": "event.forward", "event": {"n": n}})
        received = []
        for channel in channels:
            messages = [await asyncio.wait_for(layer.receive(channel), timeout=10) for _ in range(burst)]
            received.append([m["event"]["n"] for m in messages])
            await layer.group_discard(group, channel)
        return received

    for numbers in asyncio.run(scenario()):
        assert numbers == list(range(burst))
