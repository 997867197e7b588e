"""The 'after a price change' view: which product each page changes, the
price toggle, and the single timed request."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.invalidate import next_price
from bench.loadgen import fetch
from bench.targets import product_pks_linked


def test_the_price_alternates_between_one_baht_more_and_the_original_so_it_never_drifts():
    from decimal import Decimal

    original = Decimal("450.00")
    first = next_price(original=original, current=original)
    second = next_price(original=original, current=first)

    assert (first, second) == (Decimal("451.00"), original)


def test_the_products_a_page_links_to_are_found_in_page_order_each_once():
    html = """<a href="/shop/catalogue/silk_7/">silk</a> <a href="/shop/basket/">basket</a>
              <a href="/shop/catalogue/umbrella_3/#reviews">umbrella</a> <a href="/shop/catalogue/silk_7/">again</a>
              <link href="https://cdn.example/x.css">"""

    def pk_of(path):
        return int(path.rstrip("/").rsplit("_", 1)[1]) if path.startswith("/shop/catalogue/") else None

    assert product_pks_linked(html, pk_of=pk_of) == [7, 3]


@pytest.fixture
def server():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/moved/":
                self.send_response(302)
                self.send_header("Location", "/")
                self.end_headers()
                return
            body = f"lang={self.headers.get('Accept-Language')} cookie={self.headers.get('Cookie')}".encode()
            self.send_response(200)
            self.send_header("X-Page-Cache", "miss")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )  # quick shutdown()
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_one_timed_request_reads_the_page_cache_header_and_sends_thai_and_the_cookie(server):
    fetched = fetch(server + "/", cookie="sessionid=abc")

    assert (fetched.status, fetched.page_cache) == (200, "miss")
    assert fetched.bytes == len("lang=th cookie=sessionid=abc")
    assert fetched.ms > 0


def test_a_timed_request_does_not_follow_a_redirect_and_no_answer_is_status_zero(server):
    assert fetch(server + "/moved/").status == 302
    assert fetch("http://127.0.0.1:9/", timeout=2).status == 0
