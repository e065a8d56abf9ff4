"""The socket guard while a room test runs: loopback goes through, every other address is still refused."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkAccessError

ELSEWHERE = ["192.0.2.1", "10.0.0.1", "8.8.8.8", "2001:db8::1"]  # documentation and private ranges: never reached


@pytest.mark.parametrize("address", ELSEWHERE)
def test_only_loopback_is_allowed_even_in_room_tests(loopback, address):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with pytest.raises(NetworkAccessError):
        socket.create_connection((address, 80), timeout=0.1)
    with socket.socket(family, socket.SOCK_STREAM) as s:
        with pytest.raises(NetworkAccessError):
            s.connect((address, 80))
        with pytest.raises(NetworkAccessError):
            s.connect_ex((address, 80))
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("example.com", 80)


def test_loopback_connects_in_room_tests(loopback):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=1):
            pass


def test_and_not_outside_them():
    with pytest.raises(NetworkAccessError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkAccessError):
        socket.getaddrinfo("localhost", 80)
