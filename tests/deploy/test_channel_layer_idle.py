"""A websocket's channel waits idle for longer than redis-py 8's default 5 s socket timeout
without the channel layer dying (django/channels_redis#422)."""

from __future__ import annotations

import asyncio
import time

from channels.layers import get_channel_layer


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
