"""A scripted gateway on loopback, built on websockets' own server, for tests that need no RocketMQ.

It answers each frame with ``handler(ws, frame, connection_number)``, records every frame and the headers of every
upgrade, and can refuse upgrades with an HTTP status as the secured gateway does (docs/security.md).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

Handler = Callable[[ServerConnection, dict[str, Any], int], Awaitable[None]]
#: the HTTP status to refuse upgrade number n (from 1) with, or None to accept it
Refusal = Callable[[int], "int | None"]


class FakeGateway:
    """Answers frames with ``handler(ws, frame, connection_number)``; records every frame it received."""

    def __init__(self, handler: Handler, refuse: Refusal | None = None) -> None:
        self.handler = handler
        self.refuse = refuse
        self.frames: list[tuple[int, dict[str, Any]]] = []
        #: the request headers of every upgrade, refused or not, and what it got: 101 or the refusal's status
        self.upgrades: list[tuple[Headers, int]] = []
        self.connections = 0
        self.url = ""
        self._changed = asyncio.Condition()

    async def wait_for(self, predicate: Callable[[FakeGateway], bool]) -> None:
        """Wait until ``predicate(self)`` holds; it is checked after every upgrade and every frame received."""
        async with self._changed:
            await self._changed.wait_for(lambda: predicate(self))

    def subscribes(self) -> list[int]:
        """The connection number of every ``subscribe`` received."""
        return [number for number, frame in self.frames if frame["op"] == "subscribe"]

    @property
    def authorizations(self) -> list[str | None]:
        return [headers.get("Authorization") for headers, _ in self.upgrades]

    @property
    def statuses(self) -> list[int]:
        return [status for _, status in self.upgrades]

    async def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        status = self.refuse(len(self.upgrades) + 1) if self.refuse is not None else None
        self.upgrades.append((request.headers, status or 101))
        await self._notify()
        if status is None:
            return None
        return connection.respond(HTTPStatus(status), "refused\n")

    async def _serve(self, ws: ServerConnection) -> None:
        self.connections += 1
        number = self.connections
        async for text in ws:
            frame = json.loads(text)
            self.frames.append((number, frame))
            await self._notify()
            await self.handler(ws, frame, number)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()


@asynccontextmanager
async def fake_gateway(
    handler: Handler, *, refuse: Refusal | None = None, max_size: int | None = None
) -> AsyncIterator[FakeGateway]:
    gateway = FakeGateway(handler, refuse)
    async with serve(
        gateway._serve, "127.0.0.1", 0, max_size=max_size, process_request=gateway._process_request
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        gateway.url = f"ws://127.0.0.1:{port}/ws/v1"
        yield gateway


def message_frame(receipt: str, body: str = "hi") -> str:
    return json.dumps(
        {
            "op": "message",
            "receipt": receipt,
            "messageId": f"M-{receipt}",
            "topic": "t",
            "keys": [],
            "properties": {},
            "bornTimestamp": 1,
            "deliveryAttempt": 1,
            "body": body,
            "encoding": "text",
        }
    )


async def reply_ok(ws: ServerConnection, frame: dict[str, Any], number: int) -> None:
    op = frame["op"]
    if op == "publish":
        await ws.send(json.dumps({"op": "published", "id": frame["id"], "messageId": "M-" + frame["body"][:8]}))
    else:
        await ws.send(json.dumps({"op": op + ("ed" if op.endswith("ck") else "d"), "id": frame["id"]}))
