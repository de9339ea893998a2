"""The drop-in facade against a real gateway: the exact return values of the old API."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from rocketmq_ws.compat import RocketMQConsumer, RocketMQProducer

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]


def test_producer_and_consumer_return_what_the_old_api_returned(gateway_url: str, topic: str, group: str) -> None:
    consumer = RocketMQConsumer(gateway_url)
    producer = RocketMQProducer(gateway_url)
    try:
        assert consumer.load_dll() is True
        assert consumer.initialize("192.168.1.2:9876", topic, group, "tag") is True
        assert consumer.initialize("192.168.1.2:9876", topic, group, "tag") is True  # "already running"
        assert producer.load_dll() is True
        assert producer.initialize("192.168.1.2:9876", "producer_group") is True

        sent = [producer.send_message(topic, f"body {i}", tag="tag") for i in range(3)]
        for ok, result in sent:
            assert ok is True
            assert result.startswith("Success: MsgID=")
        assert producer.send_message(topic, "other tag", tag="other")[0] is True
        assert producer.send_message(topic, "") == (False, "Error: Topic or message body cannot be empty")
        ok, result = producer.send_message("bad topic!", "x")
        assert ok is False
        assert result.startswith("Error: INVALID_ARGUMENT")

        bodies = {consumer.get_next_message(timeout_ms=30_000) for _ in range(3)}
        assert bodies == {"body 0", "body 1", "body 2"}
        assert consumer.get_next_message(timeout_ms=2000) is None  # the "other" tag is filtered out
    finally:
        assert consumer.shutdown() is True
        assert producer.shutdown() is True
    assert consumer.shutdown() is True
    assert consumer.get_next_message(timeout_ms=10) is None
    assert producer.send_message(topic, "x") == (False, "Error: Producer not initialized")

    # shutdown acked the last message: nothing is left for the group
    again = RocketMQConsumer(gateway_url)
    try:
        assert again.initialize("", topic, group, "tag") is True
        assert again.get_next_message(timeout_ms=3000) is None
    finally:
        assert again.shutdown() is True


def test_a_message_being_handled_when_the_process_dies_is_delivered_again(
    gateway_url: str, topic: str, group: str
) -> None:
    producer = RocketMQProducer(gateway_url)
    assert producer.initialize("", "g") is True
    try:
        assert producer.send_message(topic, "first")[0] is True
        assert producer.send_message(topic, "second")[0] is True
    finally:
        producer.shutdown()
    # a process that takes two messages (so the first is acked) and dies while handling the second
    script = textwrap.dedent(
        f"""
        import os
        from rocketmq_ws.compat import RocketMQConsumer
        consumer = RocketMQConsumer({gateway_url!r})
        assert consumer.initialize("", {topic!r}, {group!r}, "*")
        print(consumer.get_next_message(timeout_ms=30000), flush=True)
        print(consumer.get_next_message(timeout_ms=30000), flush=True)
        os._exit(1)
        """
    )
    died = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert died.returncode == 1, died.stderr
    taken = died.stdout.split()
    assert sorted(taken) == ["first", "second"]
    consumer = RocketMQConsumer(gateway_url)
    try:
        assert consumer.initialize("", topic, group, "*") is True
        # the gateway returns the un-acked message when the connection drops; allow the invisible duration too
        assert consumer.get_next_message(timeout_ms=150_000) == taken[1]
        assert consumer.get_next_message(timeout_ms=3000) is None
    finally:
        assert consumer.shutdown() is True
