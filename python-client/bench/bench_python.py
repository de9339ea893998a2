"""
Publish and consume throughput of 1 KiB messages, in one run against one local broker:

- ``rocketmq-ws``: this client, through the gateway (WebSocket, JSON);
- ``official``: ``rocketmq-python-client`` 5.1.x (gRPC) straight to the RocketMQ Proxy.

    pip install ./python-client 'rocketmq-python-client==5.1.2'
    python bench/bench_python.py --url ws://127.0.0.1:8080/ws/v1 --proxy 127.0.0.1:8081 \\
        --gateway-topic py-39 --official-topic py-40 --count 5000

Each phase is bounded: it stops after ``--count`` messages or ``--phase-timeout`` seconds and reports what it got.
Publish runs twice: one message in flight (latency bound) and ``--window`` in flight (pipelined). Consume drains
the backlog the pipelined publish left, acking every message.

``--json PATH`` also writes the results, the arguments and the versions of Python and the clients as JSON; each
result has a stable ``key``: ``publish1``, ``publish<window>``, ``consume`` (an ack per message) and, rocketmq-ws
only, ``consume-auto``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import json
import os
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import rocketmq_ws


@dataclass
class Result:
    client: str
    key: str
    """The phase in machine-readable form: publish1, publish<window>, consume, consume-auto."""
    phase: str
    messages: int
    seconds: float
    cpu: float = 0.0
    """CPU seconds this process (all its threads) used in the phase."""

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0


def body(size: int) -> bytes:
    # printable ASCII: the gateway sends it as text, as it would most JSON payloads
    return (uuid.uuid4().hex * (size // 32 + 1)).encode()[:size]


async def _window(count: int, window: int, send: Callable[[], Awaitable[Any]], deadline: float) -> int:
    """Run ``send`` ``count`` times with at most ``window`` in flight; the number that completed."""
    done = 0
    pending: set[asyncio.Future[Any]] = set()
    started = 0
    while done < count and time.monotonic() < deadline:
        while started < count and len(pending) < window:
            pending.add(asyncio.ensure_future(send()))
            started += 1
        finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        for future in finished:
            future.result()
        done += len(finished)
    for future in pending:
        future.cancel()
    return done


async def bench_gateway(args: argparse.Namespace) -> list[Result]:
    results = []
    payload = body(args.size)
    topic = args.gateway_topic
    async with rocketmq_ws.connect(args.url, request_timeout=30) as client:
        # warm up the route and the producer inside the gateway
        await client.publish(topic, payload)
        for window, count in ((1, max(args.count // 5, 1)), (args.window, args.count)):
            start = time.monotonic()
            cpu0 = time.process_time()
            sent = await _window(count, window, lambda: client.publish(topic, payload), start + args.phase_timeout)
            results.append(
                Result(
                    "rocketmq-ws",
                    f"publish{window}",
                    f"publish, {window} in flight",
                    sent,
                    time.monotonic() - start,
                    cpu=time.process_time() - cpu0,
                )
            )

    for ack_mode in ("client", "auto"):
        group = f"bench-{ack_mode}-{uuid.uuid4().hex[:8]}"
        async with rocketmq_ws.connect(args.url, request_timeout=30) as client:  # noqa: SIM117
            async with client.subscribe(topic, group, prefetch=args.prefetch, ack_mode=ack_mode) as sub:
                received = 0
                acks: list[asyncio.Future[None]] = []
                first = await sub.next(timeout=60)
                start = time.monotonic()
                cpu0 = time.process_time()
                received = 1
                message = first
                deadline = start + args.phase_timeout
                while True:
                    if ack_mode == "client":
                        # acks go out without waiting for each reply; the gateway bounds them by the prefetch
                        acks.append(asyncio.ensure_future(message.ack()))
                    if received >= args.count or time.monotonic() > deadline:
                        break
                    try:
                        message = await sub.next(timeout=10)
                    except rocketmq_ws.RequestTimeoutError:
                        break
                    received += 1
                if acks:
                    await asyncio.gather(*acks)
                elapsed = time.monotonic() - start
        results.append(
            Result(
                "rocketmq-ws",
                "consume" if ack_mode == "client" else "consume-auto",
                f"consume, ack {ack_mode}, prefetch {args.prefetch}",
                received,
                elapsed,
                cpu=time.process_time() - cpu0,
            )
        )
    return results


def bench_official(args: argparse.Namespace) -> list[Result]:
    from rocketmq import ClientConfiguration, Credentials, FilterExpression, Message, Producer, SimpleConsumer

    # its *_async methods create asyncio futures on the thread's current loop, which asyncio.run() left unset
    asyncio.set_event_loop(asyncio.new_event_loop())
    results = []
    payload = body(args.size)
    topic = args.official_topic
    config = ClientConfiguration(args.proxy, Credentials(), request_timeout=30)

    def message() -> Any:
        m = Message()
        m.topic = topic
        m.body = payload
        return m

    producer = Producer(config, (topic,))
    producer.startup()
    try:
        producer.send(message())  # warm up
        count = max(args.count // 5, 1)
        start = time.monotonic()
        cpu0 = time.process_time()
        sent = 0
        while sent < count and time.monotonic() < start + args.phase_timeout:
            producer.send(message())
            sent += 1
        results.append(
            Result(
                "official",
                "publish1",
                "publish, 1 in flight",
                sent,
                time.monotonic() - start,
                cpu=time.process_time() - cpu0,
            )
        )

        start = time.monotonic()

        cpu0 = time.process_time()
        sent = 0
        in_flight: list[Any] = []
        while sent < args.count and time.monotonic() < start + args.phase_timeout:
            while len(in_flight) < args.window and sent + len(in_flight) < args.count:
                in_flight.append(producer.send_async(message()))
            in_flight.pop(0).result(timeout=30)
            sent += 1
        for future in in_flight:
            future.result(timeout=30)
            sent += 1
        results.append(
            Result(
                "official",
                f"publish{args.window}",
                f"publish, {args.window} in flight",
                sent,
                time.monotonic() - start,
                cpu=time.process_time() - cpu0,
            )
        )
    finally:
        producer.shutdown()

    group = f"bench-official-{uuid.uuid4().hex[:8]}"
    # the local broker does not create groups on demand (the official client fails with "group not found");
    # the gateway may, so subscribing through it once creates the group
    asyncio.get_event_loop().run_until_complete(_create_group(args.url, topic, group))
    consumer = SimpleConsumer(config, group, {topic: FilterExpression()}, await_duration=5)
    consumer.startup()
    ack_pool = ThreadPoolExecutor(args.window // 4 or 1)
    try:
        received = 0
        start = None
        deadline = time.monotonic() + args.phase_timeout + 60
        acks: list[Any] = []
        while received < args.count and time.monotonic() < deadline:
            try:
                batch = consumer.receive(32, 30)
            except Exception as e:
                # right after startup the Proxy may not have the consumer's settings yet ("settings is null")
                if start is not None:
                    raise
                print(f"official consumer not ready, retrying: {e}", file=sys.stderr)
                time.sleep(1)
                continue
            if not batch:
                if start is not None:
                    break
                continue
            if start is None:
                start = time.monotonic()
                cpu0 = time.process_time()
                deadline = start + args.phase_timeout
            for m in batch:
                # ack_async of 5.1.2 returns None (and builds an asyncio future), so confirmed acks run on threads
                acks.append(ack_pool.submit(consumer.ack, m))
            received += len(batch)
        for future in acks:
            future.result(timeout=30)
        elapsed = time.monotonic() - start if start is not None else 0.0
        results.append(
            Result(
                "official",
                "consume",
                f"consume, ack each ({args.window // 4} threads), batch 32",
                received,
                elapsed,
                cpu=time.process_time() - cpu0,
            )
        )
    finally:
        ack_pool.shutdown()
        consumer.shutdown()
    return results


async def _create_group(url: str, topic: str, group: str) -> None:
    async with rocketmq_ws.connect(url) as client, client.subscribe(topic, group, prefetch=1):
        pass


def print_table(results: list[Result], args: argparse.Namespace) -> None:
    print(f"\n{args.count} messages of {args.size} bytes; python {sys.version.split()[0]}, {os.cpu_count()} cpus\n")
    print(
        f"| {'client':<12} | {'phase':<42} | {'messages':>8} | {'seconds':>7} | {'msgs/s':>8} | {'client CPU s':>12} |"
    )
    print(f"|{'-' * 14}|{'-' * 44}|{'-' * 10}|{'-' * 9}|{'-' * 10}|{'-' * 14}|")
    for r in results:
        row = f"| {r.client:<12} | {r.phase:<42} | {r.messages:>8} | {r.seconds:>7.2f} | {r.rate:>8.0f} |"
        print(f"{row} {r.cpu:>12.2f} |")


def versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {"python": sys.version.split()[0]}
    for package in ("rocketmq-ws", "websockets", "rocketmq-python-client", "grpcio", "protobuf"):
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def write_json(path: str, results: list[Result], args: argparse.Namespace) -> None:
    document = {
        "arguments": {k: v for k, v in vars(args).items() if k != "json"},
        "cpus": os.cpu_count(),
        "versions": versions(),
        "results": [
            {
                "client": r.client,
                "key": r.key,
                "phase": r.phase,
                "messages": r.messages,
                "seconds": r.seconds,
                "rate": r.rate,
                "cpu": r.cpu,
            }
            for r in results
        ],
    }
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2)
        out.write("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("ROCKETMQ_WS_URL", "ws://127.0.0.1:8080/ws/v1"))
    parser.add_argument("--proxy", default="127.0.0.1:8081", help="RocketMQ Proxy gRPC endpoint")
    parser.add_argument("--gateway-topic", default="py-39")
    parser.add_argument("--official-topic", default="py-40")
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--window", type=int, default=64, help="publishes in flight in the pipelined phase")
    parser.add_argument("--prefetch", type=int, default=256)
    parser.add_argument("--phase-timeout", type=float, default=120.0, help="seconds per phase at most")
    parser.add_argument("--skip-official", action="store_true")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    args = parser.parse_args()

    results = asyncio.run(bench_gateway(args))
    print_table(results, args)
    if not args.skip_official:
        try:
            results += bench_official(args)
        except ImportError as e:
            print(f"official client not installed ({e}); pip install 'rocketmq-python-client==5.1.2'", file=sys.stderr)
        print_table(results, args)
    if args.json:
        write_json(args.json, results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
