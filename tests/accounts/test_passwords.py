"""Django's standard password validators apply wherever a person sets a password: accepting an
invitation and changing one's password."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from annotation.services import accounts as account_services
from tests.factories import PASSWORD, client_for, make_team, make_user

pytestmark = pytest.mark.django_db

WEAK = [
    ("password", "too common"),
    ("12345678", "entirely numeric"),
    ("newcomer", "too similar to the username"),
    ("short", "too short"),
]


@pytest.mark.parametrize("password,rule", WEAK)
def test_invitation_refuses_weak_passwords(password: str, rule: str) -> None:
    team = make_team()
    _, key = account_services.invitation_create(project=team.project, role="annotator", created_by=team.manager)
    answer = APIClient().post(f"/api/invitations/{key}/", {"username": "newcomer", "password": password}, format="json")
    assert answer.status_code == 400, answer.json()
    assert rule in answer.json()["detail"] and answer.json()["errors"]["password"]
    assert not team.project.memberships.filter(user__username="newcomer").exists()


@pytest.mark.parametrize("password,rule", [*WEAK[:2], ("ada-lovelace", "too similar to the username")])
def test_password_change_refuses_weak_passwords(password: str, rule: str) -> None:
    user = make_user("ada-lovelace")
    answer = client_for(user).post("/api/auth/password/", {"current_password": PASSWORD, "new_password": password}, format="json")
    assert answer.status_code == 400 and rule in answer.json()["detail"], answer.json()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_password_change_needs_the_current_password_and_keeps_the_session() -> None:
    user = make_user("ada")
    browser = APIClient()
    browser.force_login(user)
    wrong = browser.post("/api/auth/password/", {"current_password": "nope", "new_password": "orchid-lantern-42"}, format="json")
    assert wrong.status_code == 400 and "current_password" in wrong.json()["detail"]
    ok = browser.post("/api/auth/password/", {"current_password": PASSWORD, "new_password": "orchid-lantern-42"}, format="json")
    assert ok.status_code == 200
    user.refresh_from_db()
    assert user.check_password("orchid-lantern-42")
    assert browser.get("/api/auth/me/").status_code == 200  # the session survived its own change
