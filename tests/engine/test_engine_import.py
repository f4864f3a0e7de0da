"""The engine package is importable by the web process: no torch, sam2 or Django on import."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "inference" / "engine"


def test_import_engine_does_not_import_torch_sam2_or_django():
    code = (
        "import sys, inference.engine, inference.engine.dedupe, inference.engine.postprocess, inference.engine.hf_folders;"
        "from inference.engine import get_backend, EngineConfig;"
        "get_backend(EngineConfig(backend='opencv'));"
        "heavy = [m for m in ('torch', 'sam2', 'django', 'hydra', 'transformers', 'timm') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_of_the_engine_imports_django():
    for path in ENGINE.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(from|import)\s+django\b", text, re.M), path
