"""Warm per-video engine sessions of one worker process: the memory SAM 2 keeps about each
masklet (its prompts, the frames it tracked) between clicks and propagations.

A session is a cache, never the truth: the database is. For each masklet a warm video holds
the versions of the masks its state produced (frame → FrameMask version). While the stored
versions are still those, a click is added to that state exactly as sam2's own
SAM2VideoPredictor would add it (`add_new_points_or_box`: on a tracked frame it is answered with
the object's memory), and a propagation in this process continues the same state. Masks written
by anyone else (another worker's propagation, a brush edit, a restart) make the masklet stale:
its state is rebuilt from the stored prompts and masks (see `rebuild_for_click`) and it is no
longer "exact", so propagations of it start over from stored masks as before.

Where masks equal sam2's own predictor bit for bit: for masklets whose every click and
propagation ran through one warm video of one process (README, "Corrections and warm sessions").
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

import maskcodec as rle_utils
from annotation.models import FrameMask, Job, Video
from annotation.models.masklets import USER_SOURCES, MaskSource
from inference.bridge.engine import backend
from inference.bridge.frames import StorageFrameSource
from inference.engine.base import FrameMasks, Session


@dataclass
class MaskletState:
    """What a warm session holds about one masklet: the stored versions its state produced and
    whether that state is sam2's own history (every prompt and propagation ran through it)."""

    versions: dict[int, int] = field(default_factory=dict)
    exact: bool = True


class WarmVideo:
    """One video's engine session and the masklets it holds; used under `lock`."""

    def __init__(self, video: Video) -> None:
        self.video_id = video.pk
        self.content_hash = video.content_hash
        self.session: Session = backend().open_session(StorageFrameSource(video))
        self.masklets: dict[int, MaskletState] = {}
        self.lock = threading.RLock()

    def forget(self, masklet_id: int) -> None:
        """Drop a masklet's state (stale, failed, deleted); the next use rebuilds it."""
        self.masklets.pop(masklet_id, None)
        forget = getattr(self.session, "forget", None)
        if forget is not None:
            forget(masklet_id)

    def in_sync(self, masklet_id: int, versions: dict[int, int]) -> bool:
        state = self.masklets.get(masklet_id)
        return state is not None and state.versions == versions

    def close(self) -> None:
        self.session.close()


class VideoSessions:
    """The process's warm videos, least recently used closed beyond
    settings.MASKLET["INTERACTIVE_SESSIONS"]."""

    def __init__(self) -> None:
        self._entries: OrderedDict[int, WarmVideo] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, video: Video) -> WarmVideo:
        """The video's warm session, opened if this process holds none (or holds an older
        content of the video)."""
        closing: list[WarmVideo] = []
        with self._lock:
            warm = self._entries.pop(video.pk, None)
            if warm is not None and warm.content_hash != video.content_hash:
                closing.append(warm)
                warm = None
            if warm is None:
                warm = WarmVideo(video)
            self._entries[video.pk] = warm
            while len(self._entries) > max(1, int(settings.MASKLET["INTERACTIVE_SESSIONS"])):
                closing.append(self._entries.popitem(last=False)[1])
        for old in closing:
            with old.lock:
                old.close()
        return warm

    def peek(self, video_id: int) -> WarmVideo | None:
        with self._lock:
            return self._entries.get(video_id)

    def drop(self, video_id: int) -> None:
        with self._lock:
            warm = self._entries.pop(video_id, None)
        if warm is not None:
            with warm.lock:
                warm.close()

    def clear(self) -> None:
        with self._lock:
            entries, self._entries = list(self._entries.values()), OrderedDict()
        for warm in entries:
            warm.close()


video_sessions = VideoSessions()


def stored_versions(masklet_id: int) -> dict[int, int]:
    """frame → version of every stored mask of a masklet (what a warm state must match)."""
    return dict(FrameMask.objects.filter(masklet_id=masklet_id).values_list("frame", "version"))


# ---------------------------------------------------------------------------------------------
# A click on a masklet the warm session does not hold (or holds stale)


# Stored masks a rebuilt state is conditioned on: what people prompted or edited, and the key
# frames automatic masklets were proposed on.
COND_SOURCES = (*USER_SOURCES, MaskSource.AUTO)


