"""Login throttling (django-axes): failures count per username and per client address, in the
database; a locked-out login answers 429 with Retry-After on both login endpoints, even with the
right password, until the lockout has passed."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from django.test import override_settings
from rest_framework.test import APIClient

from tests.conftest import Server, _subprocess_env
from tests.factories import PASSWORD, make_user

LIMIT = 3


def _token_login(username: str, password: str, address: str = "127.0.0.1") -> Any:
    return APIClient(REMOTE_ADDR=address).post("/api/auth/token", {"username": username, "password": password}, format="json")


def _session_login(username: str, password: str, address: str = "127.0.0.1") -> Any:
    browser = APIClient(REMOTE_ADDR=address)  # CSRF is not enforced by the test client
    return browser.post("/api/auth/login/", {"username": username, "password": password}, format="json")


def _assert_locked_out(response: Any) -> None:
    assert response.status_code == 429, response.content
    assert int(response["Retry-After"]) > 0
    assert set(response.json()) == {"detail"} and "try again in" in response.json()["detail"]


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_one_account_is_locked_whatever_the_address() -> None:
    make_user("ada")
    # Failures from three addresses, on both endpoints: the account's count reaches the limit.
    assert _token_login("ada", "wrong-1", "10.0.0.1").status_code == 400
    assert _session_login("ada", "wrong-2", "10.0.0.2").status_code == 400
    _assert_locked_out(_token_login("ada", "wrong-3", "10.0.0.3"))
    # Now even the right password, from a fresh address, on either endpoint, is refused.
    locked = _token_login("ada", PASSWORD, "10.0.0.4")
    _assert_locked_out(locked)
    assert int(locked["Retry-After"]) == 300
    _assert_locked_out(_session_login("ada", PASSWORD, "10.0.0.5"))
    # Another account from another address is not concerned.
    make_user("grace")
    assert _token_login("grace", PASSWORD, "10.0.0.6").status_code == 200


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_one_address_is_locked_whatever_the_account() -> None:
    for name in ("u1", "u2", "u3", "victim"):
        make_user(name)
    assert _session_login("u1", "wrong", "10.1.1.1").status_code == 400
    assert _token_login("u2", "wrong", "10.1.1.1").status_code == 400
    _assert_locked_out(_token_login("u3", "wrong", "10.1.1.1"))
    # That address is locked out for every account, the right password included...
    _assert_locked_out(_session_login("victim", PASSWORD, "10.1.1.1"))
    # ...while the same accounts log in from elsewhere (each had only one failure).
    assert _token_login("victim", PASSWORD, "10.1.1.2").status_code == 200
    assert _session_login("u1", PASSWORD, "10.1.1.3").status_code == 200


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_a_success_resets_the_count() -> None:
    make_user("ada")
    for _ in range(2):
        assert _token_login("ada", "wrong").status_code == 400
    assert _token_login("ada", PASSWORD).status_code == 200
    for _ in range(2):  # two more failures: below the limit again, the count started over
        assert _token_login("ada", "wrong").status_code == 400
    assert _token_login("ada", PASSWORD).status_code == 200


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_a_login_to_ones_own_account_does_not_clear_guesses_at_another() -> None:
    make_user("victim")
    make_user("attacker")
    for _ in range(2):
        assert _token_login("victim", "guess", "10.2.2.2").status_code == 400
    assert _token_login("attacker", PASSWORD, "10.2.2.2").status_code == 200
    _assert_locked_out(_token_login("victim", "guess", "10.2.2.2"))  # the third guess still counts
    _assert_locked_out(_token_login("victim", PASSWORD, "10.2.2.9"))


@pytest.mark.django_db
def test_password_change_counts_failures_and_locks_out() -> None:
    user = make_user("ada")
    client = APIClient()
    client.force_authenticate(user)
    with override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5)):
        body = {"current_password": "guess", "new_password": "a-long-new-passphrase"}
        for _ in range(LIMIT - 1):
            answer = client.post("/api/auth/password/", body, format="json")
            assert answer.status_code == 400 and "current_password" in answer.json()["detail"]
        _assert_locked_out(client.post("/api/auth/password/", body, format="json"))


@pytest.mark.timeout(180)
def test_lockout_holds_across_processes_and_lifts_after_its_time(transactional_db: Any, tmp_path: Path) -> None:
    """Two uvicorn processes share the count (it lives in the database), and the lockout ends
    MASKLET_LOGIN_LOCKOUT_SECONDS after the last failure."""
    make_user("ada")
    # 8 s: the failures must still count when the third arrives, on a machine busy enough that each
    # request takes a second or more.
    env = _subprocess_env({"MASKLET_LOGIN_FAILURE_LIMIT": str(LIMIT), "MASKLET_LOGIN_LOCKOUT_SECONDS": "8"})
    first, second = Server(env, tmp_path / "a.log"), Server(env, tmp_path / "b.log")
    try:
        def token(server: Server, password: str) -> requests.Response:
            return requests.post(f"{server.url}/api/auth/token", json={"username": "ada", "password": password}, timeout=30)

        def session(server: Server, password: str) -> requests.Response:
            browser = requests.Session()
            csrf = browser.get(f"{server.url}/api/auth/csrf/", timeout=30).cookies["csrftoken"]
            return browser.post(f"{server.url}/api/auth/login/", json={"username": "ada", "password": password},
                                headers={"X-CSRFToken": csrf}, timeout=30)

        assert token(first, "wrong").status_code == 400
        assert session(second, "wrong").status_code == 400
        locked = token(first, "wrong")
        assert locked.status_code == 429 and int(locked.headers["Retry-After"]) == 8
        refused = session(second, PASSWORD)  # the other process knows: the right password is refused
        assert refused.status_code == 429, refused.text
        assert int(refused.headers["Retry-After"]) == 8
        assert refused.json()["detail"].startswith("Too many failed logins")
        time.sleep(8.5)  # the lockout counts from the last (refused) attempt
        assert session(second, PASSWORD).status_code == 200
        assert token(first, PASSWORD).status_code == 200
    finally:
        first.stop()
        second.stop()
