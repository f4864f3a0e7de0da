"""Which inference backend this installation is configured for, read from settings (no torch).

The web process answers /api/status/ from this; the workers build their backend from the same
settings (inference/bridge/engine.py).
"""

from __future__ import annotations

from django.conf import settings


def configured_backend() -> str:
    """ "sam2" when a SAM 2 checkpoint is configured (or forced), else "opencv"."""
    choice = settings.MASKLET["INFERENCE_BACKEND"]
    if choice in ("sam2", "opencv"):
        return choice
    return "sam2" if settings.MASKLET["SAM2_CHECKPOINT"] else "opencv"


def backend_label() -> str:
    if configured_backend() == "sam2":
        return f"SAM 2 ({settings.MASKLET['SAM2_CONFIG'] or 'model named by the checkpoint'})"
    return "OpenCV fallback (no SAM 2 checkpoint configured: GrabCut and optical flow)"
