"""maskcodec is a leaf: importing it loads neither Django nor torch, and it imports nothing of ours."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "maskcodec"
ALLOWED = {"__future__", "typing", "numpy", "pycocotools"}


def test_import_maskcodec_loads_neither_django_nor_torch() -> None:
    code = (
        "import sys, numpy as np, maskcodec;"
        "maskcodec.iou(maskcodec.encode(np.ones((4, 5), bool)), maskcodec.empty(4, 5));"
        "heavy = [m for m in ('django', 'torch', 'sam2', 'annotation', 'inference') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_maskcodec_imports_only_numpy_and_pycocotools() -> None:
    for path in PACKAGE.rglob("*.py"):
        for match in re.finditer(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(), re.M):
            name = match.group(1)
            assert name.startswith(".") or name.split(".")[0] in ALLOWED, f"{path.name} imports {name}"
