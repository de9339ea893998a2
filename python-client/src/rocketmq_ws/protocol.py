"""
The ``/ws/v1`` contract without I/O: building client frames, parsing server frames, request ids.

:class:`Protocol` holds the state of one WebSocket connection that the contract needs: the request ids it has
issued and the reply each one waits for. It turns calls into :class:`Request` objects (an id and the JSON text to
send) and every received text frame into one event: a :class:`Reply`, a :class:`Failure` (an error answering a
request), a :class:`Delivery` or a :class:`Notice` (an error answering no request, e.g. ``BROKER_UNAVAILABLE``).
Whoever owns the socket sends and receives; nothing here waits, reads a clock or logs.

The refusals of docs/security.md are part of the contract too: :func:`refused_upgrade` turns the HTTP status of a
refused upgrade into an error, :func:`connection_closed` the close code and reason of a connection that ended.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

from .exceptions import (
    AuthenticationError,
    ConnectFailedError,
    ConnectionLimitError,
    ConnectionLostError,
    GatewayError,
    OriginRefusedError,
    ProtocolError,
    error_for_code,
)

__all__ = [
    "ACK_MODES",
    "CLOSE_MESSAGE_TOO_BIG",
    "CLOSE_POLICY_VIOLATION",
    "CONNECTION_LIMIT_REACHED",
    "CREDENTIALS_EXPIRED",
    "DEFAULT_PREFETCH",
    "FILTER_TYPES",
    "Delivery",
    "Event",
    "Failure",
    "Notice",
    "Protocol",
    "Reply",
    "Request",
    "check_token",
    "connection_closed",
    "decode_body",
    "encode_body",
    "refused_upgrade",
]

DEFAULT_PREFETCH = 32
ACK_MODES = ("client", "auto")
FILTER_TYPES = ("TAG", "SQL92")

#: RFC 6455 close codes the gateway uses beyond the normal ones
CLOSE_POLICY_VIOLATION = 1008
CLOSE_MESSAGE_TOO_BIG = 1009
#: close reasons of docs/security.md (with :data:`CLOSE_POLICY_VIOLATION`)
CREDENTIALS_EXPIRED = "credentials expired"
CONNECTION_LIMIT_REACHED = "connection limit reached"

# the success reply each request op waits for
_REPLY_OP = {
    "subscribe": "subscribed",
    "unsubscribe": "unsubscribed",
    "publish": "published",
    "ack": "acked",
    "nack": "nacked",
}


@dataclass(frozen=True)
class Request:
    """A client frame ready to send: ``text`` is the JSON, ``id`` the request id its reply will echo."""

    id: str
    op: str
    text: str


@dataclass(frozen=True)
class Reply:
    """The success reply to a request (``subscribed``, ``published``, ...); ``message_id`` only for ``published``."""

    request_id: str | None
    op: str
    message_id: str | None = None


@dataclass(frozen=True)
class Failure:
    """An ``error`` frame answering the request ``request_id``."""

    request_id: str
    error: GatewayError


@dataclass(frozen=True)
class Notice:
    """An ``error`` frame that answers no pending request of this connection."""

    error: GatewayError


@dataclass(frozen=True)
class Delivery:
    """A ``message`` frame with its body decoded to bytes."""

    receipt: str
    message_id: str
    topic: str
    body: bytes
    born_timestamp: int
    delivery_attempt: int
    tag: str | None = None
    keys: tuple[str, ...] = ()
    properties: Mapping[str, str] = field(default_factory=dict)
    message_group: str | None = None


Event = Union[Reply, Failure, Delivery, Notice]


def encode_body(body: bytes | str) -> tuple[str, str]:
    """The wire ``body`` and ``encoding`` of a message body: text when it is UTF-8, else base64.

    Text costs a third less on the wire than base64 and the gateway turns it back into the same bytes.
    """
    if isinstance(body, str):
        return body, "text"
    if isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
        try:
            return raw.decode("utf-8"), "text"
        except UnicodeDecodeError:
            return base64.b64encode(raw).decode("ascii"), "base64"
    raise TypeError(f"body must be bytes or str, not {type(body).__name__}")


def decode_body(body: str, encoding: str) -> bytes:
    """The bytes of a wire ``body`` in ``encoding`` (``"text"`` or ``"base64"``)."""
    if encoding == "text":
        return body.encode("utf-8")
    if encoding == "base64":
        try:
            return base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError) as e:
            raise ProtocolError(f"message body is not valid base64: {e}") from e
    raise ProtocolError(f"unknown body encoding {encoding!r}")


def _omit_none(frame: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in frame.items() if v is not None}


class Protocol:
    """Client side of one ``/ws/v1`` session: issues request ids and matches replies to them."""

    def __init__(self, id_prefix: str = "") -> None:
        self._id_prefix = id_prefix
        self._ids = itertools.count(1)
        self._pending: dict[str, tuple[str, str | None]] = {}  # request id -> (op, receipt)

    # -- building client frames -------------------------------------------------------------------------

    def subscribe(
        self,
        topic: str,
        group: str,
        *,
        filter: str | None = None,
        filter_type: str | None = None,
        prefetch: int | None = None,
        ack_mode: str | None = None,
    ) -> Request:
        return self._request(
            "subscribe",
            {
                "topic": topic,
                "group": group,
                "filter": filter,
                "filterType": filter_type,
                "prefetch": prefetch,
                "ackMode": ack_mode,
            },
        )

    def unsubscribe(self) -> Request:
        return self._request("unsubscribe", {})

    def publish(
        self,
        topic: str,
        body: bytes | str,
        *,
        tag: str | None = None,
        keys: Sequence[str] | None = None,
        properties: Mapping[str, str] | None = None,
        message_group: str | None = None,
        deliver_at_ms: int | None = None,
    ) -> Request:
        wire_body, encoding = encode_body(body)
        if isinstance(keys, str):
            raise TypeError("keys must be a sequence of strings, not a string")
        return self._request(
            "publish",
            {
                "topic": topic,
                "body": wire_body,
                # "text" is the default: leaving it out keeps the common frame short
                "encoding": None if encoding == "text" else encoding,
                "tag": tag,
                "keys": list(keys) if keys else None,
                "properties": dict(properties) if properties else None,
                "messageGroup": message_group,
                "deliverAt": deliver_at_ms,
            },
        )

    def ack(self, receipt: str) -> Request:
        return self._request("ack", {"receipt": receipt}, receipt=receipt)

    def nack(self, receipt: str, delay_ms: int | None = None) -> Request:
        return self._request("nack", {"receipt": receipt, "delayMs": delay_ms}, receipt=receipt)

    def _request(self, op: str, fields: dict[str, Any], receipt: str | None = None) -> Request:
        request_id = f"{self._id_prefix}{next(self._ids)}"
        frame = {"op": op, "id": request_id, **_omit_none(fields)}
        self._pending[request_id] = (op, receipt)
        text = json.dumps(frame, ensure_ascii=False, separators=(",", ":"))
        # The gateway refuses a raw U+FFFD (it is what invalid UTF-8 becomes in transit); escaped, it is a character.
        return Request(request_id, op, text.replace("\ufffd", "\\ufffd"))

    # -- pending requests -------------------------------------------------------------------------------

    @property
    def pending(self) -> list[str]:
        """Ids of the requests still waiting for their reply, oldest first."""
        return list(self._pending)

    def forget(self, request_id: str) -> None:
        """Stop waiting for ``request_id`` (it timed out); a late reply then comes as a reply to nobody."""
        self._pending.pop(request_id, None)

    # -- parsing server frames --------------------------------------------------------------------------

    def receive(self, text: str | bytes) -> Event:
        """The event of one server frame. Raises :class:`ProtocolError` if the frame breaks the contract."""
        if not isinstance(text, str):
            raise ProtocolError("the gateway sent a binary frame")
        try:
            frame = json.loads(text)
        except ValueError as e:
            raise ProtocolError(f"the gateway sent a frame that is not JSON: {e}") from e
        if not isinstance(frame, dict) or not isinstance(frame.get("op"), str):
            raise ProtocolError("the gateway sent a frame that is not an object with a string 'op'")
        op = frame["op"]
        if op == "message":
            return _delivery(frame)
        request_id = _optional_str(frame, "id")
        if op == "error":
            return self._error(frame, request_id)
        if op not in _REPLY_OP.values():
            raise ProtocolError(f"the gateway sent an unknown op {op!r}")
        if request_id is not None:
            expected = self._pending.pop(request_id, None)
            if expected is not None and _REPLY_OP[expected[0]] != op:
                raise ProtocolError(
                    f"request {request_id} ({expected[0]}) was answered with {op!r}", request_id=request_id
                )
        message_id = _required_str(frame, "messageId") if op == "published" else None
        return Reply(request_id, op, message_id)

    def _error(self, frame: Mapping[str, Any], request_id: str | None) -> Failure | Notice:
        code = _required_str(frame, "code")
        message = _optional_str(frame, "message") or ""
        receipt = _optional_str(frame, "receipt")
        pending = self._pending.pop(request_id, None) if request_id is not None else None
        if receipt is None and pending is not None:
            receipt = pending[1]
        error = error_for_code(code, message, request_id=request_id, receipt=receipt)
        if request_id is not None and pending is not None:
            return Failure(request_id, error)
        return Notice(error)


def _delivery(frame: Mapping[str, Any]) -> Delivery:
    keys = frame.get("keys", [])
    properties = frame.get("properties", {})
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ProtocolError("message 'keys' is not an array of strings")
    if not isinstance(properties, dict) or not all(isinstance(v, str) for v in properties.values()):
        raise ProtocolError("message 'properties' is not an object of strings")
    return Delivery(
        receipt=_required_str(frame, "receipt"),
        message_id=_required_str(frame, "messageId"),
        topic=_required_str(frame, "topic"),
        body=decode_body(_required_str(frame, "body"), _required_str(frame, "encoding")),
        born_timestamp=_required_int(frame, "bornTimestamp"),
        delivery_attempt=_required_int(frame, "deliveryAttempt"),
        tag=_optional_str(frame, "tag"),
        keys=tuple(keys),
        properties=dict(properties),
        message_group=_optional_str(frame, "messageGroup"),
    )


def _required_str(frame: Mapping[str, Any], name: str) -> str:
    value = frame.get(name)
    if not isinstance(value, str):
        raise ProtocolError(f"{frame.get('op')!r} frame has no string {name!r}")
    return value


def _optional_str(frame: Mapping[str, Any], name: str) -> str | None:
    value = frame.get(name)
    if value is not None and not isinstance(value, str):
        raise ProtocolError(f"{frame.get('op')!r} frame has a non-string {name!r}")
    return value


def _required_int(frame: Mapping[str, Any], name: str) -> int:
    value = frame.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(f"{frame.get('op')!r} frame has no integer {name!r}")
    return value


# -- credentials and refusals (docs/security.md) --------------------------------------------------------


def check_token(token: object) -> str:
    """``token`` if it can be sent as ``Authorization: Bearer <token>``; the errors never show the token."""
    if not isinstance(token, str):
        raise TypeError(f"a token must be a str, not {type(token).__name__}")
    if not token:
        raise ValueError("the token is empty")
    if not all("!" <= c <= "~" for c in token):
        raise ValueError("the token has a space, a control character (a trailing newline?) or a non-ASCII character")
    return token


def refused_upgrade(status: int, url: str) -> ConnectFailedError:
    """The error for a WebSocket upgrade to ``url`` that the gateway answered with HTTP ``status``."""
    where = f"the gateway at {url}"
    if status == 401:
        return AuthenticationError(f"{where} refused the credentials (HTTP 401)", status=status)
    if status == 403:
        return OriginRefusedError(f"{where} does not allow the upgrade's Origin (HTTP 403)", status=status)
    if status == 429:
        return ConnectionLimitError(
            f"{where} holds as many connections of this principal as it allows (HTTP 429)", status=status
        )
    if status == 503:
        return ConnectionLimitError(f"{where} holds as many connections as it allows (HTTP 503)", status=status)
    # anything else may come from a proxy in front of a gateway that is restarting: worth another try
    return ConnectFailedError(f"{where} refused the WebSocket upgrade with HTTP {status}", status=status)


def connection_closed(code: int | None, reason: str | None, url: str) -> ConnectionLostError:
    """The error for a connection to ``url`` that ended with close ``code`` and ``reason`` (``None``: no close
    frame).

    1008 "credentials expired" is an :class:`AuthenticationError`, 1008 "connection limit reached" a
    :class:`ConnectionLimitError`; every other close (1001 "idle timeout", a restart, a network failure) a
    retriable :class:`ConnectionLostError`.
    """
    described = "no close frame" if code is None else f"code {code}"
    if reason:
        described += f", {reason}"
    message = f"connection to {url} lost ({described})"
    if code == CLOSE_POLICY_VIOLATION and reason == CREDENTIALS_EXPIRED:
        return AuthenticationError(message, close_code=code)
    if code == CLOSE_POLICY_VIOLATION and reason == CONNECTION_LIMIT_REACHED:
        return ConnectionLimitError(message, close_code=code)
    return ConnectionLostError(message, close_code=code)
