"""
Command line: ``python -m rocketmq_ws consume ...`` and ``python -m rocketmq_ws publish ...``.

Exit codes: 0 done, 1 the gateway refused a request, 2 bad command line, 3 cannot reach the gateway or the
connection was lost for good, 4 the gateway refused the credentials, 130 interrupted (Ctrl+C).

The token for a gateway with security on comes from ``$ROCKETMQ_WS_TOKEN`` or ``--token``; prefer the variable:
other users of the machine can read a command line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
import threading
from collections import deque
from collections.abc import Sequence
from types import FrameType
from typing import Any, TextIO

from .client import Client, Message, connect
from .compat import TOKEN_ENV, URL_ENV, resolve_token, resolve_url
from .exceptions import AuthenticationError, ConnectionLostError, RocketMQWSError
from .protocol import check_token

__all__ = ["main", "message_to_json"]

EXIT_OK = 0
EXIT_GATEWAY_ERROR = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_AUTHENTICATION = 4
EXIT_INTERRUPTED = 130

PUBLISH_WINDOW = 64  # publishes in flight at once; ids are still printed in input order


def message_to_json(message: Message) -> dict[str, Any]:
    """The JSON object ``consume`` prints: the wire fields of the message, without the receipt."""
    try:
        body, encoding = message.text, "text"
    except UnicodeDecodeError:
        import base64

        body, encoding = base64.b64encode(message.body).decode("ascii"), "base64"
    out: dict[str, Any] = {"messageId": message.message_id, "topic": message.topic}
    if message.tag is not None:
        out["tag"] = message.tag
    out["keys"] = list(message.keys)
    out["properties"] = dict(message.properties)
    if message.message_group is not None:
        out["messageGroup"] = message.message_group
    out.update(
        bornTimestamp=message.born_timestamp,
        deliveryAttempt=message.delivery_attempt,
        body=body,
        encoding=encoding,
    )
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m rocketmq_ws", description="rocketmq-ws-gateway client")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", help=f"gateway WebSocket URL (default: ${URL_ENV}, else ws://localhost:8080/ws/v1)")
    common.add_argument(
        "--token",
        help=f"bearer token for a gateway with security on (default: ${TOKEN_ENV}; prefer the variable, "
        "a command line is visible to other users)",
    )
    common.add_argument("--topic", required=True)
    common.add_argument("-v", "--verbose", action="store_true", help="log the client's lifecycle to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    consume = commands.add_parser(
        "consume", parents=[common], help="print one JSON object per message, ack each after printing"
    )
    consume.add_argument("--group", required=True)
    consume.add_argument("--tag", default=None, help="tag expression, e.g. 'a || b' (default: all)")
    consume.add_argument("--sql", default=None, help="SQL92 filter on properties instead of --tag")
    consume.add_argument("--prefetch", type=int, default=32)
    consume.add_argument("--max-messages", type=int, default=None, help="exit after this many messages")
    consume.add_argument("--idle-timeout", type=float, default=None, help="exit when no message came for SECONDS")

    publish = commands.add_parser("publish", parents=[common], help="publish each stdin line, print message ids")
    publish.add_argument("--tag", default=None)
    publish.add_argument("--key", action="append", default=None, help="message key (repeatable)")
    publish.add_argument("--property", action="append", default=[], metavar="NAME=VALUE", help="(repeatable)")
    return parser


async def _consume(client: Client, args: argparse.Namespace, out: TextIO) -> int:
    count = 0
    async with client.subscribe(args.topic, args.group, args.tag, sql=args.sql, prefetch=args.prefetch) as sub:
        logging.getLogger("rocketmq_ws").info("consuming %s as %s", args.topic, args.group)
        while args.max_messages is None or count < args.max_messages:
            try:
                message = await sub.next(timeout=args.idle_timeout)
            except TimeoutError:
                break
            out.write(json.dumps(message_to_json(message), ensure_ascii=False) + "\n")
            out.flush()
            await message.ack()
            count += 1
    return EXIT_OK


async def _publish(client: Client, args: argparse.Namespace, lines: TextIO, out: TextIO) -> int:
    pending: deque[asyncio.Task[str]] = deque()

    async def flush_one() -> None:
        out.write(await pending.popleft() + "\n")
        out.flush()

    lines_queue = _read_lines_in_background(lines)
    try:
        while True:
            line = await lines_queue.get()
            if line is None:
                break
            body = line.rstrip("\r\n")
            if not body:
                continue  # RocketMQ refuses empty messages
            pending.append(
                asyncio.ensure_future(
                    client.publish(args.topic, body, tag=args.tag, keys=args.key, properties=args.properties)
                )
            )
            if len(pending) >= PUBLISH_WINDOW:
                await flush_one()
        while pending:
            await flush_one()
    finally:
        for task in pending:
            task.cancel()
    return EXIT_OK


def _read_lines_in_background(lines: TextIO) -> asyncio.Queue[str | None]:
    """Lines of ``lines`` (then None) from a daemon thread: a blocking read must not delay Ctrl+C or exit."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=2 * PUBLISH_WINDOW)

    def read() -> None:
        # blocking on a bounded queue keeps a large input from being read into memory at once
        try:
            for line in lines:
                asyncio.run_coroutine_threadsafe(queue.put(line), loop).result()
            asyncio.run_coroutine_threadsafe(queue.put(None), loop).result()
        except RuntimeError:
            pass  # the loop is closed: the command is over

    threading.Thread(target=read, name="rocketmq-ws-stdin", daemon=True).start()
    return queue


async def _run(args: argparse.Namespace) -> int:
    # Ctrl+C and SIGTERM cancel this task, so every `async with` unwinds and the connection closes cleanly.
    # signal.signal, not loop.add_signal_handler: Windows' event loops lack the latter.
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    assert task is not None
    interrupted = False

    def on_signal(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True
        loop.call_soon_threadsafe(task.cancel)

    signals = [signal.SIGINT, signal.SIGTERM]
    previous = {signum: signal.signal(signum, on_signal) for signum in signals}
    try:
        async with connect(resolve_url(args.url), token=args.token, logger=logging.getLogger("rocketmq_ws")) as client:
            if args.command == "consume":
                return await _consume(client, args, sys.stdout)
            return await _publish(client, args, sys.stdin, sys.stdout)
    except asyncio.CancelledError:
        if interrupted:
            return EXIT_INTERRUPTED
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _properties(parser: argparse.ArgumentParser, items: list[str]) -> dict[str, str]:
    properties = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            parser.error(f"--property must be NAME=VALUE, not {item!r}")
        properties[name] = value
    return properties


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "publish":
        args.properties = _properties(parser, args.property)
    args.token = resolve_token(args.token)
    if args.token is not None:
        try:
            check_token(args.token)
        except ValueError as e:
            parser.error(f"--token or ${TOKEN_ENV}: {e}")
    if args.verbose:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s")
    else:
        logging.basicConfig(level=logging.ERROR, stream=sys.stderr, format="%(levelname)s %(message)s")
    try:
        return asyncio.run(_run(args))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except AuthenticationError as e:
        print(f"rocketmq-ws: error: {e}", file=sys.stderr)
        return EXIT_AUTHENTICATION
    except ConnectionLostError as e:
        print(f"rocketmq-ws: error: {e}", file=sys.stderr)
        return EXIT_CONNECTION
    except RocketMQWSError as e:
        print(f"rocketmq-ws: error: {e}", file=sys.stderr)
        return EXIT_GATEWAY_ERROR
    except BrokenPipeError:
        return EXIT_OK  # the reader of our output went away (e.g. `| head`)


if __name__ == "__main__":
    sys.exit(main())
