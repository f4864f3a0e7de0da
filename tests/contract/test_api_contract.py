"""The API contract beyond success answers: every operation of the OpenAPI schema documents its
error answers with the error body, and any method on an unknown /api/ path answers a JSON 404."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import make_user

pytestmark = pytest.mark.django_db

ERROR_REF = {"$ref": "#/components/schemas/Error"}
UNSAFE = ("post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict:
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def _operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_every_operation_lists_its_error_answers_with_the_error_body(schema: dict) -> None:
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    missing = []
    for path, method, operation in _operations(schema):
        responses = operation["responses"]
        errors = {code: body for code, body in responses.items() if code.startswith("4")}
        expected = set()
        security = operation.get("security", [])
        if any(requirement for requirement in security):  # a credential (token, session) is read
            expected.add("401")  # a bad token, even where anyone may ask
            if {} not in security:  # a signed-in user is needed
                expected.add("403")
        if "{" in path:
            expected.add("404")
        if method in ("post", "put", "patch"):
            expected |= {"400", "413"}
        if method in UNSAFE:
            expected.add("403")
        if method in UNSAFE and not path.startswith("/api/auth/"):
            expected.add("409")
        where = f"{method.upper()} {path}"
        if not errors:
            missing.append(f"{where}: no 4xx at all")
        for code in sorted(expected - set(errors)):
            missing.append(f"{where}: no {code}")
        for code, body in errors.items():
            schema_of = body.get("content", {}).get("application/json", {}).get("schema")
            if schema_of is None or (schema_of != ERROR_REF and "detail" not in _properties(schema, schema_of)):
                missing.append(f"{where}: {code} without the error body")
        if "503" not in responses:
            missing.append(f"{where}: no 503")
    assert missing == [], "\n".join(missing)


def _properties(schema: dict, ref: dict) -> dict:
    name = ref.get("$ref", "").rsplit("/", 1)[-1]
    return schema["components"]["schemas"].get(name, {}).get("properties", {})


def test_the_mask_edit_keeps_its_own_conflict_body(schema: dict) -> None:
    conflict = schema["paths"]["/api/masklets/{id}/masks/{frame}/"]["put"]["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/MaskConflictOut"}


def test_nullable_fields_are_declared(schema: dict) -> None:
    components = schema["components"]["schemas"]
    for component, field in (("TaskOut", "assignee_name"), ("TaskOut", "reviewer_name"), ("IssueOut", "author")):
        assert components[component]["properties"][field].get("nullable") is True, (component, field)


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
# the last: a path with a newline in it (schemathesis sent one to /api/projects/{id}/effort.csv)
@pytest.mark.parametrize("path", ["/api/nothing-here/", "/api/projects/1/nothing/", "/api/projects", "/api/projects/a\nb/effort.csv"])
def test_unknown_api_path_is_a_json_404_whatever_the_method(method: str, path: str) -> None:
    """Signed in with a session and CSRF checks on, as a browser is: still a JSON 404, not the
    HTML CSRF page; signed out too."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("browser"))
    for client in (browser, Client(enforce_csrf_checks=True)):
        body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
        response = getattr(client, method)(path, **body)
        assert response.status_code == 404, (method, path, response.content[:200])
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": f"There is no API endpoint at {path.replace(chr(10), '')}."}  # control characters dropped


def test_a_csrf_refusal_under_api_is_json() -> None:
    """A real endpoint reached by a session without the CSRF token: 403 with the API's body."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user("browser"))
    response = browser.post("/api/projects/", data='{"name": "x"}', content_type="application/json")
    assert response.status_code == 403 and response["Content-Type"] == "application/json"
    assert "CSRF" in response.json()["detail"]
