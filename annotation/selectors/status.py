"""Which inference backend serves this installation: what the live workers announce they run
(annotation/jobs/workers.py), per queue; the web process's own settings only say what is
configured, shown when no worker on the interactive queue is live.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

MODEL_QUEUES = ("interactive", "batch")


def configured_backend() -> str:
    """The backend chosen (sam2, edgetam, sam3, opencv); "auto": "sam2" when a SAM 2 checkpoint
    is configured, else "opencv"."""
    choice = settings.MASKLET["INFERENCE_BACKEND"]
    if choice in ("sam2", "opencv", "edgetam", "sam3"):
        return choice
    return "sam2" if settings.MASKLET["SAM2_CHECKPOINT"] else "opencv"


def backend_label() -> str:
    """The configured backend in words (the web process's settings, not a worker's)."""
    backend = configured_backend()
    if backend == "sam2":
        return f"SAM 2 ({settings.MASKLET['SAM2_CONFIG'] or 'model named by the checkpoint'})"
    if backend in ("edgetam", "sam3"):
        folder = settings.MASKLET["EDGETAM_MODEL" if backend == "edgetam" else "SAM3_MODEL"]
        return f"{'EdgeTAM' if backend == 'edgetam' else 'SAM 3'} ({folder or 'no model folder configured'})"
    return "OpenCV fallback (no SAM 2 checkpoint configured: GrabCut and optical flow)"


def _distinct(provenances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[tuple, dict[str, Any]] = {}
    for p in provenances:
        seen.setdefault((p.get("backend"), p.get("model"), p.get("checkpoint_sha256"), p.get("device"),
                         p.get("dtype"), p.get("image_size")), p)
    return list(seen.values())


def status_summary(live: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """/api/status/'s body (without the version) from the live workers per queue
    (`{queue: [{"name", "provenance"}]}`): each queue with its workers and the distinct models
    they run; `backend` and `backend_label` are what answers clicks (the interactive queue's
    workers), or the configured backend, said as such, when none is live."""
    queues = []
    for queue, workers in live.items():
        runs = _distinct([w["provenance"] for w in workers if w.get("provenance")])
        queues.append({"queue": queue, "workers": workers, "models": runs})
    clicks = next((q for q in queues if q["queue"] == "interactive"), {"workers": [], "models": []})
    if clicks["models"]:
        backend = str(clicks["models"][0]["backend"])
        label = " / ".join(str(p.get("label") or p["backend"]) for p in clicks["models"])
    else:
        backend = configured_backend()
        who = "interactive workers announce no model" if clicks["workers"] else "no interactive worker live"
        label = f"{who} (configured: {backend_label()})"
    return {"backend": backend, "backend_label": label, "queues": queues}
