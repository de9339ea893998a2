"""Credentials and the refusals of docs/security.md, against the scripted gateway on loopback.

The real secured gateway is exercised by test_integration_secured.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import ssl
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from fake_gateway import fake_gateway, reply_ok
from websockets.asyncio.server import ServerConnection

import rocketmq_ws
from rocketmq_ws.compat import RocketMQConsumer, RocketMQProducer

pytestmark = pytest.mark.timeout(30)

TOKEN = "key-unit-test-7c1d9e"


def tokens() -> Iterator[str]:
    n = 0
    while True:
        n += 1
        yield f"{TOKEN}-{n}"


async def close_after_subscribe(code: int, reason: str) -> Any:
    async def handler(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        await reply_ok(ws, frame, number)
        if frame["op"] == "subscribe" and number == 1:
            await ws.close(code, reason)

    return handler


async def drop_first_connection(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
    await reply_ok(ws, frame, number)
    if number == 1:
        ws.transport.abort()


# -- carrying the token -------------------------------------------------------------------------------------


async def test_the_token_is_a_bearer_header_and_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # websockets logs every request header at debug level
    async with fake_gateway(reply_ok) as gateway, rocketmq_ws.connect(gateway.url, token=TOKEN) as client:
        await client.publish("t", "x")
    assert gateway.authorizations == [f"Bearer {TOKEN}"]
    # the fake gateway's own server logs the header it received; the client's side must not
    client_lines = [r.getMessage() for r in caplog.records if not r.name.startswith("websockets.server")]
    assert "> Authorization: <redacted>" in client_lines
    assert not [line for line in client_lines if TOKEN in line]


async def test_without_a_token_no_authorization_header_is_sent() -> None:
    async with fake_gateway(reply_ok) as gateway, rocketmq_ws.connect(gateway.url) as client:
        await client.publish("t", "x")
    assert gateway.authorizations == [None]


async def test_the_token_joins_the_callers_own_headers_on_every_connection() -> None:
    own = iter([("X-Trace", "t-1")])  # an iterator of pairs can be read only once
    async with fake_gateway(drop_first_connection) as gateway:
        client = await rocketmq_ws.connect(
            gateway.url, token=TOKEN, backoff_initial=0.01, websocket_options={"additional_headers": own}
        )
        await client.subscribe("t", "g")  # answered, then the connection drops
        await gateway.wait_for(lambda g: g.subscribes() == [1, 2])
        await client.close()
    assert [(h["X-Trace"], h["Authorization"]) for h, _ in gateway.upgrades] == [("t-1", f"Bearer {TOKEN}")] * 2


@pytest.mark.parametrize("kind", ["function", "async function"])
async def test_a_token_function_is_called_for_each_connection(kind: str) -> None:
    fresh = tokens()

    async def async_token() -> str:
        return next(fresh)

    token: rocketmq_ws.TokenLike = async_token if kind == "async function" else lambda: next(fresh)
    async with fake_gateway(drop_first_connection) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=token, backoff_initial=0.01)
        await client.subscribe("t", "g")  # answered, then the connection drops
        await gateway.wait_for(lambda g: g.subscribes() == [1, 2])
        await client.close()
    assert gateway.authorizations == [f"Bearer {TOKEN}-1", f"Bearer {TOKEN}-2"]


async def test_the_token_and_ssl_arguments_are_checked_at_once() -> None:
    with pytest.raises(ValueError, match="trailing newline") as newline:
        rocketmq_ws.connect("ws://127.0.0.1:1/ws/v1", token=TOKEN + "\n")
    assert TOKEN not in str(newline.value)
    with pytest.raises(TypeError):
        rocketmq_ws.connect("ws://127.0.0.1:1/ws/v1", token=42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="wss://"):
        rocketmq_ws.connect("ws://127.0.0.1:1/ws/v1", ssl=ssl.create_default_context())
    with pytest.raises(ValueError, match="not both"):
        rocketmq_ws.connect(
            "ws://127.0.0.1:1/ws/v1",
            token=TOKEN,
            websocket_options={"additional_headers": {"authorization": "Bearer other"}},
        )


async def test_a_token_function_returning_garbage_fails_the_connect_for_good() -> None:
    async with fake_gateway(reply_ok) as gateway:
        with pytest.raises(rocketmq_ws.ConnectFailedError, match="no usable token") as error:
            await rocketmq_ws.connect(gateway.url, token=lambda: "")
    assert not error.value.retriable
    assert gateway.upgrades == []


# -- refusals at the upgrade --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"), [(401, rocketmq_ws.AuthenticationError), (403, rocketmq_ws.OriginRefusedError)]
)
async def test_401_and_403_at_connect_are_not_retried(status: int, cls: type[rocketmq_ws.AuthenticationError]) -> None:
    async with fake_gateway(reply_ok, refuse=lambda n: status) as gateway:
        with pytest.raises(cls) as error:
            await rocketmq_ws.connect(gateway.url, token=TOKEN)
        assert (error.value.status, error.value.retriable) == (status, False)
        assert TOKEN not in str(error.value)

        with pytest.raises(cls):
            async for _client in rocketmq_ws.connect(gateway.url, token=TOKEN, backoff_initial=0.01):
                pytest.fail("no client may be yielded")
    assert gateway.statuses == [status, status]


async def test_a_401_without_a_token_says_so() -> None:
    async with fake_gateway(reply_ok, refuse=lambda n: 401) as gateway:
        with pytest.raises(rocketmq_ws.AuthenticationError, match="no token was given"):
            await rocketmq_ws.connect(gateway.url)


async def test_a_401_when_reconnecting_ends_the_client_after_one_attempt() -> None:
    async with fake_gateway(drop_first_connection, refuse=lambda n: 401 if n > 1 else None) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=TOKEN, backoff_initial=0.01)
        sub = await client.subscribe("t", "g")
        with pytest.raises(rocketmq_ws.AuthenticationError) as ended:
            await sub.next(timeout=10)
        assert ended.value.status == 401
        with pytest.raises(rocketmq_ws.AuthenticationError):
            await client.publish("t", "x")
        assert client.closed
        assert gateway.statuses == [101, 401]
        await client.close()


async def test_connection_limits_are_retried_with_backoff(caplog: pytest.LogCaptureFixture) -> None:
    statuses = {2: 429, 3: 503}
    logger = logging.getLogger("test.limits")
    caplog.set_level(logging.WARNING, logger="test.limits")
    async with fake_gateway(drop_first_connection, refuse=statuses.get) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=TOKEN, logger=logger, backoff_initial=0.01)
        sub = await client.subscribe("t", "g")  # answered, then the connection drops
        await gateway.wait_for(lambda g: g.subscribes() == [1, 2])
        assert await client.publish("t", "after") == "M-after"
        await client.close()
    assert sub.closed
    assert gateway.statuses == [101, 429, 503, 101]
    assert "CONNECTION_LIMIT" in caplog.text


async def test_a_connection_limit_at_connect_is_retriable_and_the_iterator_retries_it() -> None:
    async with fake_gateway(reply_ok, refuse=lambda n: 503 if n == 1 else None) as gateway:
        with pytest.raises(rocketmq_ws.ConnectionLimitError) as error:
            await rocketmq_ws.connect(gateway.url)
        assert (error.value.status, error.value.retriable) == (503, True)

    async with fake_gateway(reply_ok, refuse=lambda n: 429 if n == 1 else None) as gateway:
        async for client in rocketmq_ws.connect(gateway.url, backoff_initial=0.01):
            await client.publish("t", "x")
            break
        assert gateway.statuses == [429, 101]


# -- closes ----------------------------------------------------------------------------------------------


async def test_credentials_expired_ends_a_client_with_a_fixed_token() -> None:
    async with fake_gateway(await close_after_subscribe(1008, "credentials expired")) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=TOKEN, backoff_initial=0.01)
        sub = await client.subscribe("t", "g")
        with pytest.raises(rocketmq_ws.AuthenticationError) as ended:
            await sub.next(timeout=10)
        assert (ended.value.close_code, ended.value.status, ended.value.retriable) == (1008, None, False)
        assert "credentials expired" in str(ended.value)
        with pytest.raises(rocketmq_ws.AuthenticationError):
            await client.publish("t", "x")
        await client.close()
    assert gateway.statuses == [101]


async def test_credentials_expired_reconnects_with_a_fresh_token_from_a_function() -> None:
    fresh = tokens()
    async with fake_gateway(await close_after_subscribe(1008, "credentials expired")) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=lambda: next(fresh), backoff_initial=0.01)
        sub = await client.subscribe("t", "g")
        await gateway.wait_for(lambda g: g.subscribes() == [1, 2])
        assert not sub.closed
        assert await client.publish("t", "after") == "M-after"
        await client.close()
    assert gateway.authorizations == [f"Bearer {TOKEN}-1", f"Bearer {TOKEN}-2"]


@pytest.mark.parametrize(("code", "reason"), [(1008, "connection limit reached"), (1001, "idle timeout")])
async def test_limit_and_idle_closes_reconnect_and_subscribe_again(code: int, reason: str) -> None:
    async with fake_gateway(await close_after_subscribe(code, reason)) as gateway:
        client = await rocketmq_ws.connect(gateway.url, token=TOKEN, backoff_initial=0.01)
        sub = await client.subscribe("t", "g")
        await gateway.wait_for(lambda g: g.subscribes() == [1, 2])
        assert not sub.closed
        assert await client.publish("t", "after") == "M-after"
        await client.close()
    assert gateway.statuses == [101, 101]


async def test_close_1009_fails_the_oversize_request_and_the_client_reconnects() -> None:
    async def hold_the_first(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        if frame["body"] != "held":
            await reply_ok(ws, frame, number)

    async with fake_gateway(hold_the_first, max_size=64 * 1024) as gateway:
        client = await rocketmq_ws.connect(gateway.url, backoff_initial=0.01)
        held = asyncio.ensure_future(client.publish("t", "held"))
        await gateway.wait_for(lambda g: len(g.frames) == 1)
        with pytest.raises(rocketmq_ws.PayloadTooLargeError) as too_big:
            await client.publish("t", "x" * (100 * 1024))
        assert "1009" in str(too_big.value)
        assert too_big.value.request_id is not None
        # the other request on that connection: its outcome is unknown, as with any lost connection
        with pytest.raises(rocketmq_ws.ConnectionLostError) as lost:
            await held
        assert (lost.value.retriable, lost.value.close_code) == (True, 1009)
        await gateway.wait_for(lambda g: g.connections == 2)
        assert await client.publish("t", "small") == "M-small"
        await client.close()


async def test_an_oversize_refusal_without_id_fails_the_largest_waiting_request() -> None:
    async def frame_limit(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        if frame["body"] == "held":
            return
        if len(frame["body"]) > 1000:  # refused unparsed, as a frame over gateway.limits.max-frame-bytes is
            await ws.send(json.dumps({"op": "error", "code": "PAYLOAD_TOO_LARGE", "message": "frame is too long"}))
        else:
            await reply_ok(ws, frame, number)

    async with fake_gateway(frame_limit) as gateway:
        client = await rocketmq_ws.connect(gateway.url, request_timeout=5)
        held = asyncio.ensure_future(client.publish("t", "held"))
        await gateway.wait_for(lambda g: len(g.frames) == 1)
        with pytest.raises(rocketmq_ws.PayloadTooLargeError) as too_big:
            await client.publish("t", "x" * 2000)
        assert too_big.value.request_id == gateway.frames[1][1]["id"]
        assert not held.done()
        assert await client.publish("t", "small") == "M-small"
        held.cancel()
        await client.close()
    assert gateway.connections == 1


# -- error frames -------------------------------------------------------------------------------------------


async def test_forbidden_and_rate_limited_are_typed_and_the_session_goes_on() -> None:
    async def guard(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
        if frame["topic"] == "forbidden-topic":
            await ws.send(json.dumps({"op": "error", "id": frame["id"], "code": "FORBIDDEN", "message": "no"}))
        elif frame["body"] == "too fast":
            await ws.send(json.dumps({"op": "error", "id": frame["id"], "code": "RATE_LIMITED", "message": "wait"}))
        else:
            await reply_ok(ws, frame, number)

    async with fake_gateway(guard) as gateway, rocketmq_ws.connect(gateway.url, token=TOKEN) as client:
        with pytest.raises(rocketmq_ws.ForbiddenError) as forbidden:
            await client.publish("forbidden-topic", "x")
        assert not forbidden.value.retriable
        with pytest.raises(rocketmq_ws.RateLimitedError) as limited:
            await client.publish("sec-t", "too fast")
        assert limited.value.retriable
        assert await client.publish("sec-t", "fine") == "M-fine"
    assert gateway.connections == 1


# -- the facade and the command line ------------------------------------------------------------------------


@pytest.mark.parametrize("source", ["environment", "argument"])
async def test_the_facade_takes_the_token_from_the_environment_or_its_argument(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROCKETMQ_WS_TOKEN", f" {TOKEN}-env\n" if source == "environment" else "ignored")
    async with fake_gateway(reply_ok) as gateway:
        producer = RocketMQProducer(gateway.url, token=None if source == "environment" else f"{TOKEN}-arg")
        assert await asyncio.to_thread(producer.initialize, "ignored:9876", "g")
        assert await asyncio.to_thread(producer.send_message, "t", "hello") == (True, "Success: MsgID=M-hello")
        assert await asyncio.to_thread(producer.shutdown)
    assert gateway.authorizations == [f"Bearer {TOKEN}-{'env' if source == 'environment' else 'arg'}"]


async def test_the_facade_reports_a_refused_token_with_false(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ROCKETMQ_WS_TOKEN", TOKEN)
    caplog.set_level(logging.ERROR, logger="rocketmq_ws.compat")
    async with fake_gateway(reply_ok, refuse=lambda n: 401) as gateway:
        consumer = RocketMQConsumer(gateway.url)
        assert not await asyncio.to_thread(consumer.initialize, "ignored:9876", "t", "g")
    assert "UNAUTHENTICATED" in caplog.text
    assert TOKEN not in caplog.text


async def run_cli(*args: str, env: dict[str, str], stdin: str = "") -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "rocketmq_ws",
        *args,
        env={k: v for k, v in os.environ.items() if k != "ROCKETMQ_WS_TOKEN"} | env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(stdin.encode()), 20)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_the_cli_sends_the_token_from_the_environment_or_token() -> None:
    async with fake_gateway(reply_ok) as gateway:
        env = {"ROCKETMQ_WS_URL": gateway.url, "ROCKETMQ_WS_TOKEN": f"{TOKEN}-env"}
        assert await run_cli("publish", "--topic", "t", env=env, stdin="one\n") == (0, "M-one\n", "")
        assert (await run_cli("publish", "--topic", "t", "--token", f"{TOKEN}-arg", env=env, stdin="two\n"))[0] == 0
    assert gateway.authorizations == [f"Bearer {TOKEN}-env", f"Bearer {TOKEN}-arg"]


async def test_the_cli_exits_with_4_when_the_token_is_refused() -> None:
    async with fake_gateway(reply_ok, refuse=lambda n: 401) as gateway:
        env = {"ROCKETMQ_WS_URL": gateway.url, "ROCKETMQ_WS_TOKEN": TOKEN}
        status, out, err = await run_cli("consume", "--topic", "t", "--group", "g", env=env)
    assert (status, out) == (4, "")
    assert "UNAUTHENTICATED" in err
    assert TOKEN not in err


async def test_the_cli_refuses_an_unusable_token_before_connecting() -> None:
    status, _, err = await run_cli("consume", "--topic", "t", "--group", "g", env={"ROCKETMQ_WS_TOKEN": "a b"})
    assert status == 2
    assert "ROCKETMQ_WS_TOKEN: the token has a space" in err
