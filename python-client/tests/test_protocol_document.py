"""docs/protocol.md against the protocol core: its error table and its example server frames.

Runs only inside the repository (the document is not part of the package).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from rocketmq_ws import exceptions as ex
from rocketmq_ws.protocol import Delivery, Notice, Protocol, Reply

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
pytestmark = pytest.mark.skipif(not DOC.is_file(), reason=f"{DOC} not found (not running inside the repository)")


def _blocks(kind: str) -> list[str]:
    return re.findall(r"```json " + kind + r"\n(.*?)\n```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_error_table_matches_the_exception_classes() -> None:
    rows = re.findall(r"^\| `([A-Z_]+)` \| (yes|no) \|", DOC.read_text(encoding="utf-8"), re.M)
    assert len(rows) >= 11
    for code, retriable in rows:
        error = ex.error_for_code(code, "m")
        assert type(error) is not ex.GatewayError, f"{code} has no exception class"
        assert error.retriable == (retriable == "yes"), code


def _concrete(frame: dict[str, Any]) -> dict[str, Any]:
    """A frame with the document's "<placeholders>" replaced by values of the field's type.

    The examples show server frames as subsets ("<name>" matches any value; fields they leave out are not
    checked), so required fields of ``message`` frames that an example leaves out are filled in too.
    """
    out = {k: (1 if k == "bornTimestamp" and isinstance(v, str) else v) for k, v in frame.items()}
    if out.get("op") == "message":
        out.setdefault("topic", "TopicTest")
        out.setdefault("bornTimestamp", 1)
    return out


def test_every_server_example_parses_into_the_event_it_describes() -> None:
    frames = [json.loads(block) for block in _blocks("server")]
    assert frames, "no server examples found"
    protocol = Protocol()
    for frame in frames:
        event = protocol.receive(json.dumps(_concrete(frame)))
        if frame["op"] == "message":
            assert isinstance(event, Delivery)
            assert event.delivery_attempt == frame["deliveryAttempt"]
        elif frame["op"] == "error":
            # no request of this Protocol is pending, so errors come as notices
            assert isinstance(event, Notice)
            assert type(event.error) is not ex.GatewayError
            assert event.error.code == frame["code"]
        else:
            assert isinstance(event, Reply)
            assert event.op == frame["op"]


def test_every_client_example_op_can_be_built() -> None:
    protocol = Protocol()
    builders = {
        "subscribe": lambda f: protocol.subscribe(
            f["topic"], f["group"], filter=f.get("filter"), prefetch=f.get("prefetch"), ack_mode=f.get("ackMode")
        ),
        "publish": lambda f: protocol.publish(
            f["topic"], f["body"], tag=f.get("tag"), keys=f.get("keys"), properties=f.get("properties")
        ),
        "ack": lambda f: protocol.ack(f["receipt"]),
        "nack": lambda f: protocol.nack(f["receipt"], f.get("delayMs")),
        "unsubscribe": lambda f: protocol.unsubscribe(),
    }
    for block in _blocks("client"):
        try:
            frame = json.loads(block)
        except ValueError:
            continue  # the example of a frame that is not JSON
        if frame["op"] not in builders or not isinstance(frame.get("body", ""), str):
            continue  # the examples of an unknown op and of a wrong field type
        built = json.loads(builders[frame["op"]](frame).text)
        expected = {k: v for k, v in frame.items() if k not in ("id", "encoding")}
        assert {k: v for k, v in built.items() if k not in ("id", "encoding")} == expected
