"""The protocol core without any socket: frames built, frames parsed, errors mapped."""

from __future__ import annotations

import base64
import json

import pytest

from rocketmq_ws import exceptions as ex
from rocketmq_ws.protocol import (
    Delivery,
    Failure,
    Notice,
    Protocol,
    Reply,
    check_token,
    connection_closed,
    decode_body,
    encode_body,
    refused_upgrade,
)


def sent(request_text: str) -> dict[str, object]:
    frame = json.loads(request_text)
    assert isinstance(frame, dict)
    return frame


def test_subscribe_frame_has_an_id_and_leaves_out_unset_fields() -> None:
    request = Protocol().subscribe("orders", "billing")
    assert request.op == "subscribe"
    assert sent(request.text) == {"op": "subscribe", "id": request.id, "topic": "orders", "group": "billing"}


def test_subscribe_frame_with_every_field() -> None:
    request = Protocol().subscribe(
        "orders", "billing", filter="color = 'red'", filter_type="SQL92", prefetch=5, ack_mode="auto"
    )
    assert sent(request.text) == {
        "op": "subscribe",
        "id": request.id,
        "topic": "orders",
        "group": "billing",
        "filter": "color = 'red'",
        "filterType": "SQL92",
        "prefetch": 5,
        "ackMode": "auto",
    }


def test_request_ids_are_unique_and_carry_the_prefix() -> None:
    protocol = Protocol("r2-")
    ids = [protocol.unsubscribe().id for _ in range(3)]
    assert len(set(ids)) == 3
    assert all(i.startswith("r2-") for i in ids)
    assert protocol.pending == ids


def test_publish_text_body_is_sent_as_text_without_encoding() -> None:
    request = Protocol().publish(
        "orders", "héllo ✓", tag="created", keys=["o-1", "o-2"], properties={"k": "v"}, message_group="g"
    )
    assert sent(request.text) == {
        "op": "publish",
        "id": request.id,
        "topic": "orders",
        "body": "héllo ✓",
        "tag": "created",
        "keys": ["o-1", "o-2"],
        "properties": {"k": "v"},
        "messageGroup": "g",
    }


def test_publish_utf8_bytes_go_as_text_and_other_bytes_as_base64() -> None:
    protocol = Protocol()
    assert sent(protocol.publish("t", b"ok").text)["body"] == "ok"
    frame = sent(protocol.publish("t", b"\x00\xff\x10", deliver_at_ms=1700000000000).text)
    assert frame["body"] == "AP8Q"
    assert frame["encoding"] == "base64"
    assert frame["deliverAt"] == 1700000000000


def test_publish_rejects_a_string_as_keys_and_non_bytes_bodies() -> None:
    with pytest.raises(TypeError):
        Protocol().publish("t", "x", keys="o-1")
    with pytest.raises(TypeError):
        Protocol().publish("t", 42)  # type: ignore[arg-type]


def test_a_replacement_character_in_a_body_is_sent_escaped() -> None:
    request = Protocol().publish("t", "broken: \ufffd")
    assert "\ufffd" not in request.text
    assert json.loads(request.text)["body"] == "broken: \ufffd"


def test_ack_and_nack_frames() -> None:
    protocol = Protocol()
    ack = protocol.ack("r-1")
    nack = protocol.nack("r-2", 1500)
    assert sent(ack.text) == {"op": "ack", "id": ack.id, "receipt": "r-1"}
    assert sent(nack.text) == {"op": "nack", "id": nack.id, "receipt": "r-2", "delayMs": 1500}
    assert "delayMs" not in sent(protocol.nack("r-3").text)


@pytest.mark.parametrize("body", [b"", b"abc", b"\x00\xff", "é".encode(), bytes(range(256))])
def test_bodies_round_trip(body: bytes) -> None:
    wire, encoding = encode_body(body)
    assert decode_body(wire, encoding) == body


def test_decode_body_rejects_bad_base64_and_unknown_encodings() -> None:
    with pytest.raises(ex.ProtocolError):
        decode_body("not base64!", "base64")
    with pytest.raises(ex.ProtocolError):
        decode_body("x", "rot13")


