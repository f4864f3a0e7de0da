"""Where the test data and the demo clip live in the repository (origins and licences:
tests/data/README.md and demo/README.md). Fixtures `test_data` and `bedroom_mp4` return the same."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = ROOT / "tests" / "data"
CHECKSUMS = TEST_DATA / "SHA256SUMS"  # `sha256sum -c` format, paths relative to ROOT
BEDROOM_FRAMES = TEST_DATA / "bedroom"  # 00000.jpg ... 00199.jpg, 960x540
SAV_EXAMPLE = TEST_DATA / "sav_example"
BEDROOM_MP4 = ROOT / "demo" / "bedroom.mp4"  # the demo clip: BEDROOM_FRAMES as H.264, 30 fps
