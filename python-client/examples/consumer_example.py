"""
Long-lived consumer, the rocketmq_consumer_example.py of the old ctypes client on the drop-in facade.

    python consumer_example.py --topic test_task --group test_task_group --tag tag
    ROCKETMQ_WS_URL=ws://gateway:8080/ws/v1 ROCKETMQ_TOPIC=test_task ROCKETMQ_GROUP=g python consumer_example.py
    ROCKETMQ_WS_GATEWAYS=10.0.0.5:9876=ws://gw-b:8080/ws/v1 python consumer_example.py --name-server 10.0.0.5:9876

Each message is acked when the next one is asked for, or at shutdown: if handling crashes the process, the
message comes again. Ctrl+C stops it cleanly; --max-messages / --idle-exit make it stop by itself.
For a gateway with security on, set ROCKETMQ_WS_TOKEN: the facade reads it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from rocketmq_ws.compat import RocketMQConsumer


def process_message(message: str) -> None:
    print(f"received: {message}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=None, help="gateway URL (default: from --name-server, else $ROCKETMQ_WS_URL)")
    parser.add_argument("--name-server", default="", help="RocketMQ name server ($ROCKETMQ_WS_GATEWAYS maps it)")
    parser.add_argument("--topic", default=os.environ.get("ROCKETMQ_TOPIC", "test_task"))
    parser.add_argument("--group", default=os.environ.get("ROCKETMQ_GROUP", "test_task_group"))
    parser.add_argument("--tag", default=os.environ.get("ROCKETMQ_TAG", "*"))
    parser.add_argument("--timeout-ms", type=int, default=5000, help="wait for one message at most this long")
    parser.add_argument("--max-messages", type=int, default=None, help="stop after this many messages")
    parser.add_argument("--idle-exit", type=int, default=None, help="stop after this many empty waits in a row")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    consumer = RocketMQConsumer(args.url)
    received = 0
    idle = 0
    try:
        if not consumer.initialize(name_server=args.name_server, topic=args.topic, group=args.group, tag=args.tag):
            print("initialize failed, exiting", file=sys.stderr)
            return 1
        print(f"listening on {args.topic} as {args.group} (Ctrl+C to stop)", flush=True)
        while args.max_messages is None or received < args.max_messages:
            message = consumer.get_next_message(timeout_ms=args.timeout_ms)
            if message is None:
                idle += 1
                if args.idle_exit is not None and idle >= args.idle_exit:
                    print(f"no message in {idle} waits, stopping", flush=True)
                    break
                continue
            idle = 0
            process_message(message)
            received += 1
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        # acks the last message and closes the connection; safe to call again
        consumer.shutdown()
        print(f"done: {received} messages", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
