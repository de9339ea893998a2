"""The asyncio client against a real gateway and RocketMQ (see conftest.py for the environment)."""

from __future__ import annotations

import logging
import os
import time

import pytest

import rocketmq_ws
from rocketmq_ws import Client, Message, Subscription

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]

# RocketMQ needs a moment for each delivery; these bound the waits, they are not sleeps
DELIVERY = 30.0
#: how long "no further message arrives" is watched for
QUIET = 3.0


def connect(url: str, **kwargs: object) -> rocketmq_ws.connect:
    return rocketmq_ws.connect(url, request_timeout=20, **kwargs)  # type: ignore[arg-type]


async def receive(sub: Subscription, count: int, *, ack: bool = True) -> list[Message]:
    messages = []
    for _ in range(count):
        message = await sub.next(timeout=DELIVERY)
        if ack:
            await message.ack()
        messages.append(message)
    return messages


async def assert_nothing_more(sub: Subscription) -> None:
    with pytest.raises(rocketmq_ws.RequestTimeoutError):
        extra = await sub.next(timeout=QUIET)
        pytest.fail(f"unexpected message {extra}")


async def test_round_trip_of_text_binary_and_large_bodies_with_properties(
    gateway_url: str, topic: str, group: str
) -> None:
    binary = bytes(range(256)) * 4
    large = os.urandom(1024 * 1024)
    before = int(time.time() * 1000)
    async with connect(gateway_url) as client, client.subscribe(topic, group) as sub:
        sent = {
            await client.publish(
                topic, "héllo ✓", tag="greeting", keys=["k-1", "k-2"], properties={"lang": "fr", "n": "1"}
            ): ("text", b"h\xc3\xa9llo \xe2\x9c\x93"),
            await client.publish(topic, binary, tag="bin"): ("binary", binary),
            await client.publish(topic, large): ("large", large),
        }
        received = {m.message_id: m for m in await receive(sub, 3)}
        await assert_nothing_more(sub)
    assert set(received) == set(sent)
    for message_id, (kind, body) in sent.items():
        message = received[message_id]
        assert message.body == body, kind
        assert message.topic == topic
        assert message.delivery_attempt == 1
        assert before - 60_000 <= message.born_timestamp <= int(time.time() * 1000) + 60_000
    text = next(m for m in received.values() if m.tag == "greeting")
    assert text.text == "héllo ✓"
    assert text.keys == ("k-1", "k-2")
    assert dict(text.properties) == {"lang": "fr", "n": "1"}
    untagged = next(m for m in received.values() if m.body == large)
    assert (untagged.tag, untagged.keys, dict(untagged.properties)) == (None, (), {})


async def test_tag_filter_delivers_only_matching_tags(gateway_url: str, topic: str, group: str) -> None:
    async with connect(gateway_url) as client, client.subscribe(topic, group, tag="a || b") as sub:
        for tag in ("a", "c", "b", None):
            await client.publish(topic, f"tag {tag}", tag=tag)
        messages = await receive(sub, 2)
        await assert_nothing_more(sub)
    assert sorted(m.tag or "" for m in messages) == ["a", "b"]


async def test_nack_redelivers_with_attempt_2_and_ack_does_not(gateway_url: str, topic: str, group: str) -> None:
    async with connect(gateway_url) as client, client.subscribe(topic, group) as sub:
        kept = await client.publish(topic, "ack me")
        returned = await client.publish(topic, "nack me")
        first = {m.message_id: m for m in await receive(sub, 2, ack=False)}
        assert {m.delivery_attempt for m in first.values()} == {1}
        await first[kept].ack()
        await first[returned].nack(delay=1.0)
        again = await sub.next(timeout=DELIVERY)
        assert (again.message_id, again.delivery_attempt, again.text) == (returned, 2, "nack me")
        await again.ack()
        await assert_nothing_more(sub)
        with pytest.raises(rocketmq_ws.UnknownReceiptError) as error:
            await again.ack()
        assert error.value.receipt == again.receipt


async def test_prefetch_bounds_unacked_deliveries(gateway_url: str, topic: str, group: str) -> None:
    prefetch = 3
    async with connect(gateway_url) as client, client.subscribe(topic, group, prefetch=prefetch) as sub:
        for i in range(prefetch + 3):
            await client.publish(topic, f"m{i}")
        held = await receive(sub, prefetch, ack=False)
        await assert_nothing_more(sub)  # with no acks, exactly `prefetch` messages arrive
        await held[0].ack()
        freed = await sub.next(timeout=DELIVERY)  # one ack frees one credit
        await assert_nothing_more(sub)
        for message in [*held[1:], freed]:
            await message.ack()
        rest = await receive(sub, 2)
    assert len({m.message_id for m in [*held, freed, *rest]}) == prefetch + 3


