"""
A synchronous drop-in for code written against the old ctypes client (``rocketmq_service.dll``).

::

    from rocketmq_ws.compat import RocketMQConsumer

    consumer = RocketMQConsumer()                 # gateway URL: see "Which gateway" below
                                                  # token: token=, else $ROCKETMQ_WS_TOKEN
    consumer.load_dll()                           # harmless, returns True
    if consumer.initialize("10.0.0.5:9876", "orders", "billing", "created"):
        try:
            while True:
                body = consumer.get_next_message(timeout_ms=5000)   # str, or None on timeout
                if body is not None:
                    handle(body)
        finally:
            consumer.shutdown()

Methods return what the old ones returned (``True``/``False``, ``str``/``None``, ``(ok, text)``) and never raise;
failures go to the ``logger``.

**Which gateway.** ``initialize(name_server, ...)`` keeps its meaning: the name server names the RocketMQ
cluster, and ``ROCKETMQ_WS_GATEWAYS`` maps each cluster's name servers to the gateway in front of it
(``10.0.0.5:9876;10.0.0.6:9876=wss://gw-b/ws/v1,192.168.1.2:9876=ws://gw-a:8080/ws/v1``). The gateway URL is the
first of: the ``gateway_url`` argument; the mapping's entry for the name server; ``ROCKETMQ_WS_URL``;
:data:`DEFAULT_URL`. See :func:`resolve_url` for the matching rule.

**Acknowledgement.** A message returned by ``get_next_message`` is acked when the caller asks for the next one,
or calls ``shutdown``. A process that dies while handling a message therefore gets it again (at-least-once),
where the old client had already acked it on receipt. ``shutdown`` is idempotent and safe from ``finally`` blocks
and ``atexit`` handlers; both classes also register one.

Each object runs the asyncio client on a daemon thread of its own.

**Credentials.** A gateway with security on (docs/security.md) wants a token: ``token=`` or, so that old code
needs no change, the environment variable ``ROCKETMQ_WS_TOKEN``. A refused token makes ``initialize`` return
False and log why. For ``wss://`` with a private CA, pass ``ssl=`` (an :class:`ssl.SSLContext`) or point
``SSL_CERT_FILE`` at the CA's PEM file.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
from collections.abc import Coroutine, Mapping, Sequence
from ssl import SSLContext
from typing import Any, TypeVar
from urllib.parse import urlsplit

from .client import Client, LoggerLike, Message, Subscription, TokenLike, connect
from .exceptions import RocketMQWSError

__all__ = ["DEFAULT_URL", "RocketMQConsumer", "RocketMQProducer", "parse_gateways", "resolve_token", "resolve_url"]

DEFAULT_URL = "ws://localhost:8080/ws/v1"
URL_ENV = "ROCKETMQ_WS_URL"
GATEWAYS_ENV = "ROCKETMQ_WS_GATEWAYS"
TOKEN_ENV = "ROCKETMQ_WS_TOKEN"
_SCHEMES = ("ws://", "wss://")

T = TypeVar("T")


def resolve_url(
    gateway_url: str | None,
    logger: LoggerLike | None = None,
    *,
    name_server: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The gateway URL, the first of: ``gateway_url``; the ``$ROCKETMQ_WS_GATEWAYS`` entry for ``name_server``;
    ``$ROCKETMQ_WS_URL``; :data:`DEFAULT_URL`.

    The mapping is consulted only when a ``name_server`` is given (``None``: not at all, as for the command line).
    A name server, one address or several separated by ``;``, matches an entry when every one of its addresses is
    in that entry, in any order: ``b:9876;a:9876`` and ``a:9876`` both match the entry ``a:9876;b:9876=...``.
    When none matches (an address in no entry, addresses of two gateways, or an empty name server) a warning names
    the name server and the URL falls back. A malformed mapping raises :class:`ValueError` (see
    :func:`parse_gateways`). ``environ`` defaults to :data:`os.environ`.

    Old code may pass a DLL path as ``gateway_url``; that is not a URL and is ignored.
    """
    log = logger if logger is not None else logging.getLogger("rocketmq_ws")
    env = os.environ if environ is None else environ
    explicit = _as_url(gateway_url, log)
    if explicit:
        return explicit
    fallback = env.get(URL_ENV) or DEFAULT_URL
    mapping = env.get(GATEWAYS_ENV, "").strip()
    if name_server is None or not mapping:
        return fallback
    gateways = parse_gateways(mapping)
    addresses = _addresses(name_server)
    unknown = [address for address in addresses if address not in gateways]
    urls = {gateways[address] for address in addresses if address in gateways}
    if addresses and not unknown and len(urls) == 1:
        return urls.pop()
    if not addresses:
        why = "no name server given"
    elif unknown:
        why = "in no entry: " + ";".join(unknown)
    else:
        why = "its addresses belong to different gateways"
    log.warning("name server %r matches no entry of %s (%s); using %s", name_server, GATEWAYS_ENV, why, fallback)
    return fallback


