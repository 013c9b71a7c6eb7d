"""The kept-alive transport under Notify's client reads what an HTTP/1.1 server may answer, and reconnects."""

import socket
import threading
import time

import pytest
import requests

from engagement.messaging.channels.notify import KeptAliveSession


class ScriptedServer:
    """Answers each request on a connection with the next canned answer; counts connections."""

    def __init__(self, answers: list[bytes], *, close_after_each: bool = False):
        self.answers = list(answers)
        self.close_after_each = close_after_each
        self.connections = 0
        self.requests: list[bytes] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _serve(self):
        while True:
            connection, _ = self._listener.accept()
            self.connections += 1
            threading.Thread(target=self._talk, args=(connection,), daemon=True).start()

    def _talk(self, connection):
        with connection, connection.makefile("rb") as reader:
            while self.answers:
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    line = reader.readline()
                    if not line:
                        return
                    head += line
                length = next(
                    (
                        int(line.split(b":")[1])
                        for line in head.split(b"\r\n")
                        if line.lower().startswith(b"content-length")
                    ),
                    0,
                )
                self.requests.append(head + reader.read(length))
                connection.sendall(self.answers.pop(0))
                if self.close_after_each:
                    return


def test_it_reads_answers_by_length_chunked_and_without_a_reason_phrase():
    server = ScriptedServer(
        [
            b'HTTP/1.1 201 Created\r\nContent-Length: 11\r\n\r\n{"id": "a"}',
            b'HTTP/1.1 201\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"id"\r\n6\r\n: "b"}\r\n0\r\n\r\n',
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}",
        ]
    )
    session = KeptAliveSession(server.url)

    first = session.request("POST", f"{server.url}/v2/notifications/email", data='{"a": 1}', timeout=5)
    second = session.request("POST", f"{server.url}/v2/notifications/email", data='{"a": 2}', timeout=5)
    third = session.request("GET", f"{server.url}/v2/notifications", params={"reference": "x y"}, timeout=5)

    assert (first.status_code, first.json()) == (201, {"id": "a"})
    assert (second.status_code, second.json()) == (201, {"id": "b"})
    assert third.status_code == 400
    with pytest.raises(requests.HTTPError):
        third.raise_for_status()
    assert server.connections == 1
    assert server.requests[0].endswith(b'\r\n\r\n{"a": 1}')
    assert server.requests[2].startswith(b"GET /v2/notifications?reference=x+y HTTP/1.1\r\n")


def test_a_connection_the_server_closed_while_idle_is_opened_again_before_sending():
    answer = b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
    server = ScriptedServer([answer, answer], close_after_each=True)
    session = KeptAliveSession(server.url)

    session.request("POST", f"{server.url}/v2/notifications/email", data="{}", timeout=5)
    time.sleep(0.1)
    session.request("POST", f"{server.url}/v2/notifications/email", data="{}", timeout=5)

    assert server.connections == 2
    assert len(server.requests) == 2


def test_no_answer_at_all_is_a_connection_error_the_client_treats_as_maybe_sent():
    server = ScriptedServer([b""], close_after_each=True)
    session = KeptAliveSession(server.url)

    with pytest.raises(requests.ConnectionError):
        session.request("POST", f"{server.url}/v2/notifications/email", data="{}", timeout=5)
