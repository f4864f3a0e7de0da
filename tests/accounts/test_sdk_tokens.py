"""The SDK against the real server: `Authorization: Token <key>` works with the hashed tokens, and
logout revokes the token the client holds."""

from __future__ import annotations

from typing import Any

import pytest

from masklet_client import cli
from masklet_client.sdk import APIError, Client
from tests.factories import PASSWORD, make_user


def test_sdk_login_then_logout_revokes_its_token(transactional_db: Any, live_server_url: str) -> None:
    make_user("scripter")
    client = Client(live_server_url)
    key = client.login("scripter", PASSWORD)
    assert client.request("GET", "/api/auth/me/")["username"] == "scripter"
    tokens = client.request("GET", "/api/auth/tokens/")
    assert [t["current"] for t in tokens] == [True] and key.startswith(tokens[0]["prefix"])
    client.logout()
    with pytest.raises(APIError) as refused:
        Client(live_server_url, key).request("GET", "/api/auth/me/")
    assert refused.value.status == 401


def test_cli_logout_revokes_the_token(transactional_db: Any, live_server_url: str, capsys: Any) -> None:
    make_user("cli-user")
    key = Client(live_server_url).login("cli-user", PASSWORD)
    env = {"MASKLET_URL": live_server_url, "MASKLET_TOKEN": key}
    assert cli.main(["logout"], env) == 0
    assert capsys.readouterr().out == "token revoked\n"
    with pytest.raises(APIError) as refused:
        Client(live_server_url, key).request("GET", "/api/auth/me/")
    assert refused.value.status == 401