def parse_gateways(value: str) -> dict[str, str]:
    """``$ROCKETMQ_WS_GATEWAYS`` as a map from each name-server address to its gateway URL.

    ``value`` holds ``NAME_SERVERS=URL`` entries separated by commas; ``NAME_SERVERS`` is one address or several
    separated by ``;`` (a cluster's name-server list, as RocketMQ writes it), and each of them maps to ``URL``.
    Addresses are compared without surrounding whitespace and ignoring case; empty entries (a trailing comma) are
    skipped. Raises :class:`ValueError` naming the entry for one without ``=``, without an address or a URL, with
    a URL that is not ``ws://`` or ``wss://``, or with an address that another entry maps to another URL.
    """
    gateways: dict[str, str] = {}
    for entry in (e.strip() for e in value.split(",")):
        if not entry:
            continue
        name_servers, sep, url = (part.strip() for part in entry.partition("="))
        addresses = _addresses(name_servers)
        problem = _entry_problem(sep, addresses, url)
        if problem:
            raise ValueError(f"{GATEWAYS_ENV}: entry {entry!r}: {problem} (expected NAME_SERVER[;NAME_SERVER...]=URL)")
        for address in addresses:
            if gateways.setdefault(address, url) != url:
                raise ValueError(f"{GATEWAYS_ENV}: name server {address!r} maps to both {gateways[address]} and {url}")
    return gateways


def _entry_problem(sep: str, addresses: list[str], url: str) -> str | None:
    if not sep:
        return "no '='"
    if not addresses:
        return "no name server before '='"
    if not url:
        return "no gateway URL after '='"
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("ws", "wss") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        valid = False
    return None if valid else f"{url!r} is not a ws:// or wss:// URL with a host"


def _addresses(name_servers: str) -> list[str]:
    return [address.strip().lower() for address in name_servers.split(";") if address.strip()]


def _as_url(gateway_url: str | None, logger: LoggerLike) -> str | None:
    if gateway_url and not gateway_url.startswith(_SCHEMES):
        logger.info("ignoring %r: not a ws:// or wss:// URL", gateway_url)
        return None
    return gateway_url or None


def resolve_token(token: TokenLike | None) -> TokenLike | None:
    """The token: ``token``, else ``$ROCKETMQ_WS_TOKEN`` without surrounding whitespace, else None (no token)."""
    if token is not None:
        return token
    return os.environ.get(TOKEN_ENV, "").strip() or None


