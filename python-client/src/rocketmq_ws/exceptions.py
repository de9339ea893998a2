"""
Every error the client raises derives from :class:`RocketMQWSError`::

    RocketMQWSError                      code, message, request_id, retriable
    ├── GatewayError                     the gateway answered with an ``error`` frame
    │   ├── BadFrameError                BAD_FRAME
    │   ├── UnknownOpError               UNKNOWN_OP
    │   ├── InvalidArgumentError         INVALID_ARGUMENT
    │   ├── NotSubscribedError           NOT_SUBSCRIBED
    │   ├── AlreadySubscribedError       ALREADY_SUBSCRIBED
    │   ├── UnknownReceiptError          UNKNOWN_RECEIPT
    │   ├── PayloadTooLargeError         PAYLOAD_TOO_LARGE    (also the client's own size check, and close 1009)
    │   ├── ForbiddenError               FORBIDDEN
    │   ├── RateLimitedError             RATE_LIMITED         (retriable)
    │   ├── TopicNotFoundError           TOPIC_NOT_FOUND
    │   ├── GroupNotFoundError           GROUP_NOT_FOUND
    │   ├── BrokerUnavailableError       BROKER_UNAVAILABLE   (retriable)
    │   └── InternalError                INTERNAL             (retriable)
    ├── ConnectionLostError              CONNECTION_LOST      (retriable)  + close_code
    │   └── ConnectFailedError           CONNECT_FAILED       (retriable)  + status
    │       ├── AuthenticationError      UNAUTHENTICATED      HTTP 401, or close 1008 "credentials expired"
    │       │   └── OriginRefusedError   ORIGIN_REFUSED       HTTP 403
    │       └── ConnectionLimitError     CONNECTION_LIMIT     (retriable) HTTP 429 or 503, or close 1008
    ├── RequestTimeoutError              TIMEOUT              (retriable; also a builtin TimeoutError)
    ├── ClientClosedError                CLOSED
    ├── UsageError                       USAGE
    └── ProtocolError                    PROTOCOL

The codes of :class:`GatewayError` and its subclasses are the gateway's (docs/protocol.md, "Error codes"); a code
added to the gateway later arrives as a plain :class:`GatewayError` with that code. The other codes are the
client's own and never appear on the wire.

``retriable`` says whether sending the same request again may succeed. A :class:`ConnectionLostError` raised by
``publish`` means the outcome is unknown: the message may or may not have been stored.

The refusals of docs/security.md: the gateway refuses a WebSocket upgrade with an HTTP status, which a
:class:`ConnectFailedError` carries as ``status``; when it closes an open connection for a reason of its own
(credentials expired, connection limit), the error that ends the client or subscription carries the WebSocket
``close_code``.
"""

from __future__ import annotations

import builtins

__all__ = [
    "AlreadySubscribedError",
    "AuthenticationError",
    "BadFrameError",
    "BrokerUnavailableError",
    "ClientClosedError",
    "ConnectFailedError",
    "ConnectionLimitError",
    "ConnectionLostError",
    "ForbiddenError",
    "GatewayError",
    "GroupNotFoundError",
    "InternalError",
    "InvalidArgumentError",
    "NotSubscribedError",
    "OriginRefusedError",
    "PayloadTooLargeError",
    "ProtocolError",
    "RateLimitedError",
    "RequestTimeoutError",
    "RocketMQWSError",
    "TopicNotFoundError",
    "UnknownOpError",
    "UnknownReceiptError",
    "UsageError",
    "error_for_code",
]


class RocketMQWSError(Exception):
    """Base class of every error of this library."""

    code: str = "ERROR"
    retriable: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        request_id: str | None = None,
        receipt: str | None = None,
        retriable: bool | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.request_id = request_id
        #: the receipt an ``ack`` or ``nack`` error is about
        self.receipt = receipt
        if retriable is not None:
            self.retriable = retriable

    def __str__(self) -> str:
        where = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.code}: {self.message}{where}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
            f"request_id={self.request_id!r}, retriable={self.retriable!r})"
        )


class GatewayError(RocketMQWSError):
    """The gateway answered a request with an ``error`` frame."""


class BadFrameError(GatewayError):
    code = "BAD_FRAME"


class UnknownOpError(GatewayError):
    code = "UNKNOWN_OP"


class InvalidArgumentError(GatewayError):
    code = "INVALID_ARGUMENT"


class NotSubscribedError(GatewayError):
    code = "NOT_SUBSCRIBED"


class AlreadySubscribedError(GatewayError):
    code = "ALREADY_SUBSCRIBED"


