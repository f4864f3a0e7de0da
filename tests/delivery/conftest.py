"""Fixtures of the delivery tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.delivery.webhook_receiver import Receiver


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()
