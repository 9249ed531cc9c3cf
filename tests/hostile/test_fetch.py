"""Fetching URLs from hostile or careless servers: private addresses, redirects elsewhere,
servers that drip, bodies without end. Every server here is a loopback thread of the test.

Every text here is composed for these tests.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest

from sitrep.errors import InputError, InputTooLarge
from sitrep.read import ReadOptions, read_inputs
from sitrep.read.web import IPAddress, fetch, non_public_address
from sitrep.records import Article

PAGE = (
    "<html><head><title>Shelling in Kherson</title></head><body><article>"
    "<p>KHERSON, Ukraine (AP) — Russian shelling killed three civilians in Kherson on Monday, "
    "the regional governor said. Rescue workers searched the rubble until late at night, "
    "and officials said the power station was hit again.</p></article></body></html>"
).encode()

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class Server:
    """A loopback HTTP server answering each path with a route; it counts the requests."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                route = routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                with suppress(OSError):  # the client hung up, as it should on a hostile answer
                    route(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[Server]:
    server = Server(routes)
    try:
        yield server
    finally:
        server.close()


def page(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(PAGE)))
    handler.end_headers()
    handler.wfile.write(PAGE)


def redirect(to: str) -> Route:
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", to)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def public_port(port: int) -> Callable[[IPAddress, int], str | None]:
    """The default address check, except that one loopback port counts as a public server."""

    def check(address: IPAddress, to_port: int) -> str | None:
        return None if to_port == port else non_public_address(address, to_port)

    return check


def test_fetch_a_loopback_page_is_refused_by_default_and_fetched_when_allowed() -> None:
    with serving({"/story": page}) as server:
        url = f"{server.url}/story"
        with pytest.raises(InputError) as refused:
            fetch(url, 100_000)
        assert refused.value.item == url
        assert "127.0.0.1 is a loopback address" in refused.value.reason
        assert "--allow-private-addresses" in refused.value.reason
        assert server.requests == []

        assert fetch(url, 100_000, allow_private=True).body == PAGE
        assert server.requests == ["/story"]


def test_fetch_the_option_reaches_the_fetch_through_read_options() -> None:
    with serving({"/story": page}) as server:
        url = f"{server.url}/story"
        (refused,) = read_inputs([url])
        assert isinstance(refused, InputError) and "loopback" in refused.reason
        (article,) = read_inputs([url], ReadOptions(allow_private_addresses=True))
        assert isinstance(article, Article) and "Kherson" in article.text
        assert article.source.url == url


@pytest.mark.parametrize("host", ["localhost", "[::ffff:127.0.0.1]", "0.0.0.0", "10.0.0.1"])
def test_fetch_other_spellings_of_private_hosts_are_refused_before_connecting(host: str) -> None:
    with pytest.raises(InputError, match=r"refused: .* is an? [a-z-]+ address"):
        fetch(f"http://{host}:9/story", 100_000)


def test_fetch_a_redirect_to_a_loopback_address_is_refused() -> None:
    with serving({"/secret": page}) as inside:
        target = f"{inside.url}/secret"
        with serving({"/story": redirect(target)}) as outside:
            url = f"{outside.url}/story"
            with pytest.raises(InputError) as refused:
                fetch(url, 100_000, address_check=public_port(outside.port))
    assert refused.value.item == url
    assert refused.value.reason.startswith(f"redirected to {target}: refused: ")
    assert "loopback" in refused.value.reason
    assert outside.requests == ["/story"] and inside.requests == []


def test_fetch_a_redirect_to_ftp_is_refused_without_a_connection() -> None:
    with socket.create_server(("127.0.0.1", 0)) as ftp:
        ftp.settimeout(0.3)
        target = f"ftp://127.0.0.1:{ftp.getsockname()[1]}/etc/passwd"
        with (
            serving({"/story": redirect(target)}) as server,
            pytest.raises(InputError, match="only http and https URLs are fetched"),
        ):
            fetch(f"{server.url}/story", 100_000, allow_private=True)
        with pytest.raises(TimeoutError):
            ftp.accept()


def test_fetch_a_redirect_loop_ends() -> None:
    with (
        serving({"/a": redirect("/b"), "/b": redirect("/a")}) as looping,
        pytest.raises(InputError, match="more than 5 redirects"),
    ):
        fetch(f"{looping.url}/a", 100_000, allow_private=True)
    assert len(looping.requests) == 6


def drip_body(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    for byte in PAGE:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.5)


def drip_headers(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(1000):
        handler.wfile.write(b"X")
        handler.wfile.flush()
        time.sleep(0.5)


@pytest.mark.parametrize("route", [drip_body, drip_headers])
def test_fetch_a_dripping_server_is_cut_off_at_the_deadline(route: Route) -> None:
    with serving({"/story": route}) as server:
        started = time.monotonic()
        with pytest.raises(InputError, match=r"not fetched within 1\.5 s, the time limit"):
            fetch(f"{server.url}/story", 100_000, allow_private=True, deadline_s=1.5)
        assert time.monotonic() - started < 3.0


def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    chunk = b"<p>" + b"a" * 65_533
    for _ in range(2_000):  # 128 MiB, unless the client hangs up
        handler.wfile.write(chunk)


def test_fetch_a_body_over_the_limit_is_cut_with_bounded_memory() -> None:
    with serving({"/story": endless}) as server:
        tracemalloc.start()
        try:
            with pytest.raises(InputTooLarge, match="larger than 1,000,000 bytes"):
                fetch(f"{server.url}/story", 1_000_000, allow_private=True)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 3_000_000


def declares_a_huge_body(handler: http.server.BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Length", str(10**12))
    handler.end_headers()
    time.sleep(5)


def test_fetch_a_declared_length_over_the_limit_is_refused_without_reading() -> None:
    with serving({"/feed": declares_a_huge_body}) as server:
        started = time.monotonic()
        with pytest.raises(InputTooLarge, match="larger than 20,000 bytes"):
            fetch(f"{server.url}/feed", 1_000, allow_private=True)  # a feed: 20 items' worth
        assert time.monotonic() - started < 2.0
