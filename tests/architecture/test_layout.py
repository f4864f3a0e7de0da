"""The layout rules of ARCHITECTURE.md that import contracts cannot see (those run as
`lint-imports` in `make test`): module size, the bridge writing only through services, and a
repository that needs nothing beside it."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 600
# Generated from the server's schemas by `make api-types` (tests/frontend checks they are current).
GENERATED = ("frontend/src/api/",)


def tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "--", *patterns], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / line for line in out.stdout.splitlines() if (ROOT / line).is_file()]


def test_no_module_over_600_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in tracked("*.py", "*.ts", "*.tsx")
        if "/migrations/" not in str(path) and not str(path.relative_to(ROOT)).startswith(GENERATED)
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long, f"split these into packages or smaller modules: {too_long}"


def test_workspace_component_stays_a_composition() -> None:
    lines = len((ROOT / "frontend/src/workspace/Workspace.tsx").read_text(encoding="utf-8").splitlines())
    assert lines < 250, "Workspace.tsx wires the reducer, hooks and layout together; logic belongs in them"


# Model and queryset methods that write rows: the bridge calls annotation services instead.
WRITES = {"save", "delete", "update", "create", "bulk_create", "bulk_update", "get_or_create",
          "update_or_create", "select_for_update"}


def test_the_bridge_writes_only_through_services() -> None:
    offenders = []
    for path in tracked("inference/*.py"):
        if "/engine/" in str(path):
            continue  # no Django there at all (import contract)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.func.attr}()")
    assert not offenders, f"write through annotation/services instead: {offenders}"


def test_nothing_reads_outside_the_repository() -> None:
    shared = "shared"  # spelled apart so that this test does not match itself
    needles = (f"../{shared}", f"/work/{shared}", f'"{shared}" / "data"', f'parent / "{shared}"')
    offenders = [
        str(path.relative_to(ROOT))
        for path in tracked("*.py", "*.sh", "*.ts", "*.tsx", "*.mjs", "Makefile", "*.toml", "*.yml", "*.yaml", "*.conf")
        if any(n in path.read_text(encoding="utf-8", errors="replace") for n in needles)
    ]
    assert not offenders, f"the repository must stand alone: {offenders}"