@pytest.mark.parametrize(
    ("make", "reply_op"),
    [
        (lambda p: p.subscribe("t", "g"), "subscribed"),
        (lambda p: p.unsubscribe(), "unsubscribed"),
        (lambda p: p.ack("r"), "acked"),
        (lambda p: p.nack("r"), "nacked"),
    ],
)
def test_replies_are_matched_to_their_request(make, reply_op) -> None:  # type: ignore[no-untyped-def]
    protocol = Protocol()
    request = make(protocol)
    event = protocol.receive(json.dumps({"op": reply_op, "id": request.id}))
    assert event == Reply(request.id, reply_op)
    assert protocol.pending == []


def test_published_reply_carries_the_message_id() -> None:
    protocol = Protocol()
    request = protocol.publish("t", "x")
    event = protocol.receive(json.dumps({"op": "published", "id": request.id, "messageId": "M1"}))
    assert event == Reply(request.id, "published", "M1")


def test_a_reply_of_the_wrong_kind_is_a_protocol_error() -> None:
    protocol = Protocol()
    request = protocol.publish("t", "x")
    with pytest.raises(ex.ProtocolError):
        protocol.receive(json.dumps({"op": "acked", "id": request.id}))


def test_message_frame_becomes_a_delivery() -> None:
    frame = {
        "op": "message",
        "receipt": "7",
        "messageId": "M1",
        "topic": "orders",
        "tag": "created",
        "keys": ["o-1"],
        "properties": {"k": "v"},
        "messageGroup": "g",
        "bornTimestamp": 1700000000123,
        "deliveryAttempt": 2,
        "body": base64.b64encode(b"\x00\xff").decode(),
        "encoding": "base64",
    }
    assert Protocol().receive(json.dumps(frame)) == Delivery(
        receipt="7",
        message_id="M1",
        topic="orders",
        body=b"\x00\xff",
        born_timestamp=1700000000123,
        delivery_attempt=2,
        tag="created",
        keys=("o-1",),
        properties={"k": "v"},
        message_group="g",
    )


def test_message_frame_without_optional_fields() -> None:
    frame = {
        "op": "message",
        "receipt": "1",
        "messageId": "M",
        "topic": "t",
        "bornTimestamp": 1,
        "deliveryAttempt": 1,
        "body": "hi",
        "encoding": "text",
    }
    event = Protocol().receive(json.dumps(frame))
    assert isinstance(event, Delivery)
    assert (event.tag, event.keys, dict(event.properties), event.message_group) == (None, (), {}, None)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[1, 2]",
        '{"id": "1"}',
        '{"op": "teleported"}',
        '{"op": "published", "id": "x"}',
        '{"op": "message", "receipt": "1"}',
        '{"op": "error", "message": "no code"}',
        b'{"op": "acked"}',
    ],
)
def test_frames_outside_the_contract_are_protocol_errors(text: str | bytes) -> None:
    with pytest.raises(ex.ProtocolError):
        Protocol().receive(text)


@pytest.mark.parametrize(
    ("code", "cls", "retriable"),
    [
        ("BAD_FRAME", ex.BadFrameError, False),
        ("UNKNOWN_OP", ex.UnknownOpError, False),
        ("INVALID_ARGUMENT", ex.InvalidArgumentError, False),
        ("NOT_SUBSCRIBED", ex.NotSubscribedError, False),
        ("ALREADY_SUBSCRIBED", ex.AlreadySubscribedError, False),
        ("UNKNOWN_RECEIPT", ex.UnknownReceiptError, False),
        ("PAYLOAD_TOO_LARGE", ex.PayloadTooLargeError, False),
        ("TOPIC_NOT_FOUND", ex.TopicNotFoundError, False),
        ("GROUP_NOT_FOUND", ex.GroupNotFoundError, False),
        ("BROKER_UNAVAILABLE", ex.BrokerUnavailableError, True),
        ("INTERNAL", ex.InternalError, True),
    ],
)
def test_error_frames_answer_their_request_with_a_typed_error(code: str, cls: type, retriable: bool) -> None:
    protocol = Protocol()
    request = protocol.publish("t", "x")
    event = protocol.receive(json.dumps({"op": "error", "id": request.id, "code": code, "message": "why"}))
    assert isinstance(event, Failure)
    assert event.request_id == request.id
    error = event.error
    assert type(error) is cls
    assert isinstance(error, ex.GatewayError)
    assert (error.code, error.message, error.request_id, error.retriable) == (code, "why", request.id, retriable)
    assert protocol.pending == []


