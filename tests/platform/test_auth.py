"""Authentication: API tokens, and the browser's session login with CSRF enforced."""

from __future__ import annotations

from typing import Any

import pytest
from knox.crypto import hash_token
from rest_framework.test import APIClient

from annotation.models import ApiToken, Project
from tests.factories import PASSWORD, make_user, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def user() -> Any:
    return make_user("ada")


@pytest.mark.parametrize("path", ["/api/auth/token", "/api/auth/token/"])
def test_token_for_good_credentials(user: Any, path: str) -> None:
    response = APIClient().post(path, {"username": "ada", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    key = response.json()["token"]
    stored = ApiToken.objects.get(user=user)
    assert stored.digest == hash_token(key) and key not in (stored.digest, stored.token_key)
    again = APIClient().post(path, {"username": "ada", "password": PASSWORD}, format="json")
    assert again.json()["token"] != key  # each login its own token, revocable alone
    assert ApiToken.objects.filter(user=user).count() == 2
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/auth/me/").json() == {
        "id": user.pk,
        "username": "ada",
        "is_staff": False,
        "password_change_required": False,
    }


@pytest.mark.parametrize(
    "body",
    [
        {"username": "ada", "password": "wrong"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "ADA", "password": PASSWORD},
        {"username": "inactive", "password": PASSWORD},
    ],
)
def test_token_refused_for_bad_credentials(user: Any, body: dict) -> None:
    inactive = make_user("inactive")
    inactive.is_active = False
    inactive.save()
    response = APIClient().post("/api/auth/token", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Wrong username or password."}
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    "body", [{}, {"username": "ada"}, {"password": PASSWORD}, {"username": ["ada"], "password": 1}]
)
def test_token_needs_both_fields(user: Any, body: dict) -> None:
    response = APIClient().post("/api/auth/token", body, format="json")
    assert response.status_code == 400
    assert isinstance(response.json()["detail"], str) and response.json()["errors"]


@pytest.mark.parametrize(
    "header", ["Token", "Token not-a-key", "Token a b", "Bearer abc", "Basic YWRhOnB3"]
)
def test_bad_authorization_header_is_refused(user: Any, header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/projects/")
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"detail"}


def test_anonymous_me_is_401_with_detail() -> None:
    response = APIClient().get("/api/auth/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail"}


def test_session_flow_with_csrf(user: Any) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    # 1. The app asks for the CSRF cookie.
    response = browser.get("/api/auth/csrf/")
    assert response.status_code == 200
    csrf = browser.cookies["csrftoken"].value
    assert csrf
    credentials = {"username": "ada", "password": PASSWORD}
    # 2. Login without the token is refused (no login CSRF); with it, a session starts.
    refused = browser.post("/api/auth/login/", credentials, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    assert "sessionid" not in browser.cookies
    wrong = browser.post(
        "/api/auth/login/", {**credentials, "password": "x"}, format="json", HTTP_X_CSRFTOKEN=csrf
    )
    assert wrong.status_code == 400 and wrong.json() == {"detail": "Wrong username or password."}
    ok = browser.post("/api/auth/login/", credentials, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert ok.status_code == 200 and ok.json() == {"id": user.pk, "username": "ada"}
    assert browser.cookies["sessionid"].value
    csrf = browser.cookies["csrftoken"].value  # rotated at login
    # 3. Reads need no token.
    assert browser.get("/api/auth/me/").json()["username"] == "ada"
    # 4. Unsafe requests of a session need the token.
    no_token = browser.post("/api/projects/", {"name": "forged"}, format="json")
    assert no_token.status_code == 403 and "CSRF" in no_token.json()["detail"]
    bad_token = browser.post(
        "/api/projects/", {"name": "forged"}, format="json", HTTP_X_CSRFTOKEN="x" * 64
    )
    assert bad_token.status_code == 403
    assert not Project.objects.exists()
    made = browser.post("/api/projects/", {"name": "mine"}, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert made.status_code == 201
    # 5. Logout (with the token) ends the session.
    assert browser.post("/api/auth/logout/").status_code == 403
    out = browser.post("/api/auth/logout/", format="json", HTTP_X_CSRFTOKEN=csrf)
    assert out.status_code == 200
    assert browser.get("/api/auth/me/").status_code in (401, 403)


def test_token_clients_need_no_csrf(user: Any) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(user)}")
    assert client.post("/api/projects/", {"name": "scripted"}, format="json").status_code == 201


def test_users_list_only_for_managers(user: Any) -> None:
    client = APIClient()
    client.force_authenticate(user)
    assert client.get("/api/users/").status_code == 403
    client.post("/api/projects/", {"name": "p"}, format="json")  # now a manager
    names = [u["username"] for u in client.get("/api/users/").json()]
    assert names == ["ada"]  # nobody else shares a project with ada (tests/accounts: visibility)
