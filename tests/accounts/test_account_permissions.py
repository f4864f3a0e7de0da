"""The permission matrix (tests/platform/test_permissions.py) for the account endpoints: tokens,
password, accounts, invitations; every role, and anonymous callers."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from annotation.models import Account, ApiToken, Invitation, Membership
from annotation.services import accounts as account_services
from tests.factories import PASSWORD, client_for
from tests.platform.conftest import ROLES, World, make_world
from tests.platform.test_permissions import EVERYONE, MANAGERS, Case, _json, _request

pytestmark = pytest.mark.django_db

ACCOUNT_CASES: list[Case] = [
    Case("tokens-list", "get", "/api/auth/tokens/", 200, EVERYONE),
    Case("tokens-create", "post", "/api/auth/tokens/", 201, EVERYONE, _json({"name": "script"})),
    Case("tokens-revoke-all", "delete", "/api/auth/tokens/", 200, EVERYONE),
    # The manager's token: anyone else is told there is no such token.
    Case("token-revoke", "delete", "/api/auth/tokens/{token}/", 204, MANAGERS, refused=404),
    Case(
        "password-change",
        "post",
        "/api/auth/password/",
        200,
        EVERYONE,
        _json({"current_password": PASSWORD, "new_password": "orchid-lantern-42"}),
    ),
    Case(
        "account-create",
        "post",
        "/api/accounts/",
        201,
        MANAGERS,
        _json(lambda ids: {"username": "fresh", "project": ids["project"], "role": "annotator"}),
    ),
    Case("invitation-list", "get", "/api/projects/{project}/invitations/", 200, MANAGERS),
    Case("invitation-create", "post", "/api/projects/{project}/invitations/", 201, MANAGERS, _json({"role": "annotator"})),
    Case("invitation-revoke", "delete", "/api/projects/{project}/invitations/{invitation}/", 204, MANAGERS),
    # Whoever holds the link sees it and may join with it (a member keeps their role).
    Case("invitation-show", "get", "/api/invitations/{invitation_key}/", 200, EVERYONE),
    Case("invitation-accept", "post", "/api/invitations/{invitation_key}/", 201, EVERYONE, _json({})),
]
for case in ACCOUNT_CASES:
    if case.name.startswith(("tokens-", "password-", "invitation-show", "invitation-accept")):
        case.outsider = case.ok  # no project needed: the outsider is a plain authenticated user
    if case.name == "token-revoke":
        case.outsider = 404


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def _ids(world: World) -> dict[str, Any]:
    token, _ = account_services.token_create(user=world.team.manager, name="manager's")
    invitation, key = account_services.invitation_create(project=world.team.project, role="reviewer", created_by=world.team.manager)
    return {**world.ids(), "token": token.pk, "invitation": invitation.pk, "invitation_key": key}


def _snapshot(world: World) -> dict[str, Any]:
    world.team.manager.refresh_from_db()
    return {
        "tokens": sorted(ApiToken.objects.values_list("id", flat=True)),
        "invitations": sorted(Invitation.objects.values_list("id", "accepted_at")),
        "accounts": Account.objects.count(),
        "memberships": sorted(Membership.objects.values_list("user_id", "project_id", "role")),
        "passwords": sorted(type(world.team.manager).objects.values_list("id", "password")),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", ACCOUNT_CASES, ids=lambda c: c.name)
def test_account_permission_matrix(world: World, case: Case, role: str) -> None:
    ids = _ids(world)
    client = client_for(getattr(world.team, role))
    before = _snapshot(world)
    response = _request(client, case, ids)
    expected = case.expected(role)
    body = response.json() if response.content else None
    assert response.status_code == expected, (case.name, role, response.status_code, body)
    if expected >= 400:
        assert isinstance(body, dict) and set(body) == {"detail"} and body["detail"], body
        assert _snapshot(world) == before, (case.name, role)  # a refusal changes nothing


PUBLIC = {"invitation-show", "invitation-accept"}


@pytest.mark.parametrize("case", [c for c in ACCOUNT_CASES if c.name not in PUBLIC], ids=lambda c: c.name)
def test_anonymous_is_refused_on_account_endpoints(world: World, case: Case) -> None:
    ids = _ids(world)
    before = _snapshot(world)
    response = _request(APIClient(), case, ids)
    assert response.status_code == 401, (case.name, response.status_code)
    assert set(response.json()) == {"detail"}
    assert _snapshot(world) == before


def test_anonymous_sees_an_invitation_but_must_give_an_account_to_accept(world: World) -> None:
    ids = _ids(world)
    assert APIClient().get(f"/api/invitations/{ids['invitation_key']}/").status_code == 200
    refused = APIClient().post(f"/api/invitations/{ids['invitation_key']}/", {}, format="json")
    assert refused.status_code == 400 and "username" in refused.json()["detail"]