def test_an_error_about_an_ack_carries_its_receipt() -> None:
    protocol = Protocol()
    request = protocol.ack("r-9")
    event = protocol.receive(json.dumps({"op": "error", "id": request.id, "code": "UNKNOWN_RECEIPT", "message": "m"}))
    assert isinstance(event, Failure)
    assert event.error.receipt == "r-9"


def test_errors_answering_no_request_are_notices() -> None:
    event = Protocol().receive('{"op": "error", "code": "BROKER_UNAVAILABLE", "message": "down"}')
    assert isinstance(event, Notice)
    assert isinstance(event.error, ex.BrokerUnavailableError)
    assert event.error.retriable


def test_an_unknown_error_code_is_a_plain_gateway_error() -> None:
    protocol = Protocol()
    request = protocol.unsubscribe()
    event = protocol.receive(json.dumps({"op": "error", "id": request.id, "code": "QUOTA_EXCEEDED", "message": "m"}))
    assert isinstance(event, Failure)
    assert type(event.error) is ex.GatewayError
    assert event.error.code == "QUOTA_EXCEEDED"
    assert not event.error.retriable


def test_a_late_reply_after_forget_is_still_parsed() -> None:
    protocol = Protocol()
    request = protocol.publish("t", "x")
    protocol.forget(request.id)
    assert protocol.pending == []
    assert protocol.receive(json.dumps({"op": "published", "id": request.id, "messageId": "M"})) == Reply(
        request.id, "published", "M"
    )


@pytest.mark.parametrize("code", ["FORBIDDEN", "RATE_LIMITED"])
def test_security_errors_answer_their_request_and_the_session_goes_on(code: str) -> None:
    protocol = Protocol()
    refused = protocol.publish("forbidden-topic", "x")
    later = protocol.publish("sec-topic", "x")
    event = protocol.receive(json.dumps({"op": "error", "id": refused.id, "code": code, "message": "m"}))
    assert isinstance(event, Failure)
    assert isinstance(event.error, ex.ForbiddenError if code == "FORBIDDEN" else ex.RateLimitedError)
    assert protocol.pending == [later.id]


URL = "ws://gw/ws/v1"


@pytest.mark.parametrize(
    ("status", "cls", "retriable"),
    [
        (401, ex.AuthenticationError, False),
        (403, ex.OriginRefusedError, False),
        (429, ex.ConnectionLimitError, True),
        (503, ex.ConnectionLimitError, True),
        (502, ex.ConnectFailedError, True),
    ],
)
def test_refused_upgrades(status: int, cls: type[ex.ConnectFailedError], retriable: bool) -> None:
    error = refused_upgrade(status, URL)
    assert type(error) is cls
    assert (error.status, error.retriable) == (status, retriable)
    assert f"HTTP {status}" in error.message
    assert URL in error.message


@pytest.mark.parametrize(
    ("code", "reason", "cls", "retriable"),
    [
        (1008, "credentials expired", ex.AuthenticationError, False),
        (1008, "connection limit reached", ex.ConnectionLimitError, True),
        (1008, "something else", ex.ConnectionLostError, True),
        (1001, "idle timeout", ex.ConnectionLostError, True),
        (1009, "", ex.ConnectionLostError, True),
        (1006, None, ex.ConnectionLostError, True),
    ],
)
def test_closes(code: int, reason: str | None, cls: type[ex.ConnectionLostError], retriable: bool) -> None:
    error = connection_closed(code, reason, URL)
    assert type(error) is cls
    assert (error.close_code, error.retriable) == (code, retriable)
    assert error.message == f"connection to {URL} lost (code {code}" + (f", {reason})" if reason else ")")


@pytest.mark.parametrize(
    ("token", "problem"),
    [("", "empty"), ("abc\n", "trailing newline"), ("a b", "space"), ("clé", "non-ASCII"), (b"abc", "str")],
)
def test_unusable_tokens_are_refused_without_showing_them(token: object, problem: str) -> None:
    with pytest.raises((ValueError, TypeError)) as error:
        check_token(token)
    assert problem in str(error.value)
    if token:
        assert str(token) not in str(error.value)


def test_usable_tokens() -> None:
    jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_"
    assert check_token(jwt) == jwt
    assert check_token("key-client-b-a93c6e1f07d24b55") == "key-client-b-a93c6e1f07d24b55"
