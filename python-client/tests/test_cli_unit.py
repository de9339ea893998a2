"""The command line without a gateway: argument errors, the JSON it prints, connection failures."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest

from rocketmq_ws.__main__ import main, message_to_json
from rocketmq_ws.client import Message


def test_message_to_json_uses_the_wire_field_names() -> None:
    message = Message(topic="t", body=b"hi", message_id="M", receipt="r", delivery_attempt=1, born_timestamp=5, tag="a")
    assert message_to_json(message) == {
        "messageId": "M",
        "topic": "t",
        "tag": "a",
        "keys": [],
        "properties": {},
        "bornTimestamp": 5,
        "deliveryAttempt": 1,
        "body": "hi",
        "encoding": "text",
    }


def test_binary_bodies_are_printed_in_base64() -> None:
    message = Message(topic="t", body=b"\x00\xff", message_id="M", receipt="r", delivery_attempt=1, born_timestamp=5)
    out = message_to_json(message)
    assert (out["body"], out["encoding"]) == ("AP8=", "base64")
    assert "tag" not in out
    json.dumps(out)


@pytest.mark.parametrize("argv", [[], ["consume", "--topic", "t"], ["publish"], ["frobnicate", "--topic", "t"]])
def test_bad_command_lines_exit_with_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_gateway_exits_with_3_and_says_why() -> None:
    url = f"ws://127.0.0.1:{_closed_port()}/ws/v1"
    result = subprocess.run(
        [sys.executable, "-m", "rocketmq_ws", "consume", "--topic", "t", "--group", "g", "--url", url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert "CONNECT_FAILED" in result.stderr
    assert url in result.stderr
    assert result.stdout == ""


def test_a_bad_property_exits_with_2_before_connecting(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["publish", "--topic", "t", "--property", "novalue", "--url", "ws://127.0.0.1:1/ws/v1"])
    assert exit_info.value.code == 2
    assert "NAME=VALUE" in capsys.readouterr().err
