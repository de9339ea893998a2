"""The asyncio layer against a scripted in-process gateway on loopback: timeouts, reconnects, correlation.

These run everywhere (also on Windows CI) without RocketMQ; what the real gateway does is covered by the
integration tests.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from fake_gateway import fake_gateway, message_frame, reply_ok
from websockets.asyncio.server import ServerConnection

import rocketmq_ws

pytestmark = pytest.mark.timeout(30)


async def test_a_request_without_reply_times_out_with_its_request_id() -> None:
    async def silent(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        pass

    async with fake_gateway(silent) as gateway, rocketmq_ws.connect(gateway.url, request_timeout=0.3) as client:
        with pytest.raises(rocketmq_ws.RequestTimeoutError) as error:
            await client.publish("t", "x")
        assert error.value.request_id == gateway.frames[0][1]["id"]
        assert isinstance(error.value, TimeoutError)


async def test_replies_out_of_order_reach_their_requests() -> None:
    held: list[dict[str, Any]] = []

    async def reversed_replies(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        held.append(frame)
        if len(held) == 3:
            for f in reversed(held):
                await ws.send(json.dumps({"op": "published", "id": f["id"], "messageId": "id-" + f["body"]}))

    async with fake_gateway(reversed_replies) as gateway, rocketmq_ws.connect(gateway.url) as client:
        ids = await asyncio.gather(*(client.publish("t", body) for body in ("a", "b", "c")))
    assert ids == ["id-a", "id-b", "id-c"]


async def test_gateway_errors_become_typed_exceptions() -> None:
    async def refuse(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        await ws.send(json.dumps({"op": "error", "id": frame["id"], "code": "TOPIC_NOT_FOUND", "message": "no"}))

    async with fake_gateway(refuse) as gateway, rocketmq_ws.connect(gateway.url) as client:
        with pytest.raises(rocketmq_ws.TopicNotFoundError) as error:
            await client.subscribe("t", "g")
        assert (error.value.code, error.value.retriable, error.value.message) == ("TOPIC_NOT_FOUND", False, "no")
        # a failed subscribe leaves the client free to subscribe again
        with pytest.raises(rocketmq_ws.TopicNotFoundError):
            await client.subscribe("t", "g")


async def test_large_frames_are_sent_in_fragments_and_arrive_whole() -> None:
    async with fake_gateway(reply_ok) as gateway, rocketmq_ws.connect(gateway.url) as client:
        body = "é" * 100_000
        await client.publish("t", body)
        with pytest.raises(rocketmq_ws.PayloadTooLargeError):
            await client.publish("t", b"x" * (7 * 1024 * 1024))
    assert gateway.frames[0][1]["body"] == body
    assert len(gateway.frames) == 1  # the oversized publish never left the client


async def test_broker_unavailable_notices_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    async def notice_then_reply(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        await ws.send(json.dumps({"op": "error", "code": "BROKER_UNAVAILABLE", "message": "RocketMQ is away"}))
        await reply_ok(ws, frame, number)

    logger = logging.getLogger("test.notices")
    caplog.set_level(logging.WARNING, logger="test.notices")
    async with fake_gateway(notice_then_reply) as gateway, rocketmq_ws.connect(gateway.url, logger=logger) as c:
        await c.publish("t", "x")
    assert "BROKER_UNAVAILABLE: RocketMQ is away" in caplog.text


async def test_reconnect_resubscribes_and_drops_the_dead_connections_messages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def drop_first_connection(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        await reply_ok(ws, frame, number)
        if frame["op"] == "subscribe":
            await ws.send(message_frame(f"{number}-a"))
            await ws.send(message_frame(f"{number}-b"))
            if number == 1:
                ws.transport.abort()  # no close frame: like a crash or a network failure

    logger = logging.getLogger("test.reconnect.fake")
    caplog.set_level(logging.INFO, logger="test.reconnect.fake")
    async with fake_gateway(drop_first_connection) as gateway:  # noqa: SIM117 (frames are checked after both close)
        async with rocketmq_ws.connect(gateway.url, logger=logger, backoff_initial=0.01) as client:
            sub = await client.subscribe("t", "g", "tag-a", prefetch=7)
            first = await sub.next(timeout=5)
            # the message of the first connection: the client got it, the gateway will deliver it again
            assert first.receipt in ("1-a", "2-a")
            received = [first]
            while received[-1].receipt != "2-b":
                received.append(await sub.next(timeout=5))
            if first.receipt == "1-a":
                with pytest.raises(rocketmq_ws.ConnectionLostError) as lost:
                    await first.ack()
                assert not lost.value.retriable
            await received[-1].ack()
            await sub.close()
    subscribes = [(n, f) for n, f in gateway.frames if f["op"] == "subscribe"]
    assert [n for n, _ in subscribes] == [1, 2]
    assert {k: v for k, v in subscribes[1][1].items() if k != "id"} == {
        "op": "subscribe",
        "topic": "t",
        "group": "g",
        "filter": "tag-a",
        "prefetch": 7,
        "ackMode": "client",
    }
    assert "re-subscribed to t as g" in caplog.text
    assert [f["op"] for n, f in gateway.frames if n == 2] == ["subscribe", "ack", "unsubscribe"]


async def test_without_reconnect_the_subscription_ends_with_connection_lost() -> None:
    async def drop(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        await reply_ok(ws, frame, number)
        await ws.close()

    async with fake_gateway(drop) as gateway:
        client = await rocketmq_ws.connect(gateway.url, reconnect=False)
        sub = await client.subscribe("t", "g")
        with pytest.raises(rocketmq_ws.ConnectionLostError):
            await sub.next(timeout=5)
        with pytest.raises(rocketmq_ws.ConnectionLostError):
            await client.publish("t", "x")
        await client.close()


async def test_next_times_out_and_closed_subscriptions_stop_iterating() -> None:
    async with fake_gateway(reply_ok) as gateway, rocketmq_ws.connect(gateway.url) as client:
        async with client.subscribe("t", "g") as sub:
            with pytest.raises(rocketmq_ws.RequestTimeoutError):
                await sub.next(timeout=0.1)
            with pytest.raises(rocketmq_ws.UsageError):
                await client.subscribe("t", "other")
        assert sub.closed
        assert [m async for m in sub] == []
        with pytest.raises(rocketmq_ws.ClientClosedError):
            await sub.next(timeout=0.1)


async def test_connect_failure_is_typed() -> None:
    with pytest.raises(rocketmq_ws.ConnectFailedError) as error:
        await rocketmq_ws.connect("ws://127.0.0.1:9/ws/v1", open_timeout=5)
    assert error.value.retriable
    with pytest.raises(rocketmq_ws.ConnectFailedError) as invalid:
        await rocketmq_ws.connect("http://not-a-websocket-url")
    assert not invalid.value.retriable


async def test_iterating_connect_yields_a_client_per_connection() -> None:
    async def drop_the_first(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        if number == 1:
            ws.transport.abort()
        else:
            await reply_ok(ws, frame, number)

    async with fake_gateway(drop_the_first) as gateway:
        clients = []
        async for client in rocketmq_ws.connect(gateway.url, backoff_initial=0.01):
            clients.append(client)
            try:
                message_id = await client.publish("t", "hello")
            except rocketmq_ws.ConnectionLostError:
                continue
            break
    assert message_id == "M-hello"
    assert len(clients) == 2
    assert clients[0].closed  # closed when the loop went on to the next connection
