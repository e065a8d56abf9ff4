import socket

import pytest


def test_the_suite_cannot_open_a_network_connection():
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        with pytest.raises(AssertionError, match="network"):
            s.connect(("127.0.0.1", 9))
