"""Login, logout, and a clear page for every kind of error."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e]


def test_login_logout(open_page: Any, team: Any) -> None:
    page = open_page(None, "/")
    # not logged in: sent to the login page, remembering where we wanted to go
    page.get_by_test_id("login-form").wait_for()
    page.get_by_test_id("login-username").fill(team.manager.username)
    page.get_by_test_id("login-password").fill("wrong password")
    page.get_by_test_id("login-submit").click()
    assert "Wrong username or password" in page.get_by_test_id("error-line").inner_text()

    page.get_by_test_id("login-password").fill("masklet-test-password")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("project-list").wait_for()
    assert team.project.name in page.get_by_test_id("project-list").inner_text()
    assert page.get_by_test_id("current-user").inner_text() == team.manager.username

    page.get_by_test_id("logout").click()
    page.get_by_test_id("login-form").wait_for()
    page.goto(f"/projects/{team.project.pk}")
    page.get_by_test_id("login-form").wait_for()
    assert "next=" in page.url


def test_next_parameter_returns_to_the_page(open_page: Any, team: Any) -> None:
    page = open_page(None, f"/projects/{team.project.pk}")
    page.get_by_test_id("login-form").wait_for()
    page.get_by_test_id("login-username").fill(team.manager.username)
    page.get_by_test_id("login-password").fill("masklet-test-password")
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("project-page").wait_for()
    assert page.url.endswith(f"/projects/{team.project.pk}")


def test_error_pages(open_page: Any, team: Any) -> None:
    page = open_page(team.annotator, "/no/such/page")
    page.get_by_test_id("error-notfound").wait_for()

    page.goto("/projects/999999")
    page.get_by_test_id("error-notfound").wait_for()

    # a project the user is not a member of: no access (or not found, the server may hide it)
    outsider = open_page(team.outsider, f"/projects/{team.project.pk}")
    outsider.locator("[data-testid=error-forbidden], [data-testid=error-notfound]").first.wait_for()

    # network failure and server failure, simulated in the browser
    page.route(re.compile(r".*/api/projects/$"), lambda route: route.abort("failed"))
    page.goto("/")
    page.get_by_test_id("error-network").wait_for()
    page.unroute(re.compile(r".*/api/projects/$"))

    page.route(
        re.compile(r".*/api/projects/$"),
        lambda route: route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>"),
    )
    page.goto("/")
    page.get_by_test_id("error-server").wait_for()
    assert "500" in page.get_by_test_id("error-server").inner_text()

    page.route(
        re.compile(r".*/api/videos/\d+/$"),
        lambda route: route.fulfill(status=403, content_type="application/json", body='{"detail": "You are not a member of this project."}'),
    )
    page.goto(f"/videos/{team.video.pk}")
    page.get_by_test_id("error-forbidden").wait_for()
    assert "not a member" in page.get_by_test_id("error-forbidden").inner_text()
    assert not page.js_errors
