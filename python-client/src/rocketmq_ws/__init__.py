"""
Python client of rocketmq-ws-gateway, a WebSocket gateway to Apache RocketMQ.

asyncio::

    async with rocketmq_ws.connect("wss://gateway.example/ws/v1", token=os.environ["ROCKETMQ_WS_TOKEN"]) as client:
        await client.publish("orders", b"...", tag="created")
        async with client.subscribe("orders", group="billing", tag="created") as sub:
            async for msg in sub:
                await msg.ack()

Synchronous code written for the old ctypes client: :mod:`rocketmq_ws.compat`.
"""

from __future__ import annotations

from .client import Client, Message, Subscription, TokenLike, connect
from .exceptions import (
    AlreadySubscribedError,
    AuthenticationError,
    BadFrameError,
    BrokerUnavailableError,
    ClientClosedError,
    ConnectFailedError,
    ConnectionLimitError,
    ConnectionLostError,
    ForbiddenError,
    GatewayError,
    GroupNotFoundError,
    InternalError,
    InvalidArgumentError,
    NotSubscribedError,
    OriginRefusedError,
    PayloadTooLargeError,
    ProtocolError,
    RateLimitedError,
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
    "AuthenticationError",
    "BadFrameError",
    "BrokerUnavailableError",
    "Client",
    "ClientClosedError",
    "ConnectFailedError",
    "ConnectionLimitError",
    "ConnectionLostError",
    "ForbiddenError",
    "GatewayError",
    "GroupNotFoundError",
    "InternalError",
    "InvalidArgumentError",
    "Message",
    "NotSubscribedError",
    "OriginRefusedError",
    "PayloadTooLargeError",
    "ProtocolError",
    "RateLimitedError",
    "RequestTimeoutError",
    "RocketMQWSError",
    "Subscription",
    "TokenLike",
    "TopicNotFoundError",
    "UnknownOpError",
    "UnknownReceiptError",
    "UsageError",
    "__version__",
    "connect",
]
