"""The drop-in facade without a gateway: the return values of the old API when nothing can be reached."""

from __future__ import annotations

import logging
import socket

import pytest

from rocketmq_ws.compat import DEFAULT_URL, RocketMQConsumer, RocketMQProducer, resolve_url


def _unreachable_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"ws://127.0.0.1:{port}/ws/v1"


def test_the_url_comes_from_the_argument_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROCKETMQ_WS_URL", raising=False)
    assert resolve_url(None) == DEFAULT_URL
    monkeypatch.setenv("ROCKETMQ_WS_URL", "ws://env:1/ws/v1")
    assert resolve_url(None) == "ws://env:1/ws/v1"
    assert resolve_url("wss://arg/ws/v1") == "wss://arg/ws/v1"
    # old code passed a DLL path first: it is not a URL and is ignored
    assert resolve_url("rocketmq_service.dll") == "ws://env:1/ws/v1"
    assert RocketMQConsumer().gateway_url == "ws://env:1/ws/v1"


def test_consumer_before_initialize() -> None:
    consumer = RocketMQConsumer(_unreachable_url())
    assert consumer.load_dll() is True
    assert consumer.get_next_message(timeout_ms=10) is None
    assert consumer.shutdown() is True
    assert consumer.shutdown() is True


def test_consumer_initialize_fails_with_false_when_the_gateway_is_unreachable(
    caplog: pytest.LogCaptureFixture,
) -> None:
    consumer = RocketMQConsumer(_unreachable_url())
    with caplog.at_level(logging.ERROR, logger="rocketmq_ws.compat"):
        assert consumer.initialize("ignored:9876", "t", "g", "*") is False
    assert "cannot connect" in caplog.text
    assert consumer.get_next_message(timeout_ms=10) is None
    assert consumer.shutdown() is True


def test_producer_before_and_after_a_failed_initialize() -> None:
    producer = RocketMQProducer(_unreachable_url())
    assert producer.load_dll() is True
    assert producer.send_message("t", "x") == (False, "Error: Producer not initialized")
    assert producer.initialize("ignored:9876", "g") is False
    assert producer.send_message("t", "x", tag="a") == (False, "Error: Producer not initialized")
    assert producer.shutdown() is True
