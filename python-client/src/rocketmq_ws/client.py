"""
The asyncio client: one WebSocket to the gateway, reconnected with backoff when it drops.

The wire contract is in :mod:`rocketmq_ws.protocol`; this module only moves frames between it and the socket,
waits for replies with timeouts, and keeps the subscription alive across reconnects.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import inspect
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Generator, Mapping, Sequence
from datetime import datetime
from ssl import SSLContext
from types import TracebackType
from typing import Any, Callable, Union

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as ws_connect
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed, InvalidStatus, InvalidURI

from .exceptions import (
    AuthenticationError,
    ClientClosedError,
    ConnectFailedError,
    ConnectionLostError,
    GatewayError,
    PayloadTooLargeError,
    ProtocolError,
    RequestTimeoutError,
    RocketMQWSError,
    UsageError,
)
from .protocol import (
    ACK_MODES,
    CLOSE_MESSAGE_TOO_BIG,
    DEFAULT_PREFETCH,
    Delivery,
    Failure,
    Notice,
    Protocol,
    Reply,
    Request,
    check_token,
    connection_closed,
    refused_upgrade,
)
from .subscription import Message, Subscription

__all__ = ["Client", "Message", "Subscription", "TokenLike", "connect"]

LoggerLike = Union[logging.Logger, "logging.LoggerAdapter[Any]"]
#: A bearer token, or a function (plain or async) that returns one: called for each connection, so a token that
#: is refreshed meanwhile is the one used.
TokenLike = Union[str, Callable[[], Union[str, Awaitable[str]]]]

#: the gateway's default ``quarkus.websockets-next.server.max-message-size``; a larger message closes the socket
DEFAULT_MAX_MESSAGE_BYTES = 6 * 1024 * 1024
#: Larger text messages are sent as fragments (RFC 6455 continuation frames) of at most this many characters,
#: so at most 64 KiB of UTF-8 each: servers and proxies often cap single frames at 65536 bytes (Vert.x's default),
#: and fragments pass everywhere.
FRAGMENT_CHARS = 16 * 1024


class Client:
    """A connection to the gateway. Create it with :func:`connect`."""

    def __init__(
        self,
        url: str,
        *,
        logger: LoggerLike | None = None,
        request_timeout: float | None = 10.0,
        open_timeout: float | None = 10.0,
        reconnect: bool = True,
        backoff_initial: float = 0.2,
        backoff_max: float = 10.0,
        max_reconnect_attempts: int | None = None,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        token: TokenLike | None = None,
        ssl: SSLContext | None = None,
        websocket_options: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(token, str):
            check_token(token)
        elif token is not None and not callable(token):
            raise TypeError(f"token must be a str or a function returning one, not {type(token).__name__}")
        if ssl is not None and not url.lower().startswith("wss://"):
            raise ValueError("ssl= needs a wss:// URL")
        self.url = url
        self.logger: LoggerLike = logger if logger is not None else logging.getLogger("rocketmq_ws")
        self.request_timeout = request_timeout
        self.open_timeout = open_timeout
        self.reconnect = reconnect
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.max_reconnect_attempts = max_reconnect_attempts
        self.max_message_bytes = max_message_bytes
        self._ws_options: dict[str, Any] = {
            # a delivery can carry a 4 MiB body in base64 plus JSON; websockets' default is 1 MiB
            "max_size": 2 * max_message_bytes,
            # JSON over loopback or LAN: compression costs more CPU than it saves
            "compression": None,
            **(websocket_options or {}),
        }
        # websockets logs the request headers at debug level: never the token
        self._ws_options["logger"] = _RedactingLogger(
            self._ws_options.get("logger") or logging.getLogger("websockets.client"), None
        )
        if ssl is not None:
            self._ws_options["ssl"] = ssl
        # read once: additional_headers may be an iterator of pairs
        self._headers = Headers(self._ws_options.pop("additional_headers", None) or ())
        if token is not None and "Authorization" in self._headers:
            raise ValueError("give the token either as token= or as an Authorization header, not both")
        self._token = token
        self._ws: ClientConnection | None = None
        self._protocol = Protocol()
        self._connection_number = 0
        self._waiters: dict[str, asyncio.Future[Reply]] = {}
        # op and length of each waiting request: which one a close 1009 was about
        self._request_sizes: dict[str, tuple[str, int]] = {}
        self._connected: asyncio.Event | None = None
        self._subscription: Subscription | None = None
        self._reader: asyncio.Task[None] | None = None
        self._background: set[asyncio.Task[None]] = set()
        self._closed: RocketMQWSError | None = None

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open" if self._ws is not None else "reconnecting"
        return f"<Client {self.url} {state}>"

    # -- opening and closing ----------------------------------------------------------------------------

    async def _open(self) -> Client:
        self._connected = asyncio.Event()
        await self._open_socket()
        return self

    async def _open_socket(self) -> None:
        headers = self._headers.copy()
        if self._token is not None:
            headers["Authorization"] = "Bearer " + await self._current_token()
        try:
            ws = await ws_connect(
                self.url, open_timeout=self.open_timeout, additional_headers=headers, **self._ws_options
            )
        except InvalidURI as e:
            raise ConnectFailedError(f"invalid gateway URL {self.url!r}: {e}", retriable=False) from e
        except InvalidStatus as e:
            error = refused_upgrade(e.response.status_code, self.url)
            if isinstance(error, AuthenticationError) and error.status == 401 and self._token is None:
                error.message += "; no token was given"
            raise error from e
        except (asyncio.TimeoutError, TimeoutError) as e:
            raise ConnectFailedError(f"no WebSocket to {self.url} within {self.open_timeout} s") from e
        except Exception as e:  # OSError, InvalidHandshake, InvalidStatus, ...
            raise ConnectFailedError(f"cannot open a WebSocket to {self.url}: {e}") from e
        self._connection_number += 1
        number = self._connection_number
        self._ws = ws
        self._protocol = Protocol("" if number == 1 else f"r{number}-")
        assert self._connected is not None
        self._connected.set()
        self._reader = asyncio.ensure_future(self._read(ws, number))

    async def _current_token(self) -> str:
        token = self._token
        if not callable(token):
            assert token is not None
            return token
        try:
            value = token()
            if inspect.isawaitable(value):
                value = await value
        except Exception as e:
            raise ConnectFailedError(f"the token function failed: {type(e).__name__}: {e}") from e
        try:
            return check_token(value)
        except (TypeError, ValueError) as e:
            raise ConnectFailedError(f"the token function returned no usable token: {e}", retriable=False) from e

    async def close(self) -> None:
        """Close the connection. Un-acked messages go back to RocketMQ. Safe to call more than once."""
        if self._closed is not None:
            return
        self._closed = ClientClosedError("the client is closed")
        if self._subscription is not None:
            self._subscription._finish(ClientClosedError("the client is closed"))
            self._subscription = None
        if self._connected is not None:
            self._connected.set()  # wake requests waiting for a connection: they see _closed
        ws, self._ws = self._ws, None
        if ws is not None:
            await ws.close()
        self._fail_waiters(ClientClosedError("the client is closed"))
        tasks = [t for t in (self._reader, *self._background) if t is not None and not t.done()]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    @property
    def websocket(self) -> ClientConnection | None:
        """The current WebSocket (``None`` while reconnecting): for diagnostics such as ``latency``."""
        return self._ws

    @property
    def closed(self) -> bool:
        return self._closed is not None

    # -- the operations ---------------------------------------------------------------------------------

    async def publish(
        self,
        topic: str,
        body: bytes | str,
        *,
        tag: str | None = None,
        keys: Sequence[str] | None = None,
        properties: Mapping[str, str] | None = None,
        message_group: str | None = None,
        deliver_at: datetime | float | None = None,
        timeout: float | None = None,
    ) -> str:
        """Publish one message and return its message id once RocketMQ stored it.

        ``body`` is bytes or text; ``deliver_at`` is an aware :class:`datetime` or epoch seconds (like
        :func:`time.time`). Publishes may run concurrently: the gateway pipelines them.
        """
        if isinstance(deliver_at, datetime):
            if deliver_at.tzinfo is None:
                raise ValueError("deliver_at must be timezone-aware")
            deliver_at_ms: int | None = round(deliver_at.timestamp() * 1000)
        else:
            deliver_at_ms = None if deliver_at is None else round(deliver_at * 1000)

        def build(protocol: Protocol) -> Request:
            return protocol.publish(
                topic,
                body,
                tag=tag,
                keys=keys,
                properties=properties,
                message_group=message_group,
                deliver_at_ms=deliver_at_ms,
            )

        reply = await self._call(build, timeout)
        assert reply.message_id is not None
        return reply.message_id

    def subscribe(
        self,
        topic: str,
        group: str,
        tag: str | None = None,
        *,
        sql: str | None = None,
        prefetch: int = DEFAULT_PREFETCH,
        ack_mode: str = "client",
        timeout: float | None = None,
    ) -> Subscription:
        """Subscribe ``group`` to ``topic``; ``await`` the result or use it with ``async with``.

        ``tag`` is a tag expression (``"a || b"``, default all); ``sql`` a SQL92 filter on properties instead.
        ``prefetch`` bounds the messages delivered and not yet acked. ``ack_mode="auto"`` lets the gateway ack
        each message as it sends it (faster, but a message can be lost if this process dies). A connection holds
        one subscription at a time.
        """
        if tag is not None and sql is not None:
            raise ValueError("give either tag or sql, not both")
        if ack_mode not in ACK_MODES:
            raise ValueError(f"ack_mode must be one of {ACK_MODES}, not {ack_mode!r}")
        return Subscription(
            self,
            topic,
            group,
            filter=sql if sql is not None else tag,
            filter_type="SQL92" if sql is not None else None,
            prefetch=prefetch,
            ack_mode=ack_mode,
            timeout=timeout,
        )

    # -- requests ---------------------------------------------------------------------------------------

    async def _call(
        self, build: Callable[[Protocol], Request], timeout: float | None, *, connection: int | None = None
    ) -> Reply:
        """Send one request and wait for its reply, within ``timeout`` (default ``request_timeout``)."""
        timeout = self.request_timeout if timeout is None else timeout
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        ws = await self._wait_connected(deadline, timeout)
        if connection is not None and connection != self._connection_number:
            raise ConnectionLostError("the connection of this request is gone", retriable=False)
        number = self._connection_number
        request = build(self._protocol)
        size = len(request.text)
        if size > self.max_message_bytes // 4 and (size := len(request.text.encode("utf-8"))) > self.max_message_bytes:
            self._protocol.forget(request.id)
            raise PayloadTooLargeError(
                f"the {request.op} frame is {size} bytes; the gateway closes the socket "
                f"on messages over {self.max_message_bytes} bytes",
                request_id=request.id,
            )
        future: asyncio.Future[Reply] = loop.create_future()
        self._waiters[request.id] = future
        self._request_sizes[request.id] = (request.op, size)
        try:
            try:
                if len(request.text) > FRAGMENT_CHARS:
                    await ws.send(_fragments(request.text))
                else:
                    await ws.send(request.text)
            except ConnectionClosed as e:
                if e.rcvd is not None and e.rcvd.code == CLOSE_MESSAGE_TOO_BIG:
                    # the gateway stopped reading this very message
                    raise _too_big(request.id, request.op, size) from e
                raise ConnectionLostError(
                    f"the connection closed before {request.op} could be sent", request_id=request.id
                ) from e
            remaining = None if deadline is None else max(0.0, deadline - loop.time())
            try:
                return await asyncio.wait_for(future, remaining)
            except asyncio.TimeoutError:
                raise RequestTimeoutError(
                    f"no reply to {request.op} within {timeout} s", request_id=request.id
                ) from None
        finally:
            if self._waiters.get(request.id) is future:
                del self._waiters[request.id]
                self._request_sizes.pop(request.id, None)
            if future.done() and not future.cancelled():
                future.exception()  # retrieved: the caller got this outcome or a better one
            if number == self._connection_number:
                self._protocol.forget(request.id)

    async def _wait_connected(self, deadline: float | None, timeout: float | None) -> ClientConnection:
        assert self._connected is not None
        loop = asyncio.get_running_loop()
        while True:
            if self._closed is not None:
                raise self._closed
            if self._ws is not None:
                return self._ws
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                raise RequestTimeoutError(f"not reconnected to the gateway within {timeout} s")
            try:
                await asyncio.wait_for(self._connected.wait(), remaining)
            except asyncio.TimeoutError:
                continue

    def _fail_waiters(self, error: RocketMQWSError, *, too_big: bool = False) -> None:
        """Fail every waiting request with a copy of ``error``; with ``too_big`` (close 1009), the largest one
        with :class:`PayloadTooLargeError` instead: over the gateway's limit if any was."""
        largest = self._largest_waiting() if too_big else None
        waiters, self._waiters = self._waiters, {}
        sizes, self._request_sizes = self._request_sizes, {}
        for request_id, future in waiters.items():
            if future.done():
                continue
            if request_id == largest:
                future.set_exception(_too_big(request_id, *sizes[request_id]))
            else:
                failure = copy.copy(error)
                failure.request_id = request_id
                future.set_exception(failure)
            # marked retrieved: its caller may have been cancelled meanwhile (Ctrl+C) and never look at it
            future.exception()

    def _largest_waiting(self) -> str | None:
        """The waiting request with the longest frame: the one an oversize refusal without id is about.

        The gateway cannot tell which request a frame it did not read or parse was; that frame was over its limit,
        so the longest waiting one is too.
        """
        return max(self._waiters, key=lambda request_id: self._request_sizes[request_id][1], default=None)

    # -- the subscription -------------------------------------------------------------------------------

    async def _start_subscription(self, sub: Subscription) -> None:
        if self._subscription is not None:
            raise UsageError("this client already has a subscription; close it first or use another client")
        self._subscription = sub
        try:
            await self._call(self._subscribe_request(sub), sub._timeout)
        except BaseException:
            if self._subscription is sub:
                self._subscription = None
            sub._end = ClientClosedError("the subscription failed")
            raise

    @staticmethod
    def _subscribe_request(sub: Subscription) -> Callable[[Protocol], Request]:
        def build(protocol: Protocol) -> Request:
            return protocol.subscribe(
                sub.topic,
                sub.group,
                filter=sub.filter,
                filter_type=sub.filter_type,
                prefetch=sub.prefetch,
                ack_mode=sub.ack_mode,
            )

        return build

    def _detach(self, sub: Subscription) -> None:
        if self._subscription is sub:
            self._subscription = None

    async def _end_subscription(self, sub: Subscription) -> None:
        if self._subscription is not sub:
            return
        self._subscription = None
        if self._ws is None or self._closed is not None or self._reader is None or self._reader.done():
            return  # the gateway drops the subscription with the connection
        try:
            await self._call(lambda protocol: protocol.unsubscribe(), sub._timeout)
        except (ConnectionLostError, ClientClosedError):
            pass  # the gateway drops the subscription with the connection
        except GatewayError as e:
            self.logger.warning("unsubscribe from %s as %s failed: %s", sub.topic, sub.group, e)

    async def _resubscribe(self, sub: Subscription, connection: int) -> None:
        delay = self.backoff_initial
        while self._subscription is sub and connection == self._connection_number:
            try:
                await self._call(self._subscribe_request(sub), sub._timeout, connection=connection)
            except ConnectionLostError:
                return  # the next connection subscribes again
            except RocketMQWSError as e:
                if not e.retriable:
                    self.logger.error(
                        "re-subscribing to %s as %s failed, the subscription ends: %s", sub.topic, sub.group, e
                    )
                    if self._subscription is sub:
                        self._subscription = None
                    sub._finish(e)
                    return
                self.logger.warning(
                    "re-subscribing to %s as %s failed, retrying in %.1f s: %s", sub.topic, sub.group, delay, e
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff_max)
            else:
                self.logger.info("re-subscribed to %s as %s after reconnecting", sub.topic, sub.group)
                return

    # -- reading and reconnecting -----------------------------------------------------------------------

    async def _read(self, ws: ClientConnection, number: int) -> None:
        try:
            async for text in ws:
                self._handle(text, number)
        except ConnectionClosed:
            pass
        if self._closed is not None:
            return
        cause = self._connection_lost(ws, number)
        if cause is not None:
            # a new task, so that this reader's task finishes and close() never waits for a reconnect loop
            self._spawn(self._reconnect(cause))

    def _handle(self, text: str | bytes, number: int) -> None:
        try:
            event = self._protocol.receive(text)
        except ProtocolError as e:
            self.logger.error("ignoring a frame from the gateway: %s", e)
            return
        if isinstance(event, Delivery):
            sub = self._subscription
            if sub is not None and sub._end is None:
                sub._deliver(event, number)
            # else: we are unsubscribing; the gateway puts the message back
        elif isinstance(event, Reply):
            if event.op == "subscribed" and self._subscription is not None:
                self._subscription._subscribed_once = True
            self._resolve(event.request_id, event, None)
        elif isinstance(event, Failure):
            self._resolve(event.request_id, None, event.error)
        elif isinstance(event, Notice):
            if isinstance(event.error, PayloadTooLargeError) and event.error.request_id is None:
                # a frame over max-frame-bytes is refused unparsed, so without its id
                request_id = self._largest_waiting()
                if request_id is not None:
                    event.error.request_id = request_id
                    self._resolve(request_id, None, event.error)
                    return
            self.logger.warning("the gateway reports %s", event.error)

    def _resolve(self, request_id: str | None, reply: Reply | None, error: RocketMQWSError | None) -> None:
        future = None
        if request_id is not None:
            future = self._waiters.pop(request_id, None)
            self._request_sizes.pop(request_id, None)
        if future is None or future.done():
            self.logger.debug("late or unexpected reply to request %s", request_id)
        elif error is not None:
            future.set_exception(error)
        else:
            assert reply is not None
            future.set_result(reply)

    def _connection_lost(self, ws: ClientConnection, number: int) -> ConnectionLostError | None:
        """Forget the connection ``number``; the error saying why it ended, or None if it was an older one."""
        if number != self._connection_number:
            return None
        self._ws = None
        assert self._connected is not None
        self._connected.clear()
        closing = ws.protocol  # not ws.close_code: websockets 13 has it only here
        cause = connection_closed(closing.close_code, closing.close_reason, self.url)
        if isinstance(cause, AuthenticationError):
            if callable(self._token):
                cause.retriable = True  # the next connection gets a fresh token
            else:
                cause.message += "; to reconnect with a fresh token, pass a function as token="
        # 1009 from the gateway: it could not read a message of ours (not one of its own that we refused)
        too_big = closing.close_code == CLOSE_MESSAGE_TOO_BIG and closing.close_rcvd_then_sent is not False
        self._fail_waiters(ConnectionLostError(cause.message, close_code=cause.close_code), too_big=too_big)
        sub = self._subscription
        dropped = sub._drop_buffered() if sub is not None else 0
        self.logger.warning(
            "%s%s%s",
            cause.message,
            f"; {dropped} un-acked buffered messages will be redelivered" if dropped else "",
            "; reconnecting" if self.reconnect and cause.retriable else "",
        )
        return cause

    async def _reconnect(self, cause: ConnectionLostError) -> None:
        """Open a new connection with backoff, until one opens, a refusal is not retriable, or attempts run out;
        in the last two cases the client ends with the error that stopped it."""
        attempt = 0
        delay = self.backoff_initial
        error = cause
        while self._closed is None and self.reconnect and error.retriable:
            if self.max_reconnect_attempts is not None and attempt >= self.max_reconnect_attempts:
                break
            attempt += 1
            # jitter keeps a fleet of clients from reconnecting in lockstep after a gateway restart
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))
            if self._closed is not None:
                return
            try:
                await self._open_socket()
            except ConnectFailedError as e:
                self.logger.warning("reconnect attempt %d to %s failed: %s", attempt, self.url, e)
                error = e
                delay = min(delay * 2, self.backoff_max)
                continue
            self.logger.info("reconnected to %s (attempt %d)", self.url, attempt)
            sub = self._subscription
            if sub is not None and sub._subscribed_once:
                self._spawn(self._resubscribe(sub, self._connection_number))
            return
        if self._closed is None:
            if error.retriable and self.reconnect:
                error = ConnectionLostError(
                    f"the connection to {self.url} is lost and reconnecting gave up after {attempt} attempts",
                    close_code=cause.close_code,
                )
            self.logger.error("%s", error.message)
            self._closed = error
            assert self._connected is not None
            self._connected.set()
            if self._subscription is not None:
                self._subscription._finish(error)
                self._subscription = None

    def _spawn(self, coroutine: Awaitable[None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)


def _too_big(request_id: str, op: str, size: int) -> PayloadTooLargeError:
    return PayloadTooLargeError(
        f"the gateway closed the connection (code {CLOSE_MESSAGE_TOO_BIG}): this {op} frame ({size} characters) "
        "is over its max-message-size; set max_message_bytes to that limit to have the client refuse it",
        request_id=request_id,
    )


class _RedactingLogger(logging.LoggerAdapter):  # type: ignore[type-arg]
    """websockets' logger without the token: websockets logs every request header at debug level."""

    def log(self, level: int, msg: object, *args: object, **kwargs: Any) -> None:
        if len(args) == 2 and isinstance(args[0], str) and args[0].lower() == "authorization":
            args = (args[0], "<redacted>")
        super().log(level, msg, *args, **kwargs)


def _fragments(text: str) -> list[str]:
    return [text[i : i + FRAGMENT_CHARS] for i in range(0, len(text), FRAGMENT_CHARS)]


class connect:
    """Open a :class:`Client`: ``client = await connect(url)`` or ``async with connect(url) as client``.

    ``logger`` receives the client's log records (default: the ``rocketmq_ws`` logger; the library never
    configures handlers). Every request waits at most ``request_timeout`` seconds for its reply. When the socket
    drops, the client reconnects with exponential backoff from ``backoff_initial`` to ``backoff_max`` seconds
    (forever unless ``max_reconnect_attempts`` is set, never if ``reconnect`` is false) and subscribes again.
    ``websocket_options`` go to :func:`websockets.asyncio.client.connect` (e.g. ``additional_headers``).

    ``token`` is sent as ``Authorization: Bearer <token>`` at each WebSocket upgrade (docs/security.md): a string,
    or a function (plain or async) returning one, called for every connection so that reconnects use a refreshed
    token. It is never logged. ``ssl`` is the :class:`ssl.SSLContext` for a ``wss://`` URL, e.g.
    ``ssl.create_default_context(cafile="gateway-ca.pem")`` for a gateway with a private CA.

    Refusals: a rejected token (HTTP 401) raises :class:`AuthenticationError`, a rejected ``Origin`` (403)
    :class:`OriginRefusedError`; both end the reconnect loop. Connection limits (HTTP 429, 503, or close 1008
    "connection limit reached") raise a retriable :class:`ConnectionLimitError` from ``connect`` and are retried
    with backoff when reconnecting. When the gateway closes a connection whose credentials expired (1008
    "credentials expired"), the client reconnects only if ``token`` is a function; otherwise it ends with
    :class:`AuthenticationError`.

    Like websockets' ``connect``, it is also an async iterator for code that wants to handle each connection
    itself: ``async for client in connect(url)`` yields one client per connection (without automatic
    reconnects), opening the next one with backoff when the body continues after a :class:`ConnectionLostError`.
    """

    def __init__(
        self,
        url: str,
        *,
        logger: LoggerLike | None = None,
        request_timeout: float | None = 10.0,
        open_timeout: float | None = 10.0,
        reconnect: bool = True,
        backoff_initial: float = 0.2,
        backoff_max: float = 10.0,
        max_reconnect_attempts: int | None = None,
        max_message_bytes: int = DEFAULT_MAX_MESSAGE_BYTES,
        token: TokenLike | None = None,
        ssl: SSLContext | None = None,
        websocket_options: Mapping[str, Any] | None = None,
    ) -> None:
        self._make_client = functools.partial(
            Client,
            url,
            logger=logger,
            request_timeout=request_timeout,
            open_timeout=open_timeout,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
            max_reconnect_attempts=max_reconnect_attempts,
            max_message_bytes=max_message_bytes,
            token=token,
            ssl=ssl,
            websocket_options=websocket_options,
        )
        self._client = self._make_client(reconnect=reconnect)

    def __await__(self) -> Generator[Any, None, Client]:
        return self._client._open().__await__()

    async def __aenter__(self) -> Client:
        return await self._client._open()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._client.close()

    async def __aiter__(self) -> AsyncIterator[Client]:
        delay = self._client.backoff_initial
        while True:
            client = self._make_client(reconnect=False)
            try:
                await client._open()
            except ConnectFailedError as e:
                if not e.retriable:
                    raise
                client.logger.warning("connecting to %s failed, retrying in %.1f s: %s", client.url, delay, e)
                await asyncio.sleep(delay * random.uniform(0.5, 1.0))
                delay = min(delay * 2, client.backoff_max)
                continue
            delay = client.backoff_initial
            try:
                yield client
            finally:
                await client.close()
