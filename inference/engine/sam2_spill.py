"""Per-frame tracking outputs a SAM 2 session moved out of memory, kept on local disk.

Imports torch: only the SAM 2 backend imports this module. A session drops the outputs of frames
outside the model's memory window as propagation advances (memory stays flat with video length);
sam2's own predictor keeps them, and reads them again when a frame is corrected later (the
object's memory around it) or a propagation starts there. So they are written here, bounded by a
byte budget per session, and read back around a frame before such a call: the answer stays
sam2's own. Outputs pushed out by the budget are "lost": the caller can tell, and rebuild.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import torch

# The per-frame tensors of sam2's compact output (`_run_single_frame_inference`); the memory
# positional encoding is a constant of the state ("constants"), restored from there.
_SAVED = ("maskmem_features", "pred_masks", "obj_ptr", "object_score_logits")


class StateSpill:
    """Spilled outputs keyed by (object id, frame), least recently written dropped first."""

    def __init__(self, budget_bytes: int):
        self.budget_bytes = max(0, int(budget_bytes))
        self._dir: Path | None = None
        self._files: OrderedDict[tuple[int, int], tuple[Path, int]] = OrderedDict()
        self._bytes = 0
        self.lost: set[tuple[int, int]] = set()
        self.written = 0
        self.read = 0

    def __contains__(self, key: tuple[int, int]) -> bool:
        return key in self._files

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def put(self, object_id: int, frame: int, output: dict[str, Any]) -> None:
        key = (object_id, frame)
        self.discard(key)
        self.lost.discard(key)
        if self.budget_bytes == 0:
            self.lost.add(key)
            return
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="masklet-sam2-state-"))
        path = self._dir / f"{object_id}-{frame}.pt"
        torch.save({k: output[k] for k in _SAVED}, path)
        size = path.stat().st_size
        self._files[key] = (path, size)
        self._bytes += size
        self.written += 1
        while self._bytes > self.budget_bytes and self._files:
            old_key = next(iter(self._files))
            self.discard(old_key)
            self.lost.add(old_key)

    def take(self, object_id: int, frame: int, constants: dict[str, Any], device: torch.device) -> dict[str, Any]:
        """The output spilled for (object, frame), as sam2 stored it; removed from the spill."""
        path, _ = self._files[(object_id, frame)]
        output = torch.load(path, map_location=device, weights_only=True)
        self.discard((object_id, frame))
        pos = constants.get("maskmem_pos_enc")
        output["maskmem_pos_enc"] = None if pos is None else [x.expand(1, -1, -1, -1) for x in pos]
        self.read += 1
        return output

    def discard(self, key: tuple[int, int]) -> None:
        entry = self._files.pop(key, None)
        if entry is not None:
            entry[0].unlink(missing_ok=True)
            self._bytes -= entry[1]

    def forget(self, object_id: int) -> None:
        for key in [k for k in self._files if k[0] == object_id]:
            self.discard(key)
        self.lost = {k for k in self.lost if k[0] != object_id}

    def close(self) -> None:
        self._files.clear()
        self._bytes = 0
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
