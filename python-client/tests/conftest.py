"""
Integration tests need a running gateway and fresh, empty topics, given by the environment:

    ROCKETMQ_WS_URL=ws://127.0.0.1:8080/ws/v1
    ROCKETMQ_WS_TEST_TOPICS=py-1,py-2,...,py-12     # at least 12, created for this run

Each integration test takes a topic of its own (``topic`` fixture) and a group nobody else uses (``group``).
Without ROCKETMQ_WS_URL they are skipped; unit tests always run.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator

import pytest

URL = os.environ.get("ROCKETMQ_WS_URL")
TOPICS = [t.strip() for t in os.environ.get("ROCKETMQ_WS_TEST_TOPICS", "").split(",") if t.strip()]
SKIP_REASON = "integration test: set ROCKETMQ_WS_URL (and ROCKETMQ_WS_TEST_TOPICS) to run it against a gateway"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if URL:
        return
    skip = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if "integration" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def gateway_url() -> str:
    if not URL:
        pytest.skip(SKIP_REASON)
    return URL


class _TopicPool:
    def __init__(self, topics: list[str]) -> None:
        # the last topic is kept for tests whose publishes are all refused: it never holds a message
        self._free: Iterator[str] = iter(topics[:-1])
        self.refusing = topics[-1] if topics else ""

    def take(self, test: str) -> str:
        try:
            return next(self._free)
        except StopIteration:
            pytest.fail(f"{test}: ROCKETMQ_WS_TEST_TOPICS has no fresh topic left; give it more topics")


@pytest.fixture(scope="session")
def _topic_pool(gateway_url: str) -> _TopicPool:
    if len(TOPICS) < 2:
        pytest.fail("ROCKETMQ_WS_TEST_TOPICS must list fresh, empty topics (at least 12), comma-separated")
    return _TopicPool(TOPICS)


@pytest.fixture
def topic(_topic_pool: _TopicPool, request: pytest.FixtureRequest) -> str:
    """A fresh, empty topic that no other test uses."""
    return _topic_pool.take(request.node.name)


@pytest.fixture
def refusing_topic(_topic_pool: _TopicPool) -> str:
    """An existing topic shared by tests whose publishes the gateway refuses (it stays empty)."""
    return _topic_pool.refusing


@pytest.fixture
def group(request: pytest.FixtureRequest) -> str:
    """A consumer group name unique to this test and run."""
    name = re.sub(r"[^A-Za-z0-9_-]", "-", request.node.name)[:60]
    return f"py-{name}-{uuid.uuid4().hex[:8]}"
