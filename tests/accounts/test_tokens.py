"""API tokens: stored hashed, expiring, revoked at logout, listed and revoked by their owner only."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from knox.crypto import hash_token
from rest_framework.test import APIClient

from annotation.models import ApiToken
from annotation.realtime.auth import user_for_token
from tests.factories import PASSWORD, make_user, token_for

pytestmark = pytest.mark.django_db


def _with_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _login(username: str = "ada", name: str = "") -> str:
    answer = APIClient().post("/api/auth/token", {"username": username, "password": PASSWORD, "name": name}, format="json")
    assert answer.status_code == 200, answer.json()
    return answer.json()["token"]


@pytest.fixture
def ada() -> Any:
    return make_user("ada")


def test_the_database_holds_a_digest_not_the_key(ada: Any) -> None:
    key = _login(name="laptop")
    row = ApiToken.objects.get(user=ada)
    assert row.name == "laptop"
    assert row.digest == hash_token(key) and len(row.digest) == 128  # SHA-512
    stored = [str(v) for v in ApiToken.objects.filter(user=ada).values_list(flat=False).get()]
    assert key not in stored and all(key not in v for v in stored)
    assert key.startswith(row.token_key) and len(row.token_key) < len(key)
    assert _with_token(key).get("/api/auth/me/").status_code == 200


def test_a_token_expires_after_the_configured_time(ada: Any) -> None:
    with override_settings(REST_KNOX={"TOKEN_TTL": timedelta(seconds=1), "AUTH_HEADER_PREFIX": "Token"}):
        key = _login()
        row = ApiToken.objects.get(user=ada)
        assert timedelta(0) < row.expiry - row.created <= timedelta(seconds=1, milliseconds=100)
        assert _with_token(key).get("/api/auth/me/").status_code == 200
        time.sleep(1.2)
        refused = _with_token(key).get("/api/auth/me/")
        assert refused.status_code == 401 and refused.json() == {"detail": "Invalid token."}
        assert user_for_token(key) is None  # the websocket refuses it too
    assert not ApiToken.objects.filter(user=ada).exists()  # an expired token is deleted when used


def test_a_request_checks_only_its_own_token_and_beat_purges_the_expired_ones(
    ada: Any, django_assert_max_num_queries: Any
) -> None:
    from django.utils import timezone

    from annotation.tasks import purge_expired_tokens

    keys = [_login(name=f"device {i}") for i in range(6)]
    ApiToken.objects.filter(user=ada, name__in=["device 1", "device 2"]).update(expiry=timezone.now() - timedelta(seconds=1))
    # knox's own clean-up loaded all six tokens of the user on every request; ours reads one row
    client = _with_token(keys[0])
    assert client.get("/api/projects/").status_code == 200
    with django_assert_max_num_queries(4) as captured:
        assert client.get("/api/projects/").status_code == 200
    # the one-time-password check reads the Account loaded with the token: no query of its own
    assert not any(q["sql"].split("WHERE")[0].endswith('FROM "annotation_account" ') for q in captured.captured_queries)
    token_reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT") and '"annotation_apitoken"' in q["sql"].split("WHERE")[0]]
    assert len(token_reads) == 1 and '"token_key" =' in token_reads[0].split("WHERE")[1], token_reads
    assert ApiToken.objects.filter(user=ada).count() == 6  # the others' expiry is beat's business
    assert _with_token(keys[1]).get("/api/auth/me/").status_code == 401  # an expired one is refused
    assert ApiToken.objects.filter(user=ada).count() == 5  # ... and deleted at once
    assert purge_expired_tokens.apply().get() == 1  # the other expired one
    assert sorted(ApiToken.objects.filter(user=ada).values_list("name", flat=True)) == [
        "device 0", "device 3", "device 4", "device 5"
    ]


def test_the_default_lifetime_is_the_setting(ada: Any, settings: Any) -> None:
    key = _login()
    row = ApiToken.objects.get(user=ada)
    assert abs((row.expiry - row.created) - settings.REST_KNOX["TOKEN_TTL"]) < timedelta(seconds=5)
    assert user_for_token(key) == ada


def test_logout_revokes_the_token_it_was_made_with(ada: Any) -> None:
    key, other = _login(), _login()
    assert _with_token(key).post("/api/auth/logout/").status_code == 200
    assert _with_token(key).get("/api/auth/me/").status_code == 401
    assert _with_token(other).get("/api/auth/me/").status_code == 200  # only that one


def test_list_shows_no_key_and_marks_the_current_token(ada: Any) -> None:
    first, second = _login(name="cli"), _login(name="notebook")
    client = _with_token(second)
    client.get("/api/auth/me/")  # used once: last_used is set
    tokens = client.get("/api/auth/tokens/").json()
    assert [t["name"] for t in tokens] == ["notebook", "cli"]
    assert set(tokens[0]) == {"id", "name", "prefix", "created", "expiry", "last_used", "current"}
    assert [t["current"] for t in tokens] == [True, False]
    assert tokens[0]["last_used"] is not None and tokens[1]["last_used"] is None
    assert all(first not in str(t) and second not in str(t) for t in tokens)
    assert second.startswith(tokens[0]["prefix"])


def test_create_revoke_one_and_revoke_all(ada: Any) -> None:
    key = _login()
    client = _with_token(key)
    made = client.post("/api/auth/tokens/", {"name": "ci runner"}, format="json")
    assert made.status_code == 201 and made.json()["name"] == "ci runner"
    new_key = made.json()["token"]
    assert _with_token(new_key).get("/api/auth/me/").status_code == 200
    assert client.delete(f"/api/auth/tokens/{made.json()['id']}/").status_code == 204
    assert _with_token(new_key).get("/api/auth/me/").status_code == 401
    assert client.get("/api/auth/me/").status_code == 200
    _login()
    gone = client.delete("/api/auth/tokens/")
    assert gone.status_code == 200 and gone.json() == {"revoked": 2}
    assert client.get("/api/auth/me/").status_code == 401
    assert not ApiToken.objects.filter(user=ada).exists()


def test_only_the_owner_sees_and_revokes_a_token(ada: Any) -> None:
    grace = make_user("grace")
    theirs = token_for(grace)
    their_id = ApiToken.objects.get(user=grace).pk
    mine = _with_token(_login())
    assert all(t["id"] != their_id for t in mine.get("/api/auth/tokens/").json())
    refused = mine.delete(f"/api/auth/tokens/{their_id}/")
    assert refused.status_code == 404 and refused.json() == {"detail": "No such token."}
    mine.delete("/api/auth/tokens/")  # revoke all: mine only
    assert _with_token(theirs).get("/api/auth/me/").status_code == 200


def test_token_endpoints_need_authentication() -> None:
    for method, path in (("get", "/api/auth/tokens/"), ("post", "/api/auth/tokens/"), ("delete", "/api/auth/tokens/"), ("delete", "/api/auth/tokens/1/")):
        answer = getattr(APIClient(), method)(path)
        assert answer.status_code == 401 and set(answer.json()) == {"detail"}, (method, path)
