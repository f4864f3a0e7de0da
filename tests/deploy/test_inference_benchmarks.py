"""Smoke tests of the inference benchmarks' pieces (the benchmarks themselves run for minutes
against a whole platform; these run their parts small, on the real code):

- benchmarks/gpu.py exits cleanly with a JSON line saying there is no CUDA, and measures click
  latency, frames per second and bfloat16 autocast with `--device cpu`;
- the bare loop (benchmarks/bare_predictor.py) with several objects, inline clean-up and RLE
  encoding and a warm-up;
- the stage times propagation.py reads are the ones a propagation job logs;
- the high-water-mark reset memory.py relies on (/proc/<pid>/clear_refs).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "2", "TQDM_DISABLE": "1"}


@pytest.fixture(scope="module")
def tiny_checkpoint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sam2")
    out = tmp_path_factory.mktemp("gpu") / "sam2.1_hiera_tiny.pt"
    subprocess.run([sys.executable, "-m", "inference.engine.random_checkpoint", "--model", "tiny", "--out", str(out)],
                   cwd=ROOT, env=ENV, check=True, capture_output=True)
    return out


def _json_line(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


def test_gpu_benchmark_says_no_cuda_and_exits_cleanly() -> None:
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("a CUDA device is visible: the benchmark would measure it")
    run = subprocess.run([sys.executable, "benchmarks/gpu.py"], cwd=ROOT, env=ENV, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    result = _json_line(run.stdout)
    assert result["cuda"] is False and "no CUDA" in result["reason"]
    assert result["torch"] == torch.__version__ and "models" not in result


@pytest.mark.sam2
def test_gpu_benchmark_measures_on_the_cpu_when_asked(tiny_checkpoint: Path) -> None:
    env = {**ENV, "MASKLET_SAM2_CHECKPOINT": str(tiny_checkpoint), "MASKLET_TORCH_THREADS": "2"}
    run = subprocess.run([sys.executable, "benchmarks/gpu.py", "--device", "cpu", "--image-size", "128",
                          "--frames", "3", "--objects", "1", "2"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = _json_line(run.stdout)
    assert result["bfloat16"]["supported"] and "torch.bfloat16" in result["bfloat16"]["autocast_dtypes"]
    assert result["bfloat16"]["max_relative_error"] < 0.05
    assert list(result["models"]) == ["tiny"]
    tiny = result["models"]["tiny"]
    assert tiny["label"] == "SAM 2 (tiny, 128 px input, cpu)"
    assert tiny["click_first_ms"] > 0 and tiny["click_cached_ms"] > 0
    assert set(tiny["fps"]) == {"1", "2"} and all(v > 0 for v in tiny["fps"].values())


@pytest.mark.sam2
def test_bare_loop_with_objects_inline_cleanup_and_warm_up(tiny_checkpoint: Path, tmp_path: Path) -> None:
    from benchmarks.bare_predictor import run_bare_in_subprocess

    frames = sorted((ROOT / "tests" / "data" / "bedroom").glob("*.jpg"))[:3]
    for index, path in enumerate(frames):
        (tmp_path / f"{index:05d}.jpg").write_bytes(path.read_bytes())
    bare = run_bare_in_subprocess(checkpoint=str(tiny_checkpoint), frames_dir=str(tmp_path), image_size=128,
                                  objects=[[460.0, 200.0], [120.0, 420.0]], threads=2, warmup_frames=2,
                                  inline_postprocess={"fill_holes_below": 64, "remove_regions_below": 32})
    assert (bare["frames"], bare["objects"], bare["device"]) == (3, 2, "cpu")
    assert bare["postprocess_s"] > 0 and bare["encode_s"] > 0
    assert bare["propagate_s"] > bare["postprocess_s"] + bare["encode_s"]  # inline: inside the loop's time
    assert bare["growth_mib"] >= 0 and bare["cpu_s"] > 0


@pytest.mark.usefixtures("transactional_db")
def test_the_stage_times_the_propagation_benchmark_reads_are_those_a_job_logs(caplog: pytest.LogCaptureFixture
                                                                              ) -> None:
    from django.db import transaction

    import maskcodec
    from annotation.jobs.runner import run_job
    from annotation.models.masklets import MaskSource
    from annotation.services.masklets import NewMask, frame_masks_store, masklet_create
    from annotation.services.videos import propagation_start
    from benchmarks.propagation import stage_seconds
    from inference.bridge.propagation import propagation_job
    from tests.factories import make_team

    team = make_team(frames=6)
    masklet = masklet_create(video=team.video, user=team.annotator)
    mask = np.zeros((64, 96), bool)
    mask[20:44, 10:34] = True
    frame_masks_store(masklet=masklet, masks=[NewMask(frame=0, rle=maskcodec.encode(mask), source=MaskSource.PROMPT)])
    with transaction.atomic():
        job = propagation_start(video=team.video, user=team.annotator, masklets=[masklet.pk], start_frame=0,
                                direction="forward", max_frames=None)
        transaction.get_connection().run_on_commit.clear()  # run here, not by a worker
    with caplog.at_level(logging.INFO, logger="inference.bridge.propagation"):
        assert run_job(job.pk, propagation_job, task_id="stages") == "succeeded"
    stages = stage_seconds(caplog.text, job.pk)
    assert set(stages["seconds"]) == {"read", "model", "post-process", "encode", "store"}
    assert all(v > 0 for v in stages["seconds"].values()), stages  # every stage ran
    assert set(stages["waits"]) == {"encoder", "writer", "reader"}
    with pytest.raises(RuntimeError, match=f"no stage times of job {job.pk + 1}"):
        stage_seconds(caplog.text, job.pk + 1)


def test_the_high_water_mark_resets_to_the_current_rss() -> None:
    from benchmarks.bare_predictor import reset_peak_rss, vm_hwm_mib, vm_rss_mib

    child = subprocess.Popen([sys.executable, "-c", "import sys, time; b = bytearray(300 * 2**20); b[::4096] = "
                              "b'x' * len(b[::4096]); del b; print('freed', flush=True); time.sleep(30)"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "freed"
        assert vm_hwm_mib(child.pid) > 300  # the peak of the buffer, long freed
        reset_peak_rss(child.pid)
        time.sleep(0.1)
        assert vm_hwm_mib(child.pid) < vm_rss_mib(child.pid) + 50 < 300
    finally:
        child.kill()
        child.wait()


def test_models_benchmark_runs_every_backend_quick(tmp_path: Path) -> None:
    """benchmarks/models.py --quick: tiny random models, 3 frames; the figures mean nothing, the
    run shows each backend loads from its folder, answers a click and propagates."""
    pytest.importorskip("transformers")
    pytest.importorskip("sam2")
    env = {**ENV, "MASKLET_BENCH_CACHE": str(tmp_path), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "benchmarks/models.py", "--quick"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    result = _json_line(run.stdout)
    assert set(result["backends"]) == {"opencv", "sam2", "edgetam", "sam3"}
    for figures in result["backends"].values():
        assert figures["frames"] == 3 and figures["s_per_frame"] > 0 and figures["first_click_s"] > 0
    ratio = result["backends"]["edgetam"]["s_per_frame"] / result["backends"]["sam2"]["s_per_frame"]
    assert result["ratio"] == pytest.approx(ratio, abs=1e-3)
