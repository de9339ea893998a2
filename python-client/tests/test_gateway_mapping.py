"""ROCKETMQ_WS_GATEWAYS: which gateway the drop-in facade connects to for a name server. No gateway needed."""

from __future__ import annotations

import logging
import socket

import pytest

from rocketmq_ws.compat import DEFAULT_URL, RocketMQConsumer, RocketMQProducer, parse_gateways, resolve_url

MAPPING = "192.168.1.2:9876=ws://gw-a:8080/ws/v1,10.0.0.5:9876;10.0.0.6:9876=wss://gw-b/ws/v1"
GW_A = "ws://gw-a:8080/ws/v1"
GW_B = "wss://gw-b/ws/v1"
ENV_URL = "ws://env:1/ws/v1"


def _resolve(name_server: str | None, gateway_url: str | None = None, **environ: str) -> str:
    return resolve_url(gateway_url, name_server=name_server, environ=environ)


def _unreachable_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"ws://127.0.0.1:{port}/ws/v1"


# parsing


def test_each_address_of_an_entry_maps_to_its_url() -> None:
    assert parse_gateways(MAPPING) == {"192.168.1.2:9876": GW_A, "10.0.0.5:9876": GW_B, "10.0.0.6:9876": GW_B}


def test_parsing_ignores_whitespace_case_and_empty_entries() -> None:
    assert parse_gateways(" NS-1.Example:9876 ; ns-2:9876 = ws://gw/ws/v1 ,, ") == {
        "ns-1.example:9876": "ws://gw/ws/v1",
        "ns-2:9876": "ws://gw/ws/v1",
    }
    assert parse_gateways("") == {}


def test_a_url_may_hold_an_equals_sign() -> None:
    assert parse_gateways("a:9876=wss://gw/ws/v1?x=1") == {"a:9876": "wss://gw/ws/v1?x=1"}


def test_an_address_may_repeat_with_the_same_url() -> None:
    assert parse_gateways("a:9876=ws://gw/ws/v1,a:9876;b:9876=ws://gw/ws/v1") == {
        "a:9876": "ws://gw/ws/v1",
        "b:9876": "ws://gw/ws/v1",
    }


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("a:9876", "no '='"),
        (f"{MAPPING},b:9876 ws://gw/ws/v1", "no '='"),
        ("=ws://gw/ws/v1", "no name server before '='"),
        (" ; =ws://gw/ws/v1", "no name server before '='"),
        ("a:9876=", "no gateway URL after '='"),
        ("a:9876=http://gw:8080/ws/v1", "'http://gw:8080/ws/v1' is not a ws:// or wss:// URL"),
        ("a:9876=gw:8080/ws/v1", "is not a ws:// or wss:// URL"),
        ("a:9876=ws://", "is not a ws:// or wss:// URL with a host"),
        ("a:9876=ws://[::1/ws/v1", "is not a ws:// or wss:// URL"),
    ],
)
def test_a_malformed_entry_is_named_in_the_error(value: str, problem: str) -> None:
    with pytest.raises(ValueError, match="ROCKETMQ_WS_GATEWAYS: entry ") as error:
        parse_gateways(value)
    assert problem in str(error.value)
    assert "expected NAME_SERVER[;NAME_SERVER...]=URL" in str(error.value)


def test_an_address_of_two_gateways_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"name server 'a:9876' maps to both ws://gw-1/ws/v1 and ws://gw-2/ws/v1"):
        parse_gateways("a:9876=ws://gw-1/ws/v1,b:9876;A:9876=ws://gw-2/ws/v1")


# matching