class _LoopThread:
    """An event loop on a daemon thread; blocking callers submit coroutines to it."""

    def __init__(self, name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except BaseException:
            future.cancel()
            raise

    def stop(self) -> None:
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        if threading.current_thread() is not self._thread:
            self._thread.join(5)
        if not self._thread.is_alive():
            self._loop.close()


class _Facade:
    """What consumer and producer share: the loop thread, the client, shutdown from anywhere."""

    _kind = "client"

    def __init__(
        self,
        gateway_url: str | None = None,
        *,
        logger: LoggerLike | None = None,
        token: TokenLike | None = None,
        ssl: SSLContext | None = None,
    ) -> None:
        self.logger: LoggerLike = logger if logger is not None else logging.getLogger("rocketmq_ws.compat")
        self._gateway_url_arg = _as_url(gateway_url, self.logger)
        # provisional: initialize() resolves again with the name server it is given
        self.gateway_url = resolve_url(self._gateway_url_arg, self.logger)
        self._token = resolve_token(token)
        self._ssl = ssl
        self.initialized = False
        self._lock = threading.RLock()
        self._loop: _LoopThread | None = None
        self._client: Client | None = None
        self._timeout = 30.0

    def load_dll(self) -> bool:
        """Kept for old code: there is no DLL any more. Returns True."""
        return True

    def _open(self, name_server: str | None) -> bool:
        try:
            self.gateway_url = resolve_url(self._gateway_url_arg, self.logger, name_server=name_server or "")
        except ValueError as e:
            self.logger.error("%s: %s", self._kind, e)
            return False
        loop = _LoopThread(f"rocketmq-ws-{self._kind}")
        try:
            self._client = loop.run(self._connect(), self._timeout)
        except Exception as e:
            self.logger.error("%s: cannot connect to %s: %s", self._kind, self.gateway_url, e)
            loop.stop()
            return False
        self._loop = loop
        atexit.register(self.shutdown)
        return True

    async def _connect(self) -> Client:
        return await connect(self.gateway_url, logger=self.logger, token=self._token, ssl=self._ssl)

    def _run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        assert self._loop is not None
        return self._loop.run(coroutine, self._timeout if timeout is None else timeout)

    def shutdown(self) -> bool:
        """Close the connection; True when it closed cleanly or there was nothing to close. Idempotent."""
        with self._lock:
            if self._loop is None:
                return True
            ok = True
            try:
                self._before_close()
                if self._client is not None:
                    self._run(self._client.close(), 10)
            except Exception as e:
                self.logger.error("%s: shutdown failed: %s", self._kind, e)
                ok = False
            finally:
                self._loop.stop()
                self._loop = None
                self._client = None
                self.initialized = False
                atexit.unregister(self.shutdown)
            return ok

    def _before_close(self) -> None:
        pass

    def __enter__(self: _F) -> _F:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()


_F = TypeVar("_F", bound=_Facade)


class RocketMQConsumer(_Facade):
    """The old ``RocketMQConsumer``: ``initialize``, then ``get_next_message`` in a loop, then ``shutdown``."""

    _kind = "consumer"

    def __init__(
        self,
        gateway_url: str | None = None,
        *,
        logger: LoggerLike | None = None,
        token: TokenLike | None = None,
        ssl: SSLContext | None = None,
        prefetch: int = 32,
    ) -> None:
        super().__init__(gateway_url, logger=logger, token=token, ssl=ssl)
        self.prefetch = prefetch
        self._subscription: Subscription | None = None
        self._unacked: Message | None = None

    def initialize(self, name_server: str, topic: str, group: str, tag: str | None = "*") -> bool:
        """Connect and subscribe ``group`` to ``topic`` with the tag expression ``tag`` (empty: all tags).

        ``name_server`` picks the gateway (:func:`resolve_url`). Returns True on success (also when already
        initialized), else False.
        """
        with self._lock:
            if self.initialized:
                self.logger.info("consumer: already running")
                return True
            if not self._open(name_server):
                return False
            assert self._client is not None
            client = self._client
            try:
                self._subscription = self._run(self._subscribe(client, topic, group, tag or "*"))
            except Exception as e:
                self.logger.error("consumer: cannot subscribe to %s as %s: %s", topic, group, e)
                self.shutdown()
                return False
            self.initialized = True
            self.logger.info("consumer: subscribed to %s as %s (tag %s) via %s", topic, group, tag, self.gateway_url)
            return True

    async def _subscribe(self, client: Client, topic: str, group: str, tag: str) -> Subscription:
        return await client.subscribe(topic, group, tag, prefetch=self.prefetch)

    def get_next_message(self, timeout_ms: int = 5000) -> str | None:
        """Ack the previously returned message, then wait up to ``timeout_ms`` for the next body.

        Returns the body as text (undecodable bytes replaced), or None on timeout, before ``initialize`` and
        after errors.
        """
        with self._lock:
            if not self.initialized or self._subscription is None:
                self.logger.error("consumer: not initialized")
                return None
            self._ack_previous()
            timeout = max(timeout_ms, 0) / 1000
            try:
                message = self._run(self._subscription.next(timeout), timeout + self._timeout)
            except TimeoutError:
                return None
            except RocketMQWSError as e:
                self.logger.error("consumer: no message: %s", e)
                return None
            self._unacked = message
            return message.body.decode("utf-8", errors="replace")

    def _ack_previous(self) -> None:
        message, self._unacked = self._unacked, None
        if message is None:
            return
        try:
            self._run(message.ack())
        except Exception as e:
            # not lost: the gateway delivers an un-acked message again
            self.logger.warning("consumer: ack of %s failed, it will be redelivered: %s", message.message_id, e)

    def _before_close(self) -> None:
        self._ack_previous()
        sub, self._subscription = self._subscription, None
        if sub is not None:
            self._run(sub.close(), 10)


class RocketMQProducer(_Facade):
    """The old ``RocketMQProducer``: ``initialize(name_server, group)``, ``send_message``, ``shutdown``."""

    _kind = "producer"

    def initialize(self, name_server: str, group: str) -> bool:
        """Connect to the gateway for ``name_server`` (:func:`resolve_url`). ``group`` is ignored: the gateway
        publishes with a producer of its own.

        Returns True on success (also when already initialized), else False.
        """
        with self._lock:
            if self.initialized:
                self.logger.info("producer: already running")
                return True
            if not self._open(name_server):
                return False
            self.initialized = True
            return True

    def send_message(
        self, topic: str, message_body: str | bytes, tag: str = "", keys: Sequence[str] | None = None
    ) -> tuple[bool, str]:
        """Publish one message. Returns ``(True, "Success: MsgID=<id>")`` or ``(False, "Error: <reason>")``."""
        with self._lock:
            if not self.initialized or self._client is None:
                return False, "Error: Producer not initialized"
            if not topic or not message_body:
                return False, "Error: Topic or message body cannot be empty"
            try:
                message_id = self._run(self._client.publish(topic, message_body, tag=tag or None, keys=keys))
            except Exception as e:
                self.logger.error("producer: send to %s failed: %s", topic, e)
                return False, f"Error: {e}"
            return True, f"Success: MsgID={message_id}"
