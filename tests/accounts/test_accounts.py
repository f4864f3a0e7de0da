"""Accounts: invitations (single use, expiring), accounts with a one-time password that must be
changed first, site admins, and who learns which usernames."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from annotation.models import Account, Invitation, Membership
from annotation.services import accounts as account_services
from annotation.services import projects as project_services
from tests.factories import client_for, make_team, make_user

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "orchid-lantern-42"


@pytest.fixture
def team() -> Any:
    return make_team()


def _invite(team: Any, role: str = "reviewer") -> str:
    made = client_for(team.manager).post(f"/api/projects/{team.project.pk}/invitations/", {"role": role, "note": "for Lin"}, format="json")
    assert made.status_code == 201, made.json()
    url = made.json()["url"]
    assert "/invitations/" in url and made.json()["role"] == role
    return url.rstrip("/").rsplit("/", 1)[1]


# --- invitations ----------------------------------------------------------------------------------


def test_an_invitation_makes_an_account_in_the_project_once(team: Any) -> None:
    key = _invite(team)
    assert Invitation.objects.get().digest != key  # the link's secret is stored as a digest
    shown = APIClient().get(f"/api/invitations/{key}/").json()
    assert shown["project_name"] == team.project.name and shown["role"] == "reviewer" and shown["invited_by"] == "manager"
    joined = APIClient().post(f"/api/invitations/{key}/", {"username": "lin", "password": GOOD_PASSWORD}, format="json")
    assert joined.status_code == 201, joined.json()
    assert joined.json()["username"] == "lin" and joined.json()["role"] == "reviewer"
    assert Membership.objects.get(project=team.project, user__username="lin").role == "reviewer"
    login = APIClient().post("/api/auth/token", {"username": "lin", "password": GOOD_PASSWORD}, format="json")
    assert login.status_code == 200
    again = APIClient().post(f"/api/invitations/{key}/", {"username": "lin2", "password": GOOD_PASSWORD}, format="json")
    assert again.status_code == 409 and "already used" in again.json()["detail"]
    assert not Membership.objects.filter(user__username="lin2").exists()
    # used invitations are no longer pending
    assert client_for(team.manager).get(f"/api/projects/{team.project.pk}/invitations/").json() == []


def test_an_expired_invitation_is_refused(team: Any) -> None:
    key = _invite(team)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    answer = APIClient().post(f"/api/invitations/{key}/", {"username": "late", "password": GOOD_PASSWORD}, format="json")
    assert answer.status_code == 409 and "expired" in answer.json()["detail"]
    assert client_for(team.manager).get(f"/api/projects/{team.project.pk}/invitations/").json() == []


def test_invitation_lifetime_is_the_setting(team: Any, settings: Any) -> None:
    settings.MASKLET = {**settings.MASKLET, "INVITATION_TTL_HOURS": 2}
    _invite(team)
    invitation = Invitation.objects.get()
    assert abs((invitation.expires_at - invitation.created_at) - timedelta(hours=2)) < timedelta(seconds=5)


def test_unknown_invitation_and_bad_usernames(team: Any) -> None:
    assert APIClient().get("/api/invitations/not-a-key/").status_code == 404
    key = _invite(team)
    taken = APIClient().post(f"/api/invitations/{key}/", {"username": "annotator", "password": GOOD_PASSWORD}, format="json")
    assert taken.status_code == 400 and "username" in taken.json()["detail"]
    invalid = APIClient().post(f"/api/invitations/{key}/", {"username": "no spaces!", "password": GOOD_PASSWORD}, format="json")
    assert invalid.status_code == 400
    half = APIClient().post(f"/api/invitations/{key}/", {"username": "lin"}, format="json")
    assert half.status_code == 400
    assert Invitation.objects.get().accepted_at is None  # still usable


def test_a_logged_in_user_joins_as_themselves(team: Any) -> None:
    key = _invite(team, role="annotator")
    stranger = make_user("stranger")
    joined = client_for(stranger).post(f"/api/invitations/{key}/", {}, format="json")
    assert joined.status_code == 201 and joined.json()["username"] == "stranger"
    assert Membership.objects.get(project=team.project, user=stranger).role == "annotator"


def test_a_manager_revokes_a_pending_invitation(team: Any) -> None:
    key = _invite(team)
    invitation = Invitation.objects.get()
    path = f"/api/projects/{team.project.pk}/invitations/{invitation.pk}/"
    assert client_for(team.reviewer).delete(path).status_code == 403
    assert client_for(team.manager).delete(path).status_code == 204
    assert APIClient().get(f"/api/invitations/{key}/").status_code == 404


# --- one-time passwords ---------------------------------------------------------------------------


def test_one_time_password_must_be_changed_before_anything_else(team: Any) -> None:
    made = client_for(team.manager).post("/api/accounts/", {"username": "temp", "project": team.project.pk, "role": "annotator"}, format="json")
    assert made.status_code == 201, made.json()
    one_time = made.json()["one_time_password"]
    assert Account.objects.get(user__username="temp").password_change_required
    assert Membership.objects.get(project=team.project, user__username="temp").role == "annotator"
    key = APIClient().post("/api/auth/token", {"username": "temp", "password": one_time}, format="json").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    me = client.get("/api/auth/me/")
    assert me.status_code == 200 and me.json()["password_change_required"] is True
    for path in ("/api/projects/", f"/api/projects/{team.project.pk}/", "/api/auth/tokens/", "/api/tasks/"):
        refused = client.get(path)
        assert refused.status_code == 403, path
        assert refused.json() == {"detail": "Password change required: set a new password (POST /api/auth/password/) before anything else."}
    # A browser session is held to the same rule.
    browser = APIClient()
    browser.post("/api/auth/login/", {"username": "temp", "password": one_time}, format="json")
    assert browser.get("/api/projects/").status_code == 403
    # A token someone else made with the one-time password (the manager knew it)...
    other_key = APIClient().post("/api/auth/token", {"username": "temp", "password": one_time}, format="json").json()["token"]
    changed = client.post("/api/auth/password/", {"current_password": one_time, "new_password": GOOD_PASSWORD}, format="json")
    assert changed.status_code == 200, changed.json()
    assert client.get("/api/projects/").status_code == 200
    assert [p["id"] for p in client.get("/api/projects/").json()] == [team.project.pk]
    # ...is revoked by the change, and the other session opened with it has ended.
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {other_key}")
    assert other.get("/api/auth/me/").status_code == 401
    assert browser.get("/api/projects/").status_code == 401
    assert not Account.objects.get(user__username="temp").password_change_required


def test_only_managers_create_accounts_in_their_project(team: Any) -> None:
    body = {"username": "x1", "project": team.project.pk, "role": "annotator"}
    assert client_for(team.reviewer).post("/api/accounts/", body, format="json").status_code == 403
    assert client_for(team.outsider).post("/api/accounts/", body, format="json").status_code == 404
    no_project = client_for(team.manager).post("/api/accounts/", {"username": "x2"}, format="json")
    assert no_project.status_code == 403 and "site admins" in no_project.json()["detail"]
    no_role = client_for(team.manager).post("/api/accounts/", {"username": "x3", "project": team.project.pk}, format="json")
    assert no_role.status_code == 400
    assert not Account.objects.exists()


def test_site_admins_create_accounts_anywhere_and_see_every_user(team: Any) -> None:
    admin = make_user("root")
    admin.is_staff = True
    admin.save()
    made = client_for(admin).post("/api/accounts/", {"username": "solo"}, format="json")
    assert made.status_code == 201 and made.json()["one_time_password"]
    names = [u["username"] for u in client_for(admin).get("/api/users/").json()]
    assert {"manager", "annotator", "outsider", "solo", "root"} <= set(names)
    assert client_for(admin).get("/api/auth/me/").json()["is_staff"] is True


# --- who learns which usernames ---------------------------------------------------------------------


def test_users_list_shows_only_people_who_share_a_project(team: Any) -> None:
    make_user("elsewhere")
    names = [u["username"] for u in client_for(team.manager).get("/api/users/").json()]
    assert names == ["annotator", "manager", "other", "reviewer"]
    # A newcomer who makes a project of their own learns nobody's name.
    newcomer = make_user("newcomer")
    client_for(newcomer).post("/api/projects/", {"name": "mine"}, format="json")
    assert [u["username"] for u in client_for(newcomer).get("/api/users/").json()] == ["newcomer"]


def test_member_ids_outside_your_projects_answer_like_missing_ones(team: Any) -> None:
    newcomer = make_user("newcomer")
    project = project_services.project_create(user=newcomer, name="mine")
    client = client_for(newcomer)
    for user_id in (team.outsider.pk, team.manager.pk, 10**6):
        answer = client.post(f"/api/projects/{project.pk}/members/", {"user": user_id, "role": "annotator"}, format="json")
        assert answer.status_code == 400 and answer.json()["detail"] == f"there is no user {user_id}"
    assert [m.user.username for m in project.memberships.all()] == ["newcomer"]
    # An exact username, or an id of someone who shares a project, still works.
    assert client.post(f"/api/projects/{project.pk}/members/", {"user": "outsider", "role": "annotator"}, format="json").status_code == 201
    assert client_for(team.manager).post(f"/api/projects/{team.project.pk}/members/", {"user": team.outsider.pk, "role": "annotator"}, format="json").status_code == 400


def test_invitation_services_reject_unknown_roles(team: Any) -> None:
    from annotation.services.errors import InvalidInput

    with pytest.raises(InvalidInput):
        account_services.invitation_create(project=team.project, role="owner", created_by=team.manager)


def test_invitation_keys_are_redacted_from_logs() -> None:
    from annotation.realtime.log_redaction import redact

    key = "Zx8-abcdefghijklmnopqrstuvwxyz0123456789_AB"
    assert redact(f'"POST /api/invitations/{key}/ HTTP/1.1" 201') == '"POST /api/invitations/[redacted]/ HTTP/1.1" 201'
    assert redact(f"GET /invitations/{key}") == "GET /invitations/[redacted]"
    assert redact("DELETE /api/projects/3/invitations/12/") == "DELETE /api/projects/3/invitations/12/"