@pytest.mark.parametrize(
    ("name_server", "url"),
    [
        ("192.168.1.2:9876", GW_A),
        ("10.0.0.5:9876;10.0.0.6:9876", GW_B),  # the entry's list
        ("10.0.0.6:9876;10.0.0.5:9876", GW_B),  # in another order
        ("10.0.0.6:9876", GW_B),  # one of them
        (" 10.0.0.5:9876 ; ", GW_B),  # whitespace and a trailing ';'
    ],
)
def test_a_name_server_matches_the_entry_holding_all_its_addresses(name_server: str, url: str) -> None:
    assert _resolve(name_server, ROCKETMQ_WS_GATEWAYS=MAPPING, ROCKETMQ_WS_URL=ENV_URL) == url


def test_host_names_match_ignoring_case() -> None:
    assert _resolve("NS.example:9876", ROCKETMQ_WS_GATEWAYS="ns.EXAMPLE:9876=ws://gw/ws/v1") == "ws://gw/ws/v1"


@pytest.mark.parametrize(
    ("name_server", "why"),
    [
        ("10.9.9.9:9876", "in no entry: 10.9.9.9:9876"),
        ("10.0.0.5:9876;10.0.0.7:9876", "in no entry: 10.0.0.7:9876"),  # more than the entry holds
        ("10.0.0.5", "in no entry: 10.0.0.5"),  # the port is part of the address
        ("192.168.1.2:9876;10.0.0.5:9876", "its addresses belong to different gateways"),
        ("", "no name server given"),
    ],
)
def test_no_match_warns_naming_the_name_server_and_falls_back(
    name_server: str, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="rocketmq_ws"):
        assert _resolve(name_server, ROCKETMQ_WS_GATEWAYS=MAPPING, ROCKETMQ_WS_URL=ENV_URL) == ENV_URL
        assert _resolve(name_server, ROCKETMQ_WS_GATEWAYS=MAPPING) == DEFAULT_URL
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.WARNING]
    message = caplog.records[0].getMessage()
    assert f"name server {name_server!r} matches no entry of ROCKETMQ_WS_GATEWAYS ({why})" in message
    assert message.endswith(f"using {ENV_URL}")


# precedence: argument, mapping, ROCKETMQ_WS_URL, default


def test_the_argument_wins_and_the_mapping_is_then_not_read(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="rocketmq_ws"):
        assert _resolve("192.168.1.2:9876", "wss://arg/ws/v1", ROCKETMQ_WS_GATEWAYS=MAPPING) == "wss://arg/ws/v1"
        assert _resolve("10.9.9.9:9876", "wss://arg/ws/v1", ROCKETMQ_WS_GATEWAYS="malformed") == "wss://arg/ws/v1"
    assert caplog.records == []


def test_the_mapping_wins_over_rocketmq_ws_url() -> None:
    assert _resolve("192.168.1.2:9876", ROCKETMQ_WS_GATEWAYS=MAPPING, ROCKETMQ_WS_URL=ENV_URL) == GW_A
    # a DLL path where old code passed one is no URL: the mapping applies
    assert _resolve("192.168.1.2:9876", "rocketmq_service.dll", ROCKETMQ_WS_GATEWAYS=MAPPING) == GW_A