@pytest.mark.timeout(240)
async def test_reconnect_after_the_socket_drops_loses_no_message(
    gateway_url: str, topic: str, group: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The socket is aborted under the client (no close frame, like a network failure or a gateway crash).

    The gateway sees the connection drop, puts the un-acked messages back; the client reconnects, subscribes
    again, and every published message is received. docs/protocol.md says they come back "at once"; the wait
    allows for the invisible duration (120 s) because the gateway sometimes fails to return them (reported).
    """
    logger = logging.getLogger("test.reconnect")
    caplog.set_level(logging.INFO, logger="test.reconnect")
    async with connect(gateway_url, logger=logger, backoff_initial=0.05) as client:
        async with client.subscribe(topic, group, prefetch=4) as sub:
            published = [await client.publish(topic, f"m{i}") for i in range(10)]
            acked = {m.message_id for m in await receive(sub, 2)}
            unacked = await sub.next(timeout=DELIVERY)
            old = client.websocket
            assert old is not None
            old.transport.abort()
            with pytest.raises(rocketmq_ws.ConnectionLostError):
                await unacked.ack()  # its receipt died with the connection: never claim an ack we did not make
            redelivered = None
            while not acked >= set(published):
                message = await sub.next(timeout=150)
                await message.ack()
                acked.add(message.message_id)
                if message.message_id == unacked.message_id:
                    redelivered = message
            assert client.websocket is not old
        assert redelivered is not None and redelivered.delivery_attempt >= 2
    assert "connection to" in caplog.text and "lost" in caplog.text
    assert "re-subscribed to " + topic in caplog.text


async def test_auto_ack_mode_needs_no_ack(gateway_url: str, topic: str, group: str) -> None:
    async with connect(gateway_url) as client:
        async with client.subscribe(topic, group, ack_mode="auto", prefetch=2) as sub:
            ids = {await client.publish(topic, f"m{i}") for i in range(5)}
            messages = [await sub.next(timeout=DELIVERY) for _ in range(5)]  # more than prefetch, no acks
            await messages[0].ack()  # a no-op: the gateway acked it
            with pytest.raises(rocketmq_ws.UsageError):
                await messages[0].nack()
        assert {m.message_id for m in messages} == ids
        # nothing comes back to the group: every message was acked by the gateway
        async with client.subscribe(topic, group) as again:
            await assert_nothing_more(again)


async def test_bad_arguments_raise_typed_errors(gateway_url: str, refusing_topic: str, group: str) -> None:
    async with connect(gateway_url) as client:
        with pytest.raises(rocketmq_ws.InvalidArgumentError) as invalid:
            await client.publish("bad topic!", "x")
        assert (invalid.value.code, invalid.value.retriable) == ("INVALID_ARGUMENT", False)
        assert invalid.value.request_id and invalid.value.message
        with pytest.raises(rocketmq_ws.TopicNotFoundError):
            await client.publish("NoSuchTopic" + group.replace("-", ""), "x")
        with pytest.raises(rocketmq_ws.InvalidArgumentError):
            await client.publish(refusing_topic, b"")  # RocketMQ refuses empty bodies
        with pytest.raises(rocketmq_ws.InvalidArgumentError):
            await client.publish(refusing_topic, "x", message_group="g", deliver_at=time.time() + 60)
        with pytest.raises(rocketmq_ws.InvalidArgumentError):
            await client.subscribe(refusing_topic, "bad group!")
        with pytest.raises(rocketmq_ws.InvalidArgumentError):
            await client.subscribe(refusing_topic, group, prefetch=0)
        with pytest.raises(rocketmq_ws.PayloadTooLargeError) as too_large:
            await client.publish(refusing_topic, b"x" * (4 * 1024 * 1024 + 1))  # the gateway's body limit
        assert too_large.value.request_id
        with pytest.raises(rocketmq_ws.PayloadTooLargeError):
            await client.publish(refusing_topic, b"x" * (7 * 1024 * 1024))  # refused before sending
        # the session goes on after every error
        async with client.subscribe(refusing_topic, group) as sub:
            with pytest.raises(rocketmq_ws.UsageError):
                await client.subscribe(refusing_topic, group + "-2")
            await assert_nothing_more(sub)


async def test_subscribing_to_an_unknown_topic_is_topic_not_found(gateway_url: str, group: str) -> None:
    async with connect(gateway_url) as client:
        with pytest.raises(rocketmq_ws.TopicNotFoundError):
            await client.subscribe("NoSuchTopic" + group.replace("-", ""), group)


async def test_closed_client_raises_client_closed(gateway_url: str, refusing_topic: str) -> None:
    client: Client = await connect(gateway_url)
    await client.close()
    await client.close()
    with pytest.raises(rocketmq_ws.ClientClosedError):
        await client.publish(refusing_topic, "x")
