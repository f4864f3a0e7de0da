"""The test data and the demo clip are the files their READMEs describe, byte for byte: each
matches its SHA-256 in tests/data/SHA256SUMS, and nothing unlisted sits beside them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.data_paths import BEDROOM_MP4, CHECKSUMS, ROOT, TEST_DATA

NOT_DATA = {"README.md", "SHA256SUMS"}


def listed() -> dict[str, str]:
    """{path relative to the repository: sha256} from SHA256SUMS (`sha256sum -c` format)."""
    sums: dict[str, str] = {}
    for line in CHECKSUMS.read_text().splitlines():
        digest, path = line.split("  ", 1)
        assert len(digest) == 64 and path not in sums, line
        sums[path] = digest
    return sums


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_every_listed_file_matches_its_sha256() -> None:
    sums = listed()
    assert len(sums) == 203  # 200 bedroom frames, 2 SA-V JSONs, the demo clip
    wrong = [path for path, digest in sums.items() if not (ROOT / path).is_file() or sha256(ROOT / path) != digest]
    assert not wrong, f"missing or changed: {wrong}"


def test_every_data_file_is_listed() -> None:
    present = {
        path.relative_to(ROOT).as_posix()
        for folder in (TEST_DATA, BEDROOM_MP4.parent)
        for path in folder.rglob("*")
        if path.is_file() and path.name not in NOT_DATA
    }
    assert present == set(listed())
