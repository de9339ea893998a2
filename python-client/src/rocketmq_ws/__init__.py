"""
Python client of rocketmq-ws-gateway, a WebSocket gateway to Apache RocketMQ.

asyncio::

    async with rocketmq_ws.connect("ws://localhost:8080/ws/v1") as client:
        await client.publish("orders", b"...", tag="created")
        async with client.subscribe("orders", group="billing", tag="created") as sub:
            async for msg in sub:
                await msg.ack()

Synchronous code written for the old ctypes client: :mod:`rocketmq_ws.compat`.
"""

from __future__ import annotations

from .client import Client, Message, Subscription, connect
from .exceptions import (
    AlreadySubscribedError,
    BadFrameError,
    BrokerUnavailableError,
    ClientClosedError,
    ConnectFailedError,
    ConnectionLostError,
    GatewayError,
    GroupNotFoundError,
    InternalError,
    InvalidArgumentError,
    NotSubscribedError,
    PayloadTooLargeError,
    ProtocolError,
    RequestTimeoutError,
    RocketMQWSError,
    TopicNotFoundError,
    UnknownOpError,
    UnknownReceiptError,
    UsageError,
)

__version__ = "0.1.0"

__all__ = [
    "AlreadySubscribedError",
    "BadFrameError",
    "BrokerUnavailableError",
    "Client",
    "ClientClosedError",
    "ConnectFailedError",
    "ConnectionLostError",
    "GatewayError",
    "GroupNotFoundError",
    "InternalError",
    "InvalidArgumentError",
    "Message",
    "NotSubscribedError",
    "PayloadTooLargeError",
    "ProtocolError",
    "RequestTimeoutError",
    "RocketMQWSError",
    "Subscription",
    "TopicNotFoundError",
    "UnknownOpError",
    "UnknownReceiptError",
    "UsageError",
    "__version__",
    "connect",
]