@pytest.mark.parametrize("mapping", [None, "", "  "])
def test_without_a_mapping_rocketmq_ws_url_then_the_default(
    mapping: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    environ = {} if mapping is None else {"ROCKETMQ_WS_GATEWAYS": mapping}
    with caplog.at_level(logging.WARNING, logger="rocketmq_ws"):
        assert _resolve("192.168.1.2:9876", **environ, ROCKETMQ_WS_URL=ENV_URL) == ENV_URL
        assert _resolve("192.168.1.2:9876", **environ) == DEFAULT_URL
    assert caplog.records == []


def test_without_a_name_server_the_mapping_is_not_read(caplog: pytest.LogCaptureFixture) -> None:
    # the command line has no name server; neither a warning nor a malformed mapping concerns it
    with caplog.at_level(logging.WARNING, logger="rocketmq_ws"):
        assert _resolve(None, ROCKETMQ_WS_GATEWAYS=MAPPING, ROCKETMQ_WS_URL=ENV_URL) == ENV_URL
        assert _resolve(None, ROCKETMQ_WS_GATEWAYS="malformed") == DEFAULT_URL
    assert caplog.records == []


def test_a_malformed_mapping_raises_when_a_name_server_is_given() -> None:
    with pytest.raises(ValueError, match="ROCKETMQ_WS_GATEWAYS: entry 'malformed': no '='"):
        _resolve("a:9876", ROCKETMQ_WS_GATEWAYS="malformed", ROCKETMQ_WS_URL=ENV_URL)


# the facades


@pytest.mark.parametrize("facade", [RocketMQConsumer, RocketMQProducer])
def test_initialize_connects_to_the_gateway_mapped_to_its_name_server(
    facade: type[RocketMQConsumer | RocketMQProducer],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    mapped = _unreachable_url()
    monkeypatch.setenv("ROCKETMQ_WS_GATEWAYS", f"10.0.0.5:9876;10.0.0.6:9876={mapped}")
    monkeypatch.setenv("ROCKETMQ_WS_URL", "ws://env.invalid:1/ws/v1")
    client = facade()
    with caplog.at_level(logging.WARNING, logger="rocketmq_ws.compat"):
        assert _initialize(client, "10.0.0.6:9876;10.0.0.5:9876") is False
    assert client.gateway_url == mapped
    assert f"cannot connect to {mapped}" in caplog.text
    assert "matches no entry" not in caplog.text
    assert client.shutdown() is True


@pytest.mark.parametrize("facade", [RocketMQConsumer, RocketMQProducer])
def test_initialize_warns_and_falls_back_for_an_unmapped_name_server(
    facade: type[RocketMQConsumer | RocketMQProducer],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fallback = _unreachable_url()
    monkeypatch.setenv("ROCKETMQ_WS_GATEWAYS", MAPPING)
    monkeypatch.setenv("ROCKETMQ_WS_URL", fallback)
    client = facade()
    with caplog.at_level(logging.WARNING, logger="rocketmq_ws.compat"):
        assert _initialize(client, "10.9.9.9:9876") is False
    assert client.gateway_url == fallback
    assert "name server '10.9.9.9:9876' matches no entry of ROCKETMQ_WS_GATEWAYS" in caplog.text
    assert f"cannot connect to {fallback}" in caplog.text


@pytest.mark.parametrize("facade", [RocketMQConsumer, RocketMQProducer])
def test_initialize_returns_false_for_a_malformed_mapping(
    facade: type[RocketMQConsumer | RocketMQProducer],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("ROCKETMQ_WS_GATEWAYS", "10.0.0.5:9876=http://gw-b/ws/v1")
    client = facade()  # the constructor has no name server yet, so it neither reads the mapping nor fails
    with caplog.at_level(logging.ERROR, logger="rocketmq_ws.compat"):
        assert _initialize(client, "10.0.0.5:9876") is False
    assert "ROCKETMQ_WS_GATEWAYS: entry '10.0.0.5:9876=http://gw-b/ws/v1'" in caplog.text
    assert "is not a ws:// or wss:// URL" in caplog.text
    assert client.shutdown() is True
    if isinstance(client, RocketMQProducer):
        assert client.send_message("t", "x") == (False, "Error: Producer not initialized")
    else:
        assert client.get_next_message(timeout_ms=10) is None


def test_the_constructor_argument_wins_over_the_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = _unreachable_url()
    monkeypatch.setenv("ROCKETMQ_WS_GATEWAYS", "10.0.0.5:9876=ws://gw-b.invalid/ws/v1")
    producer = RocketMQProducer(explicit)
    assert producer.initialize("10.0.0.5:9876", "g") is False
    assert producer.gateway_url == explicit


def _initialize(client: RocketMQConsumer | RocketMQProducer, name_server: str) -> bool:
    if isinstance(client, RocketMQConsumer):
        return client.initialize(name_server, "t", "g", "*")
    return client.initialize(name_server, "g")
