"""The websocket asks the same policy as the API (annotation/permissions.py): members of the
video's project are admitted, outsiders are closed with 4403 and those without valid credentials
with 4401 (the matrix of the HTTP endpoints is
tests/platform/test_permissions.py)."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync

from config.asgi import application
from tests.platform.conftest import ROLES, World
from tests.platform.wsclient import WebsocketClient

pytestmark = pytest.mark.django_db


def _ws_connect(token: str | None, video_id: int) -> tuple[bool, int | None]:
    async def run() -> tuple[bool, int | None]:
        headers = [(b"authorization", f"Token {token}".encode())] if token else []
        communicator = WebsocketClient(application, f"/ws/videos/{video_id}/", headers=headers)
        connected, code = await communicator.connect()
        await communicator.disconnect()
        return connected, code

    return async_to_sync(run)()


@pytest.mark.parametrize("role", ROLES)
def test_websocket_admits_members_only(world: World, role: str) -> None:
    from tests.factories import token_for

    connected, code = _ws_connect(token_for(getattr(world.team, role)), world.team.video.pk)
    if role == "outsider":
        assert (connected, code) == (False, 4403)
    else:
        assert connected, code


def test_websocket_refuses_anonymous_and_unknown_video(world: World) -> None:
    from tests.factories import token_for

    assert _ws_connect(None, world.team.video.pk) == (False, 4401)
    assert _ws_connect(token_for(world.team.manager), world.team.video.pk + 10_000) == (False, 4403)
    assert _ws_connect("not-a-token", world.team.video.pk) == (False, 4401)
