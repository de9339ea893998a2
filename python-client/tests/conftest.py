"""
Integration tests need a running gateway and fresh, empty topics, given by the environment:

    ROCKETMQ_WS_URL=ws://127.0.0.1:8080/ws/v1
    ROCKETMQ_WS_TEST_TOPICS=py-1,py-2,...,py-12     # at least 12, created for this run

Each integration test takes a topic of its own (``topic`` fixture) and a group nobody else uses (``group``).
Without ROCKETMQ_WS_URL they are skipped; unit tests always run.

Tests marked ``secured`` need a gateway with security on (docs/security.md) instead:

    ROCKETMQ_WS_SECURE_URL=ws://127.0.0.1:8080/ws/v1
    ROCKETMQ_WS_TLS_URL=wss://localhost:8443/ws/v1     # the same gateway over TLS
    ROCKETMQ_WS_CA_FILE=gateway-cert.pem              # the PEM certificate that wss:// URL must be trusted with
    ROCKETMQ_WS_TOKEN=...                             # may publish and subscribe sec-* topics with sec-* groups
    ROCKETMQ_WS_TEST_TOPICS=sec-1,...,sec-5           # fresh topics starting with sec-, at least 5
    ROCKETMQ_WS_MAX_FRAME_BYTES=131072                # optional: the gateway's gateway.limits.max-frame-bytes
    ROCKETMQ_WS_MAX_MESSAGE_BYTES=262144              # and quarkus.websockets-next.server.max-message-size

Without ROCKETMQ_WS_SECURE_URL they are skipped. ``pytest -m secured`` runs only them, ``-m "not secured"`` the
rest.
"""

from __future__ import annotations

import os
import re
import ssl
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

URL = os.environ.get("ROCKETMQ_WS_URL")
SECURE_URL = os.environ.get("ROCKETMQ_WS_SECURE_URL")
TOPICS = [t.strip() for t in os.environ.get("ROCKETMQ_WS_TEST_TOPICS", "").split(",") if t.strip()]
SKIP_REASON = "integration test: set ROCKETMQ_WS_URL (and ROCKETMQ_WS_TEST_TOPICS) to run it against a gateway"
SECURED_SKIP_REASON = "secured integration test: set ROCKETMQ_WS_SECURE_URL and the rest (see conftest.py)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for marker, configured, reason in (("integration", URL, SKIP_REASON), ("secured", SECURE_URL, SECURED_SKIP_REASON)):
        if not configured:
            for item in items:
                if marker in item.keywords:
                    item.add_marker(pytest.mark.skip(reason=reason))


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


@dataclass(frozen=True)
class SecuredGateway:
    """A gateway with security on, as ROCKETMQ_WS_SECURE_URL and the variables beside it describe it."""

    url: str
    tls_url: str
    ca_file: str
    token: str
    max_frame_bytes: int | None = None
    max_message_bytes: int | None = None

    def ssl_context(self) -> ssl.SSLContext:
        """A context that trusts the gateway's certificate and nothing else."""
        return ssl.create_default_context(cafile=self.ca_file)


@pytest.fixture(scope="session")
def secured() -> SecuredGateway:
    if not SECURE_URL:
        pytest.skip(SECURED_SKIP_REASON)
    names = ("ROCKETMQ_WS_TLS_URL", "ROCKETMQ_WS_CA_FILE", "ROCKETMQ_WS_TOKEN")
    missing = [name for name in names if not os.environ.get(name)]
    if missing or not all(t.startswith("sec-") for t in TOPICS) or len(TOPICS) < 5:
        pytest.fail(
            f"secured tests need {', '.join(missing) or 'them'} set and at least 5 sec-* topics in "
            "ROCKETMQ_WS_TEST_TOPICS"
        )

    def limit(name: str) -> int | None:
        value = os.environ.get(name)
        return int(value) if value else None

    return SecuredGateway(
        url=SECURE_URL,
        tls_url=os.environ["ROCKETMQ_WS_TLS_URL"],
        ca_file=os.environ["ROCKETMQ_WS_CA_FILE"],
        token=os.environ["ROCKETMQ_WS_TOKEN"],
        max_frame_bytes=limit("ROCKETMQ_WS_MAX_FRAME_BYTES"),
        max_message_bytes=limit("ROCKETMQ_WS_MAX_MESSAGE_BYTES"),
    )


@pytest.fixture(scope="session")
def _secured_topics(secured: SecuredGateway) -> Iterator[str]:
    return iter(TOPICS)


@pytest.fixture
def sec_topic(_secured_topics: Iterator[str], request: pytest.FixtureRequest) -> str:
    """A fresh sec-* topic that no other test uses."""
    topic = next(_secured_topics, None)
    if topic is None:
        pytest.fail(f"{request.node.name}: ROCKETMQ_WS_TEST_TOPICS has no fresh topic left; give it more topics")
    return topic


@pytest.fixture
def sec_group(request: pytest.FixtureRequest) -> str:
    """A consumer group name, allowed to the secured tests' token, unique to this test and run."""
    name = re.sub(r"[^A-Za-z0-9_-]", "-", request.node.name)[:60]
    return f"sec-py-{name}-{uuid.uuid4().hex[:8]}"
