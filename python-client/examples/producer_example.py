"""
Producer, the rocketmq_producer_example.py of the old ctypes client on the drop-in facade.

    python producer_example.py --topic test_task --tag tag --count 4
    ROCKETMQ_WS_URL=ws://gateway:8080/ws/v1 python producer_example.py --topic test_task --count 100 --interval 0
    ROCKETMQ_WS_GATEWAYS=10.0.0.5:9876=ws://gw-b:8080/ws/v1 python producer_example.py --name-server 10.0.0.5:9876

For a gateway with security on, set ROCKETMQ_WS_TOKEN: the facade reads it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time

from rocketmq_ws.compat import RocketMQProducer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=None, help="gateway URL (default: from --name-server, else $ROCKETMQ_WS_URL)")
    parser.add_argument("--name-server", default="", help="RocketMQ name server ($ROCKETMQ_WS_GATEWAYS maps it)")
    parser.add_argument("--topic", default=os.environ.get("ROCKETMQ_TOPIC", "test_task"))
    parser.add_argument("--tag", default=os.environ.get("ROCKETMQ_TAG", "tag"))
    parser.add_argument("--count", type=int, default=4, help="messages to send")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between messages")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    producer = RocketMQProducer(args.url)
    failed = 0
    try:
        if not producer.initialize(name_server=args.name_server, group="test_task_group"):
            print("initialize failed, exiting", file=sys.stderr)
            return 1
        for i in range(1, args.count + 1):
            success, result = producer.send_message(
                topic=args.topic, tag=args.tag, message_body=f"test message {i} from the Python producer, {time.time()}"
            )
            print(f"{'sent' if success else 'FAILED'} {i}: {result}", flush=True)
            failed += not success
            if i < args.count and args.interval > 0:
                time.sleep(args.interval)  # pacing like the old example, not waiting for a condition
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        producer.shutdown()
        print("done", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
