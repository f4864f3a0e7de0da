"""The websocket holds a one-time password's holder to the API's rule: refused until it is changed,
whether they come with a token or with the browser's session cookie."""

from __future__ import annotations

import pytest
from django.test import Client

from annotation.models import Account
from annotation.services import accounts as account_services
from config.asgi import application
from tests.factories import make_team, token_for
from tests.platform.test_realtime import Socket, _socket, run

pytestmark = pytest.mark.django_db


def _with_token(video_id: int, token: str) -> Socket:
    return Socket(application, f"/ws/videos/{video_id}/", headers=[(b"authorization", f"Token {token}".encode())])


def _answer(socket: Socket) -> tuple[bool, int | None]:
    async def scenario() -> tuple[bool, int | None]:
        answer = await socket.connect()
        if answer[0]:
            await socket.disconnect()
        return answer

    return run(scenario)


def _session_cookie(user: object) -> str:
    browser = Client()
    browser.force_login(user)
    return f"sessionid={browser.cookies['sessionid'].value}"


def test_a_one_time_password_holder_gets_no_socket_until_changed() -> None:
    team = make_team("gate-")
    user, _ = account_services.account_create(created_by=team.manager, username="gate-temp", project=team.project, role="annotator")
    token = token_for(user)
    assert _answer(_socket(team.video.pk, cookie=_session_cookie(user))) == (False, 4403)
    assert _answer(_with_token(team.video.pk, token)) == (False, 4401)

    account_services.password_change(user=user, new_password="orchid-lantern-42")
    assert not Account.objects.get(user=user).password_change_required
    assert _answer(_socket(team.video.pk, cookie=_session_cookie(user))) == (True, None)
    # The token made with the one-time password was revoked by the change; a new one connects.
    assert _answer(_with_token(team.video.pk, token)) == (False, 4401)
    assert _answer(_with_token(team.video.pk, token_for(user))) == (True, None)
