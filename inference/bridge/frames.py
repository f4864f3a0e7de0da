"""Annotated frames of a video, read lazily from Django storage for the engine, and read ahead
in a thread during a propagation."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import cv2
import numpy as np
from django.core.files.storage import default_storage

from annotation.models import Video
from inference.engine.base import EngineError


class StorageFrameSource:
    """Annotated frames of a video, read lazily from Django storage at source resolution.

    `cache_key` names the video's content, so image features computed for one click are reused
    by the next click on the same frame (each click opens a new engine session).
    """

    def __init__(self, video: Video) -> None:
        self.video_id = video.pk
        self.height = int(video.height or 0)
        self.width = int(video.width or 0)
        self._count = int(video.frame_count)
        self._video = video
        self.cache_key = f"video:{video.pk}:{video.content_hash}"

    def __len__(self) -> int:
        return self._count

    def read(self, index: int) -> np.ndarray:
        """Frame `index` (annotated-frame index) as an RGB array of the original video's pixels."""
        if not 0 <= index < self._count:
            raise IndexError(index)
        path = self._video.frame_path(index, full=True)
        try:
            with default_storage.open(path, "rb") as handle:
                data = np.frombuffer(handle.read(), dtype=np.uint8)
        except (FileNotFoundError, OSError) as error:
            raise EngineError(f"frame {index} of video {self.video_id} is missing from storage") from error
        bgr = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
        if bgr is None:
            raise EngineError(f"frame {index} of video {self.video_id} cannot be decoded")
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


class PrefetchedFrames:
    """A frame source that reads `order` ahead in a thread of its own, at most `depth` frames.

    The engine reads frames one at a time as it tracks; this source has the next ones decoded
    by then. A frame in `order` at or after the last one asked for comes from the reader (the
    call waits for it if the reader is behind); frames the engine skipped are dropped. Any other
    frame (a conditioning frame elsewhere in the video) is read directly. A read error is raised
    to whoever asks for that frame. Use as a context manager: the thread stops on exit.
    """

    def __init__(self, source: StorageFrameSource, order: range, *, depth: int,
                 on_read: Callable[[float], None] | None = None,
                 on_wait: Callable[[float], None] | None = None) -> None:
        self.source = source
        self.height, self.width = source.height, source.width
        self.cache_key = source.cache_key
        self.order = order
        self.depth = max(1, int(depth))
        self._on_read = on_read or (lambda seconds: None)
        self._on_wait = on_wait or (lambda seconds: None)
        self._ready: dict[int, np.ndarray | BaseException] = {}  # position in `order` -> frame
        self._wanted = 0  # the position the engine asks for next (earlier ones are dropped)
        self._next = 0  # the position the reader reads next
        self._stop = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=f"frames-{source.video_id}", daemon=True)
        self._thread.start()

    def __len__(self) -> int:
        return len(self.source)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stop and self._next - self._wanted >= self.depth:
                    self._cond.wait()
                if self._stop or self._next >= len(self.order):
                    return
                self._next = max(self._next, self._wanted)
                position = self._next
            started = time.perf_counter()
            frame: np.ndarray | BaseException
            try:
                frame = self.source.read(self.order[position])
            except BaseException as error:  # raised to the engine when it asks for this frame
                frame = error
            self._on_read(time.perf_counter() - started)
            with self._cond:
                if position >= self._wanted:
                    self._ready[position] = frame
                self._next = position + 1
                self._cond.notify_all()
                if isinstance(frame, BaseException):
                    return  # nothing after a failed read is needed

    def read(self, index: int) -> np.ndarray:
        position = index - self.order.start if self.order.step > 0 else self.order.start - index
        if not 0 <= position < len(self.order) or position < self._wanted:
            return self.source.read(index)
        started = time.perf_counter()
        with self._cond:
            self._wanted = position
            for stale in [p for p in self._ready if p < position]:
                del self._ready[stale]
            self._cond.notify_all()
            while position not in self._ready:
                if not self._thread.is_alive() and position not in self._ready:
                    break
                self._cond.wait(0.5)
            frame = self._ready.pop(position, None)
            self._wanted = position + 1
            self._cond.notify_all()
        self._on_wait(time.perf_counter() - started)
        if frame is None:  # the reader stopped before this frame: read it here
            return self.source.read(index)
        if isinstance(frame, BaseException):
            raise frame
        return frame

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._ready.clear()
            self._cond.notify_all()
        self._thread.join()

    def __enter__(self) -> PrefetchedFrames:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
