"""The command line and the examples, run as a user runs them, against a real gateway."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.timeout(180)]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(
    args: list[str], *, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=150,
        env={**os.environ, **(env or {})},
    )


def test_cli_publish_then_consume(gateway_url: str, topic: str, group: str) -> None:
    # the topic is fresh: a new group reads it from the start, so publishing first is fine
    published = run(
        ["-m", "rocketmq_ws", "publish", "--topic", topic, "--tag", "cli", "--key", "k1", "--property", "a=b"],
        input="first line\nsecond ✓\n\nthird\n",
        env={"ROCKETMQ_WS_URL": gateway_url},
    )
    assert published.returncode == 0, published.stderr
    ids = published.stdout.split()
    assert len(ids) == 3  # the empty line is skipped

    consumed = run(
        [
            "-m",
            "rocketmq_ws",
            "consume",
            "--topic",
            topic,
            "--group",
            group,
            "--url",
            gateway_url,
            "--max-messages",
            "3",
        ]
    )
    assert consumed.returncode == 0, consumed.stderr
    lines = [json.loads(line) for line in consumed.stdout.splitlines()]
    assert {m["messageId"] for m in lines} == set(ids)
    assert {m["body"] for m in lines} == {"first line", "second ✓", "third"}
    for m in lines:
        assert (m["topic"], m["tag"], m["keys"], m["properties"], m["encoding"]) == (
            topic,
            "cli",
            ["k1"],
            {"a": "b"},
            "text",
        )
        assert m["deliveryAttempt"] >= 1

    # every message was acked after printing: the group has nothing left
    idle = run(
        [
            "-m",
            "rocketmq_ws",
            "consume",
            "--topic",
            topic,
            "--group",
            group,
            "--url",
            gateway_url,
            "--idle-timeout",
            "3",
        ]
    )
    assert (idle.returncode, idle.stdout) == (0, "")


def test_cli_reports_gateway_errors_with_exit_code_1(gateway_url: str) -> None:
    result = run(["-m", "rocketmq_ws", "publish", "--topic", "bad topic!", "--url", gateway_url], input="x\n")
    assert result.returncode == 1
    assert "rocketmq-ws: error: INVALID_ARGUMENT" in result.stderr
    assert "Traceback" not in result.stderr


def test_examples_run_to_completion(gateway_url: str, topic: str, group: str) -> None:
    env = {"ROCKETMQ_WS_URL": gateway_url}
    produced = run(
        [str(EXAMPLES / "producer_example.py"), "--topic", topic, "--count", "3", "--interval", "0"], env=env
    )
    assert produced.returncode == 0, produced.stderr
    assert produced.stdout.count("Success: MsgID=") == 3
    consumed = run(
        [
            str(EXAMPLES / "consumer_example.py"),
            "--topic",
            topic,
            "--group",
            group,
            "--max-messages",
            "3",
            "--timeout-ms",
            "30000",
        ],
        env=env,
    )
    assert consumed.returncode == 0, consumed.stderr
    assert consumed.stdout.count("received: test message") == 3
    assert "done: 3 messages" in consumed.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT, as Ctrl+C does on POSIX")
def test_cli_consume_exits_cleanly_on_ctrl_c(gateway_url: str, refusing_topic: str, group: str) -> None:
    import signal

    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rocketmq_ws",
            "consume",
            "--topic",
            refusing_topic,
            "--group",
            group,
            "--url",
            gateway_url,
            "-v",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        # wait until it is subscribed (its INFO log says so) before interrupting
        for line in process.stderr:
            if "consuming" in line:
                break
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Traceback" not in err
    assert out == ""
