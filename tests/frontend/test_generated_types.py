"""The browser app's committed API types match the server: its OpenAPI schema (drf-spectacular),
its realtime event schema (annotation/realtime/events.py) and the TypeScript generated from both.

Each test exports afresh into a temporary folder, generates the TypeScript there with the same
script as `make api-types` (frontend/scripts/api-types.mjs), and compares with frontend/src/api/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import ROOT

FRONTEND = ROOT / "frontend"
COMMITTED = FRONTEND / "src" / "api"
STALE = "is stale: run make api-types"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("api-types")
    call_command("spectacular", "--format", "openapi-json", "--file", str(out / "openapi.json"))
    call_command("event_schema", "--file", str(out / "events.schema.json"))
    node = shutil.which("node")
    if node is None or not (FRONTEND / "node_modules" / "openapi-typescript").is_dir():
        pytest.fail("node or frontend/node_modules is missing: run make frontend")
    run = subprocess.run(
        [node, "scripts/api-types.mjs", str(out)],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize(
    "name", ["openapi.json", "schema.d.ts", "events.schema.json", "events.d.ts"]
)
def test_committed_api_file_matches_the_server(fresh: Path, name: str) -> None:
    committed = COMMITTED / name
    assert committed.is_file(), f"frontend/src/api/{name} is missing: run make api-types"
    assert committed.read_text(encoding="utf-8") == (fresh / name).read_text(encoding="utf-8"), (
        f"frontend/src/api/{name} {STALE}"
    )


def test_event_schema_lists_every_event_the_server_pushes() -> None:
    from annotation.realtime import events

    schema = json.loads((COMMITTED / "events.schema.json").read_text(encoding="utf-8"))
    in_schema = {
        schema["$defs"][ref["$ref"].rsplit("/", 1)[-1]]["properties"]["type"]["const"]
        for ref in schema["anyOf"]
    }
    # every event a socket can receive, "error" (sent to one client only) included
    assert in_schema == set(events.SCHEMAS)
