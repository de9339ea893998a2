"""The exception tree: structured fields, retriable flags, the codes of docs/protocol.md."""

from __future__ import annotations

import pytest

import rocketmq_ws
from rocketmq_ws import exceptions as ex


def test_every_error_is_a_rocketmq_ws_error_with_structured_fields() -> None:
    error = ex.error_for_code("TOPIC_NOT_FOUND", "no such topic", request_id="p1")
    assert isinstance(error, ex.TopicNotFoundError)
    assert isinstance(error, ex.GatewayError)
    assert isinstance(error, ex.RocketMQWSError)
    assert (error.code, error.message, error.request_id, error.retriable) == (
        "TOPIC_NOT_FOUND",
        "no such topic",
        "p1",
        False,
    )
    assert str(error) == "TOPIC_NOT_FOUND: no such topic (request p1)"
    assert "TopicNotFoundError(code='TOPIC_NOT_FOUND'" in repr(error)


def test_client_side_errors() -> None:
    assert ex.ConnectionLostError("x").retriable
    assert ex.ConnectFailedError("x").code == "CONNECT_FAILED"
    assert isinstance(ex.ConnectFailedError("x"), ex.ConnectionLostError)
    assert not ex.ConnectionLostError("x", retriable=False).retriable
    timeout = ex.RequestTimeoutError("slow")
    assert isinstance(timeout, TimeoutError)
    assert timeout.retriable
    assert not ex.ClientClosedError("x").retriable


def test_the_tree_in_the_docstring_names_every_exception() -> None:
    doc = ex.__doc__ or ""
    for name in ex.__all__:
        if name != "error_for_code":
            assert name in doc, name
            assert getattr(rocketmq_ws, name) is getattr(ex, name)


@pytest.mark.parametrize("name", rocketmq_ws.__all__)
def test_public_names_exist(name: str) -> None:
    assert hasattr(rocketmq_ws, name)


@pytest.mark.parametrize(
    ("code", "cls", "retriable"),
    [("FORBIDDEN", ex.ForbiddenError, False), ("RATE_LIMITED", ex.RateLimitedError, True)],
)
def test_the_security_error_codes_have_classes(code: str, cls: type[ex.GatewayError], retriable: bool) -> None:
    error = ex.error_for_code(code, "m", request_id="p1")
    assert type(error) is cls
    assert (error.code, error.retriable, error.request_id) == (code, retriable, "p1")


def test_refusals_at_the_upgrade_are_connect_failures_with_a_status() -> None:
    auth = ex.AuthenticationError("no", status=401)
    assert isinstance(auth, ex.ConnectFailedError)
    assert isinstance(auth, ex.ConnectionLostError)
    assert (auth.code, auth.status, auth.close_code, auth.retriable) == ("UNAUTHENTICATED", 401, None, False)
    origin = ex.OriginRefusedError("no", status=403)
    assert isinstance(origin, ex.AuthenticationError)
    assert not origin.retriable
    limit = ex.ConnectionLimitError("full", close_code=1008)
    assert (limit.code, limit.status, limit.close_code, limit.retriable) == ("CONNECTION_LIMIT", None, 1008, True)
