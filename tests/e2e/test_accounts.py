"""Accounts in the browser: a manager's invitation link accepted by a newcomer, the newcomer's
API tokens page, and an account with a one-time password changed at first login."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from annotation.models import Membership
from tests.e2e.conftest import login, off_loop

pytestmark = [pytest.mark.e2e]

NEW_PASSWORD = "orchid-lantern-42"


def test_invitation_then_tokens_page(open_page: Any, team: Any, live_server_url: str) -> None:
    boss = open_page(team.manager, f"/projects/{team.project.pk}")
    boss.get_by_test_id("invite-section").wait_for()
    boss.get_by_label("Role", exact=True).first.select_option("reviewer")
    boss.get_by_test_id("invite-note").fill("Lin")
    boss.get_by_test_id("create-invitation").click()
    url = boss.get_by_test_id("invitation-url").input_value()
    assert "/invitations/" in url
    boss.get_by_test_id("pending-invitations").wait_for()
    assert "Lin" in boss.get_by_test_id("pending-invitations").inner_text()

    # A newcomer opens the link, logged out: the labelled form makes the account.
    newcomer = open_page(None, url.split(live_server_url, 1)[-1])
    newcomer.get_by_test_id("invitation-summary").wait_for()
    assert team.project.name in newcomer.get_by_test_id("invitation-summary").inner_text()
    newcomer.get_by_label("Username").fill("lin")
    newcomer.get_by_label("Password").fill("password")
    newcomer.get_by_test_id("accept-invitation").click()
    assert "too common" in newcomer.get_by_test_id("error-line").inner_text()
    newcomer.get_by_label("Password").fill(NEW_PASSWORD)
    newcomer.get_by_test_id("accept-invitation").click()
    newcomer.get_by_test_id("project-page").wait_for()
    assert newcomer.get_by_test_id("current-user").inner_text() == "lin"
    assert off_loop(lambda: Membership.objects.get(project=team.project, user__username="lin").role) == "reviewer"

    # The link was single-use: opening it again and accepting fails with a clear message.
    again = open_page(None, url.split(live_server_url, 1)[-1])
    again.get_by_label("Username").fill("lin2")
    again.get_by_label("Password").fill(NEW_PASSWORD)
    again.get_by_test_id("accept-invitation").click()
    assert "already used" in again.get_by_test_id("error-line").inner_text()

    # The newcomer makes an API token for a script, uses it, and revokes it.
    newcomer.get_by_test_id("nav-tokens").click()
    newcomer.get_by_test_id("tokens-page").wait_for()
    newcomer.get_by_label("Token name").fill("laptop CLI")
    newcomer.get_by_test_id("create-token").click()
    key = newcomer.get_by_test_id("new-token-key").input_value()
    me = requests.get(f"{live_server_url}/api/auth/me/", headers={"Authorization": f"Token {key}"}, timeout=30)
    assert me.status_code == 200 and me.json()["username"] == "lin"
    row = newcomer.locator("[data-testid^=token-row-]", has_text="laptop CLI")
    row.wait_for()
    assert key[:8] in row.inner_text() and key not in newcomer.get_by_test_id("token-table").inner_text()
    row.get_by_role("button", name="Revoke token laptop CLI").click()
    newcomer.get_by_test_id("no-tokens").wait_for()
    gone = requests.get(f"{live_server_url}/api/auth/me/", headers={"Authorization": f"Token {key}"}, timeout=30)
    assert gone.status_code == 401
    assert newcomer.js_errors == [] and boss.js_errors == []


def test_one_time_password_is_changed_at_first_login(open_page: Any, team: Any) -> None:
    boss = open_page(team.manager, f"/projects/{team.project.pk}")
    boss.get_by_label("Username", exact=True).fill("temp")
    boss.get_by_test_id("create-account").click()
    boss.get_by_test_id("one-time-password").wait_for()
    one_time = boss.get_by_test_id("one-time-password").locator("code").inner_text()
    boss.get_by_test_id("member-temp").wait_for()

    page = open_page(None, "/login")
    login(page, "temp", one_time)
    page.get_by_test_id("password-change-required").wait_for()
    page.get_by_label("Current password").fill(one_time)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password again").fill(NEW_PASSWORD)
    page.get_by_test_id("change-password").click()
    page.get_by_test_id("project-list").wait_for()
    assert team.project.name in page.get_by_test_id("project-list").inner_text()
    assert page.js_errors == []
