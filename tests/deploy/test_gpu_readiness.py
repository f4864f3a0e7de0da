"""GPU readiness without a GPU: one torch version across pyproject.toml, the CUDA worker image and
Kubernetes (the version the tests run), and the opt-in compile setting reaching the engine.
benchmarks/gpu.py is smoke-tested in tests/deploy/test_inference_benchmarks.py."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "platform" / "Dockerfile.worker-cuda"


def _pins() -> dict[str, str]:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["inference"]
    pins = dict(re.fullmatch(r"([\w-]+)==([\w.]+)", line).groups() for line in extra)  # type: ignore[union-attr]
    # exact pins, nothing else: the sam2 package, and transformers (EdgeTAM, SAM 3) with timm
    # (EdgeTAM's image encoder)
    assert set(pins) == {"torch", "torchvision", "sam2", "transformers", "timm"}, extra
    return pins


def _cuda() -> tuple[str, str]:
    """The CUDA version of the torch the tests run, and its wheel index tag (13.0 -> cu130)."""
    torch = pytest.importorskip("torch")
    assert torch.version.cuda, "the tests' torch is a CPU-only build: no CUDA version to match"
    return torch.version.cuda, "cu" + torch.version.cuda.replace(".", "")


def test_the_tests_run_the_pinned_torch() -> None:
    for name, pin in _pins().items():
        assert version(name).split("+")[0] == pin, name


def test_the_cuda_worker_image_installs_the_pinned_torch_for_the_tests_cuda() -> None:
    text = DOCKERFILE.read_text()
    cuda, wheels = _cuda()
    assert re.search(rf"^ARG CUDA_WHEELS={wheels}$", text, re.M), text
    assert re.search(rf"^ARG CUDA_VERSION={re.escape(cuda)}$", text, re.M), text
    # torch, torchvision and sam2 come from pyproject.toml's inference extra, never typed here
    assert "scripts/requirements.py inference | grep -E '^(torch|torchvision)=='" in text
    assert "--index-url https://download.pytorch.org/whl/${CUDA_WHEELS} -r /tmp/torch.txt" in text
    assert "scripts/requirements.py inference | grep -E '^sam2=='" in text
    # after torch, so that they take the CUDA build installed first instead of pulling another
    assert "scripts/requirements.py inference | grep -E '^(transformers|timm)=='" in text
    assert text.index("/tmp/torch.txt") < text.index("/tmp/hf.txt")
    assert not re.search(r"(torch|torchvision|sam2|transformers|timm)==\d", text), "a version typed in the Dockerfile"
    assert not re.search(r"^FROM pytorch/", text, re.M), "a base image with a torch of its own"
    # the build asserts what it installed
    assert "torch.version.cuda) == (pin, '${CUDA_VERSION}')" in text


def test_kubernetes_runs_the_image_of_that_torch() -> None:
    _, wheels = _cuda()
    tag = f"masklet-worker-cuda:torch{_pins()['torch']}-{wheels}"
    images = [m.group(1) for f in sorted((ROOT / "platform" / "k8s").glob("*.yaml"))
              for m in re.finditer(r"image:\s*(masklet-worker-cuda\S*)", f.read_text())]
    assert images and set(images) == {tag}, images
    assert f"-t {tag} ." in DOCKERFILE.read_text()  # the build command the Dockerfile gives


def test_the_compile_setting_reaches_the_engine_config(settings: Any) -> None:
    from inference.bridge.engine import engine_config

    assert engine_config().compile == "off"  # opt-in
    settings.MASKLET = {**settings.MASKLET, "COMPILE": "vos"}
    assert engine_config().compile == "vos"