class UnknownReceiptError(GatewayError):
    code = "UNKNOWN_RECEIPT"


class PayloadTooLargeError(GatewayError):
    code = "PAYLOAD_TOO_LARGE"


class ForbiddenError(GatewayError):
    """The caller's roles do not allow this topic or consumer group; the session goes on."""

    code = "FORBIDDEN"


class RateLimitedError(GatewayError):
    """The connection publishes faster than the gateway allows; publish again after a short pause."""

    code = "RATE_LIMITED"
    retriable = True


class TopicNotFoundError(GatewayError):
    code = "TOPIC_NOT_FOUND"


class GroupNotFoundError(GatewayError):
    code = "GROUP_NOT_FOUND"


class BrokerUnavailableError(GatewayError):
    code = "BROKER_UNAVAILABLE"
    retriable = True


class InternalError(GatewayError):
    code = "INTERNAL"
    retriable = True


class ConnectionLostError(RocketMQWSError):
    """The WebSocket closed while a request waited for its reply, or a receipt belongs to a lost connection.

    The gateway puts every un-acked message of a lost connection back into RocketMQ, so acking a message of a
    lost connection fails with this error (``retriable`` false) and the message is delivered again.
    """

    code = "CONNECTION_LOST"
    retriable = True

    def __init__(
        self,
        message: str,
        *,
        close_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        receipt: str | None = None,
        retriable: bool | None = None,
    ) -> None:
        super().__init__(message, code=code, request_id=request_id, receipt=receipt, retriable=retriable)
        #: the WebSocket close code the gateway closed the connection with, when that is what this error is about
        self.close_code = close_code


class ConnectFailedError(ConnectionLostError):
    """The WebSocket to the gateway could not be opened."""

    code = "CONNECT_FAILED"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        close_code: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
        receipt: str | None = None,
        retriable: bool | None = None,
    ) -> None:
        super().__init__(
            message, close_code=close_code, code=code, request_id=request_id, receipt=receipt, retriable=retriable
        )
        #: the HTTP status with which the gateway refused the WebSocket upgrade, if it answered one
        self.status = status


class AuthenticationError(ConnectFailedError):
    """The gateway refused the credentials: no token, an unknown or invalid one (HTTP 401 at the upgrade), or
    it closed the connection because they expired (close code 1008 "credentials expired").

    Not retriable with the same token. After an expiry the client reconnects by itself when its ``token`` is a
    callable, which gives a fresh token for each connection; the error is then raised only if that one is
    refused too.
    """

    code = "UNAUTHENTICATED"
    retriable = False


class OriginRefusedError(AuthenticationError):
    """The upgrade's ``Origin`` header is neither the gateway's own origin nor allow-listed (HTTP 403)."""

    code = "ORIGIN_REFUSED"


class ConnectionLimitError(ConnectFailedError):
    """The gateway holds as many connections as it allows, in all (HTTP 503) or for this principal (HTTP 429), or
    lost the race for the last one (close code 1008 "connection limit reached"). Retriable: connect again later.
    """

    code = "CONNECTION_LIMIT"
    retriable = True


class RequestTimeoutError(RocketMQWSError, builtins.TimeoutError):
    """No reply (or no message, for ``Subscription.next``) within the timeout."""

    code = "TIMEOUT"
    retriable = True


class ClientClosedError(RocketMQWSError):
    """The client or subscription was closed by the application."""

    code = "CLOSED"


class UsageError(RocketMQWSError):
    """The call makes no sense in the current state (for example ``nack`` with ``ack_mode="auto"``)."""

    code = "USAGE"


class ProtocolError(RocketMQWSError):
    """The gateway sent a frame that docs/protocol.md does not allow."""

    code = "PROTOCOL"


_BY_CODE: dict[str, type[GatewayError]] = {
    cls.code: cls
    for cls in (
        BadFrameError,
        UnknownOpError,
        InvalidArgumentError,
        NotSubscribedError,
        AlreadySubscribedError,
        UnknownReceiptError,
        PayloadTooLargeError,
        ForbiddenError,
        RateLimitedError,
        TopicNotFoundError,
        GroupNotFoundError,
        BrokerUnavailableError,
        InternalError,
    )
}


def error_for_code(
    code: str, message: str, *, request_id: str | None = None, receipt: str | None = None
) -> GatewayError:
    """The exception for an ``error`` frame; an unknown code gives a plain, non-retriable :class:`GatewayError`."""
    cls = _BY_CODE.get(code)
    if cls is None:
        return GatewayError(message, code=code, request_id=request_id, receipt=receipt, retriable=False)
    return cls(message, request_id=request_id, receipt=receipt)