def rebuild_for_click(
    warm: WarmVideo, *, masklet_id: int, frame: int, reset: bool, versions: dict[int, int]
) -> None:
    """Give the session a state of `masklet_id` for a click on `frame`, from the database
    (whose stored `versions` the new state then stands for).

    On a tracked frame (a propagated mask there, and conditioning frames elsewhere): the stored
    masks of the masklet's prompted, edited or automatic key frames nearest to `frame`
    (at most MASKLET["MAX_COND_FRAMES"]) become conditioning frames (`add_mask`), then the
    masklet alone is tracked on `frame` from that memory (`track_frame`, in the direction the
    job that stored the frame went), so the click that follows is a correction answered with the
    object's memory, as sam2 answers it. What differs from the history sam2's own predictor
    would have: conditioning frames hold the stored (binary, post-processed) masks instead of the
    logits of the clicks that made them, and the non-conditioning memory of the frames tracked
    just before `frame` is missing. Elsewhere (a frame without a mask, a person's own mask, or a
    prompt that starts over) the click is answered on that image alone, guided by the stored
    mask when there is one and the prompt does not start over.
    """
    warm.forget(masklet_id)
    session = warm.session
    rows = {
        f: (source, rle, job_id)
        for f, source, rle, job_id in FrameMask.objects.filter(masklet_id=masklet_id).values_list(
            "frame", "source", "rle", "job_id"
        )
    }
    current = rows.get(frame)
    cond = sorted((f for f, row in rows.items() if row[0] in COND_SOURCES and f != frame), key=lambda f: abs(f - frame))
    bound = int(settings.MASKLET["MAX_COND_FRAMES"])
    cond = cond if bound < 0 else cond[:bound]
    track_frame = getattr(session, "track_frame", None)
    if not reset and current is not None and current[0] == MaskSource.PROPAGATED and cond and track_frame is not None:
        for f in sorted(cond):
            session.add_mask(masklet_id, f, rle_utils.decode(rows[f][1]))
        track_frame(masklet_id, frame, _tracked_direction(current[2], frame, cond))
    elif not reset and current is not None:
        session.add_mask(masklet_id, frame, rle_utils.decode(current[1]))
    warm.masklets[masklet_id] = MaskletState(versions=dict(versions), exact=not rows)


def _tracked_direction(job_id: int | None, frame: int, cond: list[int]) -> str:
    """The direction a stored frame was tracked in: from its job's start frame when known,
    else away from the nearest conditioning frame."""
    params = Job.objects.filter(pk=job_id).values_list("params", flat=True).first() if job_id else None
    start = (params or {}).get("start_frame")
    if isinstance(start, int) and start != frame:
        return "forward" if frame > start else "backward"
    return "forward" if cond[0] < frame else "backward"


# ---------------------------------------------------------------------------------------------
# Propagation through a warm session


class PropagationSession:
    """The session a propagation direction runs on (see `propagation_session`)."""

    def __init__(self, session: Session, warm: WarmVideo | None, retracked: set[int]) -> None:
        self.session = session
        self.warm = warm is not None
        self._retracked = retracked

    def start_frame_masks(self, item: FrameMasks) -> FrameMasks | None:
        """The masks of the start frame worth storing: on a warm session sam2 tracks the start
        frame again for masklets that have no prompt or edit there (their new mask is stored);
        on a new session the start frame is the conditioning input, already stored."""
        masks = {k: v for k, v in item.masks.items() if k in self._retracked}
        return FrameMasks(frame=item.frame, masks=masks) if masks else None


@contextlib.contextmanager
def propagation_session(
    *, video: Video, frames: StorageFrameSource, masklet_ids: list[int], start: int, resumed: bool, job_id: int
) -> Iterator[PropagationSession]:
    """The session a propagation direction runs on: the process's warm session of the video when
    it holds every masklet exactly (sam2's own history: the propagation continues it), else a new
    session the caller conditions on stored masks. After a warm run the masklets' versions are
    taken over from the database where this job wrote them; any other change makes them stale."""
    warm = video_sessions.peek(video.pk)
    # OpenCV has no memory to continue: its propagations always start from the stored masks.
    if warm is not None and not resumed and warm.content_hash == video.content_hash and backend().name == "sam2":
        with warm.lock:
            versions = {m: stored_versions(m) for m in masklet_ids}
            if all(warm.in_sync(m, v) and warm.masklets[m].exact for m, v in versions.items()):
                for other in [m for m in warm.masklets if m not in versions]:
                    warm.forget(other)  # sam2 would track it too, and its masks would not be stored
                user_start = set(
                    FrameMask.objects.filter(masklet_id__in=masklet_ids, frame=start, source__in=USER_SOURCES)
                    .values_list("masklet_id", flat=True)
                )
                try:
                    yield PropagationSession(warm.session, warm, set(masklet_ids) - user_start)
                except BaseException:
                    video_sessions.drop(video.pk)  # part-way through: its state is not the database's
                    raise
                _take_over_versions(warm, versions, job_id)
                return
    with backend().open_session(frames) as session:
        yield PropagationSession(session, None, set())


def _take_over_versions(warm: WarmVideo, before: dict[int, dict[int, int]], job_id: int) -> None:
    rows = FrameMask.objects.filter(masklet_id__in=list(before)).values_list("masklet_id", "frame", "version", "job_id")
    after: dict[int, dict[int, tuple[int, int | None]]] = {m: {} for m in before}
    for masklet_id, frame, version, job in rows:
        after[masklet_id][frame] = (version, job)
    for masklet_id, old in before.items():
        new = after[masklet_id]
        changed = {f for f in set(old) | set(new) if old.get(f) != (new[f][0] if f in new else None)}
        if all(f in new and new[f][1] == job_id for f in changed):
            warm.masklets[masklet_id].versions = {f: v for f, (v, _) in new.items()}
        else:  # someone else wrote meanwhile: rebuild at the next use
            warm.forget(masklet_id)
