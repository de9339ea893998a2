"""
A subscription and the messages it delivers.

A :class:`Subscription` buffers the messages of its connection and hands them out one at a time; a
:class:`Message` settles itself through its subscription, which refuses to ack on a connection that is gone.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Generator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .exceptions import (
    ClientClosedError,
    ConnectionLostError,
    RequestTimeoutError,
    RocketMQWSError,
    UsageError,
)
from .protocol import Delivery, Protocol, Request

if TYPE_CHECKING:
    from .client import Client

__all__ = ["Message", "Subscription"]


@dataclass(eq=False)
class Message:
    """A delivered message. Settle it with :meth:`ack` or :meth:`nack` (unless the subscription is ``auto``)."""

    topic: str
    body: bytes
    message_id: str
    receipt: str
    delivery_attempt: int
    born_timestamp: int
    """Epoch milliseconds at which the producer created the message."""
    tag: str | None = None
    keys: tuple[str, ...] = ()
    properties: Mapping[str, str] = field(default_factory=dict)
    message_group: str | None = None
    _subscription: Subscription | None = field(default=None, repr=False)
    _connection: int = field(default=0, repr=False)

    @property
    def text(self) -> str:
        """The body as UTF-8 text (raises :class:`UnicodeDecodeError` for a binary body)."""
        return self.body.decode("utf-8")

    @property
    def born_at(self) -> datetime:
        return datetime.fromtimestamp(self.born_timestamp / 1000, tz=timezone.utc)

    async def ack(self, *, timeout: float | None = None) -> None:
        """Acknowledge the message; returns once the gateway confirmed it.

        Raises :class:`ConnectionLostError` if the connection that delivered the message is gone: the gateway
        has put it back and it will be delivered again.
        """
        if self._subscription is None:
            raise UsageError("this message was not delivered by a subscription")
        await self._subscription._settle(self, "ack", None, timeout)

    async def nack(self, delay: float | None = None, *, timeout: float | None = None) -> None:
        """Hand the message back; RocketMQ redelivers it after ``delay`` seconds (gateway default: 1 s)."""
        if self._subscription is None:
            raise UsageError("this message was not delivered by a subscription")
        if delay is not None and delay < 0:
            raise ValueError("delay must not be negative")
        delay_ms = None if delay is None else round(delay * 1000)
        await self._subscription._settle(self, "nack", delay_ms, timeout)


class Subscription:
    """The subscription of a :class:`Client`: an async iterator of :class:`Message`.

    Use it as ``async with client.subscribe(...) as sub`` (unsubscribes on exit) or ``sub = await
    client.subscribe(...)`` then ``await sub.close()``. It survives reconnects: the client subscribes again
    and the messages that were not acked come back.
    """

    def __init__(
        self,
        client: Client,
        topic: str,
        group: str,
        *,
        filter: str | None,
        filter_type: str | None,
        prefetch: int,
        ack_mode: str,
        timeout: float | None,
    ) -> None:
        self._client = client
        self.topic = topic
        self.group = group
        self.filter = filter
        self.filter_type = filter_type
        self.prefetch = prefetch
        self.ack_mode = ack_mode
        self._timeout = timeout
        self._buffer: deque[Message] = deque()
        self._wakeup = asyncio.Event()
        self._end: RocketMQWSError | None = None  # set once: the reason no message will come any more
        self._started = False
        self._subscribed_once = False

    def __repr__(self) -> str:
        return f"<Subscription topic={self.topic!r} group={self.group!r} filter={self.filter!r}>"

    # -- lifecycle --------------------------------------------------------------------------------------

    def __await__(self) -> Generator[Any, None, Subscription]:
        return self._start().__await__()

    async def __aenter__(self) -> Subscription:
        return await self._start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None and not issubclass(exc_type, Exception):
            # cancelled or interrupted: no round trip now; closing the connection returns the messages too
            self._finish(ClientClosedError("the subscription is closed"))
            self._client._detach(self)
            return
        await self.close()

    async def _start(self) -> Subscription:
        if self._started:
            return self
        self._started = True
        await self._client._start_subscription(self)
        return self

    async def close(self) -> None:
        """Unsubscribe. Messages received but not acked go back to RocketMQ and are delivered again."""
        if self._end is None:
            self._finish(ClientClosedError("the subscription is closed"))
            await self._client._end_subscription(self)

    @property
    def closed(self) -> bool:
        return self._end is not None

    # -- receiving --------------------------------------------------------------------------------------

    def __aiter__(self) -> AsyncIterator[Message]:
        return self

    async def __anext__(self) -> Message:
        try:
            return await self.next()
        except ClientClosedError:
            raise StopAsyncIteration from None

    async def next(self, timeout: float | None = None) -> Message:
        """The next message; raises :class:`RequestTimeoutError` if none comes within ``timeout`` seconds.

        Raises :class:`ClientClosedError` once the subscription or client is closed, and the error that ended
        the subscription otherwise (e.g. :class:`ConnectionLostError` when reconnecting gave up).
        """
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            if self._buffer:
                return self._buffer.popleft()
            if self._end is not None:
                raise self._end
            self._wakeup.clear()
            if deadline is None:
                await self._wakeup.wait()
                continue
            remaining = deadline - loop.time()
            try:
                if remaining <= 0:
                    raise asyncio.TimeoutError
                # waiting on the event, not on the buffer, so a timeout can never swallow a message
                await asyncio.wait_for(self._wakeup.wait(), remaining)
            except asyncio.TimeoutError:
                if self._buffer:
                    continue
                raise RequestTimeoutError(f"no message within {timeout} s") from None

    # -- called by the client ---------------------------------------------------------------------------

    def _deliver(self, delivery: Delivery, connection: int) -> None:
        self._buffer.append(
            Message(
                topic=delivery.topic,
                body=delivery.body,
                message_id=delivery.message_id,
                receipt=delivery.receipt,
                delivery_attempt=delivery.delivery_attempt,
                born_timestamp=delivery.born_timestamp,
                tag=delivery.tag,
                keys=delivery.keys,
                properties=delivery.properties,
                message_group=delivery.message_group,
                _subscription=self,
                _connection=connection,
            )
        )
        self._wakeup.set()

    def _drop_buffered(self) -> int:
        """Forget messages of a lost connection: their receipts are dead and the gateway delivers them again."""
        dropped = len(self._buffer)
        self._buffer.clear()
        return dropped

    def _finish(self, reason: RocketMQWSError) -> None:
        if self._end is None:
            self._end = reason
        # buffered messages go back to RocketMQ with the subscription: their receipts can no longer be acked
        self._buffer.clear()
        self._wakeup.set()

    async def _settle(self, message: Message, op: str, delay_ms: int | None, timeout: float | None) -> None:
        if self.ack_mode == "auto":
            if op == "ack":
                return  # the gateway acked it when it wrote it to the socket
            raise UsageError("nack is not possible with ack_mode='auto': the gateway already acked the message")
        client = self._client
        if message._connection != client._connection_number or client._ws is None:
            raise ConnectionLostError(
                f"the connection that delivered message {message.message_id} is gone; "
                "the gateway has put it back and delivers it again",
                receipt=message.receipt,
                retriable=False,
            )

        def build(protocol: Protocol) -> Request:
            if op == "ack":
                return protocol.ack(message.receipt)
            return protocol.nack(message.receipt, delay_ms)

        await client._call(build, timeout, connection=message._connection)
