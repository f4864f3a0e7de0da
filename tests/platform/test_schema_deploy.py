"""The OpenAPI schema documents every route; production settings pass `check --deploy`; the
deployment folder `platform/` never shadows the standard library's `platform` module."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from typing import Any

import pytest
import yaml
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient

from annotation.api.urls import urlpatterns
from tests.conftest import ROOT
from tests.platform.test_permissions import CASES

pytestmark = pytest.mark.django_db


def _route(pattern: str) -> str:
    """ "projects/<int:pk>/members/" and "/api/projects/{id}/members/" both → "/api/projects/{}/members/"."""
    path = pattern if pattern.startswith("/api/") else "/api/" + pattern
    return re.sub(r"/\d+/", "/{}/", re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path))


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict:
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/")  # YAML by default, as served to tools
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    return yaml.safe_load(response.content)


def test_schema_is_a_valid_openapi_document(schema: dict) -> None:
    validate_schema(schema)  # drf-spectacular's bundled OpenAPI JSON schema; raises when invalid
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Masklet API"
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_schema_has_every_api_route(schema: dict) -> None:
    documented = {_route(path) for path in schema["paths"]}
    routes = {
        _route(str(p.pattern)) for p in urlpatterns if str(p.pattern) != "auth/token/"
    }  # alias of auth/token
    assert routes - documented == set()
    assert documented - routes == set()


def test_schema_has_every_operation_of_the_matrix(schema: dict) -> None:
    paths = {_route(path): operations for path, operations in schema["paths"].items()}
    for case in CASES:
        operations = paths[_route(case.path.split("?")[0])]
        assert case.method in operations, (case.name, case.method, sorted(operations))


def test_schema_generation_has_no_warnings() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "spectacular",
            "--validate",
            "--fail-on-warn",
            "--file",
            os.devnull,
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr[-2000:]


def test_docs_page_renders() -> None:
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html.lower() and "/api/schema/" in html


def _production_check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "ALLOWED_HOSTS")}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_for_production_settings() -> None:
    result = _production_check(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS="masklet.example.org"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNINGS" not in output and "?: (" not in output


def test_production_refuses_a_missing_or_short_secret_key() -> None:
    for key in ("", "short"):
        result = _production_check(DJANGO_SECRET_KEY=key, ALLOWED_HOSTS="masklet.example.org")
        assert result.returncode != 0
        assert "DJANGO_SECRET_KEY must be set" in result.stderr


# --- platform/ is a deployment folder, not a package ------------------------------------------------


def test_platform_folder_is_not_a_python_package() -> None:
    assert (ROOT / "platform").is_dir()
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert not list((ROOT / "platform").rglob("*.py")), (
        "Python files in platform/ would invite an import"
    )


def test_stdlib_platform_works_in_the_test_process() -> None:
    import platform
    import uuid

    import django

    assert django.apps.apps.ready
    assert platform.system() in ("Linux", "Darwin", "Windows")
    assert platform.__file__ is not None and not platform.__file__.startswith(str(ROOT))
    assert uuid.uuid4().version == 4


def test_stdlib_platform_works_in_manage_py_shell() -> None:
    code = "import platform, uuid; print(platform.system(), platform.python_version(), platform.__file__, uuid.uuid4())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    system, version, path, generated = result.stdout.strip().splitlines()[-1].split()
    assert system == os.uname().sysname and version == sys.version.split()[0]
    assert not path.startswith(str(ROOT)) and path.endswith("platform.py")
    assert len(generated) == 36
