"""mypy --strict and ruff, so that `pytest` alone keeps the code clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.timeout(300)
def test_mypy_strict() -> None:
    result = _run("mypy", "--strict", "src")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.timeout(120)
def test_ruff() -> None:
    result = _run("ruff", "check", "src", "tests", "examples", "bench")
    assert result.returncode == 0, result.stdout + result.stderr
