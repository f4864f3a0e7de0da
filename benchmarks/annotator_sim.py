"""The simulated annotator of `benchmarks/annotator.py`, and the clips with ground truth it works on.

`make_gt_clip` renders a clip from inference/engine/synthetic.py (a textured object moving
diagonally, hidden in part by a sweeping bar) and, with two objects, adds a second textured
object that enters from the left edge a third of the way in and passes in front of the first.

`SimulatedAnnotator` drives the public HTTP API with the SDK's client (masklet_client), as a
person in the workspace would: for each object it makes a masklet, clicks at the centre of the
largest ground-truth component on the first frame where the object is visible, propagates, then
corrects: a click at the centre of the largest error region (positive where the object was
missed, negative where the mask spills) on the worst frame, and a propagation from there, until
the object's J&F reaches the target or the click budget is spent. Before each click it "thinks"
for `think` seconds (the time a person takes to look and aim), and it reports the frame it jumps
to through the workspace's activity heartbeat.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np

import maskcodec
from annotation.evaluation import jf as jf_metrics
from inference.engine.synthetic import make_clip
from masklet_client.sdk import APIError, Client


@dataclass(frozen=True)
class GTClip:
    frames: np.ndarray  # (N, H, W, 3) uint8 RGB
    objects: dict[str, np.ndarray]  # name -> (N, H, W) bool visible pixels


def make_gt_clip(num_frames: int = 40, width: int = 320, height: int = 240, objects: int = 2, seed: int = 0) -> GTClip:
    """A clip whose first object moves and is occluded; a second one (objects=2) enters late."""
    clip = make_clip(num_frames=num_frames, width=width, height=height, seed=seed)
    frames = clip.frames.copy()
    gt = {"moving": clip.masks.copy()}
    if objects >= 2:
        rng = np.random.default_rng(seed + 1)
        radius = max(6, int(22 * width / 320))
        texture = np.clip(
            np.array((60, 150, 210), np.float32) + 25 * rng.standard_normal((2 * radius, 2 * radius, 3)), 0, 255
        ).astype(np.uint8)
        yy, xx = np.mgrid[0 : 2 * radius, 0 : 2 * radius]
        disc = (yy - radius + 0.5) ** 2 + (xx - radius + 0.5) ** 2 <= radius**2
        late = np.zeros(clip.masks.shape, bool)
        enter = num_frames // 3
        cy = height - int(2.2 * radius)
        for t in range(enter, num_frames):
            cx = -radius + int((t - enter + 1) * (width * 0.8) / max(1, num_frames - enter))
            for dy in range(2 * radius):
                for dx in range(2 * radius):
                    y, x = cy - radius + dy, cx - radius + dx
                    if disc[dy, dx] and 0 <= y < height and 0 <= x < width:
                        frames[t, y, x] = texture[dy, dx]
                        late[t, y, x] = True
        gt["moving"] &= ~late  # the late object passes in front
        gt["late"] = late
    return GTClip(frames=frames, objects=gt)


def frames_zip(clip: GTClip) -> bytes:
    """The clip as a zip of PNG frames (lossless, so the ground truth matches the pixels)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for index, rgb in enumerate(clip.frames):
            ok, png = cv2.imencode(".png", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
            assert ok
            archive.writestr(f"clip/{index:05d}.png", png.tobytes())
    return buffer.getvalue()


def region_centre(mask: np.ndarray) -> tuple[int, int] | None:
    """(x, y) of the point deepest inside the largest connected component (inside even when concave)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    if count <= 1:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    component = (labels == largest).astype(np.uint8)
    depth = cv2.distanceTransform(np.pad(component, 1), cv2.DIST_L2, 5)[1:-1, 1:-1]
    y, x = np.unravel_index(int(np.argmax(depth)), depth.shape)
    return int(x), int(y)


def frame_scores(gt: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Per-frame (J + F) / 2 (0..1) of one object; a frame empty on both sides scores 1."""
    scores = np.ones(len(gt))
    for t in range(len(gt)):
        if gt[t].any() or pred[t].any():
            scores[t] = (jf_metrics.region_j(gt[t], pred[t]) + jf_metrics.boundary_f(gt[t], pred[t])) / 2
    return scores


@dataclass
class ObjectResult:
    name: str
    masklet: int
    clicks: int = 0
    propagations: int = 0
    jf: float = 0.0  # x100, as annotation/evaluation/jf.py reports
    history: list[float] = field(default_factory=list)


class SimulatedAnnotator:
    def __init__(
        self, client: Client, video_id: int, clip: GTClip, *, think: float = 0.0, max_clicks: int = 20,
        target_jf: float = 90.0, job_timeout: float = 600.0,
    ) -> None:
        self.client, self.video_id, self.clip = client, video_id, clip
        self.think, self.max_clicks, self.target_jf, self.job_timeout = think, max_clicks, target_jf, job_timeout
        self.backend: str | None = None
        self.request_seconds = 0.0  # time spent waiting for the server (clicks, propagations)

    def _timed(self, method: str, path: str, **kwargs: Any) -> Any:
        started = time.monotonic()
        try:
            return self.client.request(method, path, **kwargs)
        finally:
            self.request_seconds += time.monotonic() - started

    def _click(self, result: ObjectResult, frame: int, point: tuple[int, int], label: int) -> None:
        self._timed("POST", f"/api/videos/{self.video_id}/activity/", json={"frame": frame})
        time.sleep(self.think)
        answer = self._timed(
            "POST", f"/api/masklets/{result.masklet}/prompts/", json={"frame": frame, "points": [list(point)], "labels": [label]}
        )
        self.backend = answer.get("backend", self.backend)
        result.clicks += 1

    def _propagate(self, result: ObjectResult, frame: int, fallback: int) -> None:
        try:
            job = self._timed(
                "POST", f"/api/videos/{self.video_id}/propagations/",
                json={"masklets": [result.masklet], "start_frame": frame, "direction": "both"},
            )["job"]
        except APIError as error:
            if error.status != 400 or frame == fallback:  # 400: the frame's mask is empty now
                raise
            return self._propagate(result, fallback, fallback)
        started = time.monotonic()
        self.client.wait(job, poll_interval=0.5, timeout=self.job_timeout, progress=False)
        self.request_seconds += time.monotonic() - started
        result.propagations += 1

    def _prediction(self, masklet: int) -> np.ndarray:
        n, h, w = self.clip.frames.shape[:3]
        pred = np.zeros((n, h, w), bool)
        for mask in self.client.request("GET", f"/api/masklets/{masklet}/masks/"):
            pred[mask["frame"]] = maskcodec.decode(mask["rle"]) != 0
        return pred

    def annotate(self, name: str) -> ObjectResult:
        gt = self.clip.objects[name]
        masklet = self._timed("POST", f"/api/videos/{self.video_id}/masklets/", json={"name": name})["id"]
        result = ObjectResult(name=name, masklet=masklet)
        first = int(np.flatnonzero(gt.reshape(len(gt), -1).any(axis=1))[0])
        centre = region_centre(gt[first])
        assert centre is not None
        self._click(result, first, centre, 1)
        self._propagate(result, first, first)
        while True:
            pred = self._prediction(masklet)
            result.jf = jf_metrics.evaluate({name: dict(enumerate(gt))}, {name: dict(enumerate(pred))}).jf
            result.history.append(round(result.jf, 2))
            if result.jf >= self.target_jf or result.clicks >= self.max_clicks:
                return result
            scores = frame_scores(gt, pred)
            worst = int(np.argmin(scores))
            error = gt[worst] ^ pred[worst]
            point = region_centre(error)
            if point is None:
                return result
            self._click(result, worst, point, int(gt[worst][point[1], point[0]]))
            self._propagate(result, worst, first)
