"""The client against a real gateway with security on: credentials, TLS, permissions (see conftest.py).

The gateway allows few publishes per connection here (5 at once, 20/s): each test publishes a few at most.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import SecuredGateway

import rocketmq_ws

pytestmark = [pytest.mark.secured, pytest.mark.timeout(120)]

DELIVERY = 30.0


async def round_trip(client: rocketmq_ws.Client, topic: str, group: str) -> None:
    async with client.subscribe(topic, group) as sub:
        message_id = await client.publish(topic, "hello with credentials", tag="sec", keys=["k-1"])
        message = await sub.next(timeout=DELIVERY)
        await message.ack()
    assert (message.message_id, message.text, message.tag, message.keys) == (
        message_id,
        "hello with credentials",
        "sec",
        ("k-1",),
    )


async def test_round_trip_over_ws_with_the_token(secured: SecuredGateway, sec_topic: str, sec_group: str) -> None:
    async with rocketmq_ws.connect(secured.url, token=secured.token, request_timeout=20) as client:
        await round_trip(client, sec_topic, sec_group)


async def test_round_trip_over_wss_trusting_the_gateways_certificate(
    secured: SecuredGateway, sec_topic: str, sec_group: str
) -> None:
    token_calls = []

    def token() -> str:
        token_calls.append(1)
        return secured.token

    async with rocketmq_ws.connect(
        secured.tls_url, token=token, ssl=secured.ssl_context(), request_timeout=20
    ) as client:
        await round_trip(client, sec_topic, sec_group)
    assert len(token_calls) == 1


async def test_wss_refuses_a_certificate_it_was_not_told_to_trust(secured: SecuredGateway) -> None:
    with pytest.raises(rocketmq_ws.ConnectFailedError) as error:
        await rocketmq_ws.connect(secured.tls_url, token=secured.token)
    assert not isinstance(error.value, rocketmq_ws.AuthenticationError)
    assert "CERTIFICATE_VERIFY_FAILED" in str(error.value)


async def test_without_a_token_the_upgrade_is_refused(secured: SecuredGateway) -> None:
    with pytest.raises(rocketmq_ws.AuthenticationError) as error:
        await rocketmq_ws.connect(secured.url)
    assert (error.value.status, error.value.retriable) == (401, False)


async def test_a_wrong_token_is_refused(secured: SecuredGateway) -> None:
    wrong = "key-nobody-has-" + secured.token[::-1]
    with pytest.raises(rocketmq_ws.AuthenticationError) as error:
        await rocketmq_ws.connect(secured.tls_url, token=wrong, ssl=secured.ssl_context())
    assert error.value.status == 401
    assert wrong not in str(error.value)


async def test_a_topic_or_group_outside_the_permissions_is_forbidden_and_the_session_goes_on(
    secured: SecuredGateway, sec_topic: str, sec_group: str
) -> None:
    async with rocketmq_ws.connect(secured.url, token=secured.token, request_timeout=20) as client:
        with pytest.raises(rocketmq_ws.ForbiddenError) as publish:
            await client.publish("forbidden-topic", "not allowed")
        assert (publish.value.code, publish.value.retriable) == ("FORBIDDEN", False)
        with pytest.raises(rocketmq_ws.ForbiddenError):
            await client.subscribe(sec_topic, "not-a-sec-group")
        assert client.websocket is not None
        await round_trip(client, sec_topic, sec_group)


async def test_oversize_frames_fail_their_publish_and_the_client_goes_on(
    secured: SecuredGateway, sec_topic: str
) -> None:
    frame_limit, message_limit = secured.max_frame_bytes, secured.max_message_bytes
    if frame_limit is None or message_limit is None:
        pytest.skip("set ROCKETMQ_WS_MAX_FRAME_BYTES and ROCKETMQ_WS_MAX_MESSAGE_BYTES to the gateway's limits")
    async with rocketmq_ws.connect(secured.url, token=secured.token, request_timeout=20) as client:
        # over max-frame-bytes: the gateway refuses the frame unparsed, with an error that has no id
        with pytest.raises(rocketmq_ws.PayloadTooLargeError):
            await client.publish(sec_topic, "f" * ((frame_limit + message_limit) // 2))
        assert client.websocket is not None
        # over max-message-size: the gateway cannot read it and closes with 1009
        with pytest.raises(rocketmq_ws.PayloadTooLargeError) as closed:
            await client.publish(sec_topic, "m" * (message_limit + 1024))
        assert "1009" in str(closed.value)
        assert await client.publish(sec_topic, "small, after reconnecting")


def test_the_cli_takes_the_token_and_trusts_ssl_cert_file(
    secured: SecuredGateway, sec_topic: str, sec_group: str
) -> None:
    # the token only in the environment, never on the command line; the CA through OpenSSL's own variable
    env = {**os.environ, "ROCKETMQ_WS_URL": secured.tls_url, "ROCKETMQ_WS_TOKEN": secured.token}
    env["SSL_CERT_FILE"] = secured.ca_file
    cli = [sys.executable, "-m", "rocketmq_ws"]
    published = subprocess.run(
        [*cli, "publish", "--topic", sec_topic],
        input="from the cli\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert published.returncode == 0, published.stderr
    consumed = subprocess.run(
        [*cli, "consume", "--topic", sec_topic, "--group", sec_group, "--max-messages", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert consumed.returncode == 0, consumed.stderr
    message = json.loads(consumed.stdout)
    assert (message["messageId"], message["body"]) == (published.stdout.strip(), "from the cli")

    refused = subprocess.run(
        [*cli, "consume", "--topic", sec_topic, "--group", sec_group],
        env={**env, "ROCKETMQ_WS_TOKEN": "key-nobody-has-0000"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 4, refused.stderr
    assert "UNAUTHENTICATED" in refused.stderr
