"""The web process never imports torch or sam2 (heavy imports stay in the inference workers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import django
django.setup()
import config.asgi, config.urls, annotation.api.urls, annotation.realtime.consumers, annotation.tasks
import annotation.services.ingest, annotation.services.exports, annotation.services.imports
from django.test import Client
Client().get("/api/schema/")
heavy = sorted(m for m in ("torch", "torchvision", "sam2", "hydra") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
"""


def test_web_process_imports_no_torch() -> None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "HEAVY=\n" in out.stdout, out.stdout
