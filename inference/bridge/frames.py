"""Annotated frames of a video, read lazily from Django storage for the engine."""

from __future__ import annotations

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
