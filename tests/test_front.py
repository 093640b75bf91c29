"""The production recipe (deploy/front.sh): nginx in front of Datasette, both on 127.0.0.1.
nginx supplies what uvicorn lacks: clients that send headers or a body slowly are cut off."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from browser import free_port
from conftest import ROOT
from test_hostile_visitors import get, load

HEADER_TIMEOUT = 2  # seconds; production uses 10


@pytest.fixture(scope="module")
def front(fixture_site):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is required in CI (.ci/run installs it)")
        pytest.skip("nginx is not installed (apt-get install nginx)")
    port = free_port()
    env = dict(os.environ, PORT=str(port), UPSTREAM_PORT=str(free_port()), HEADER_TIMEOUT=str(HEADER_TIMEOUT), SITE=str(fixture_site), NGINX=nginx, PYTHON=sys.executable)
    env.pop("ALMANAC_PUBLIC_URL", None)
    process = subprocess.Popen(["bash", str(ROOT / "deploy" / "front.sh")], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if get(address, "/-/versions.json", timeout=1)[0] == 200:
                break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("the front did not start: " + process.stdout.read().decode())
        time.sleep(0.2)
    yield address
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=15)




def test_pages_and_headers_pass_through(front):
    status, headers, body = get(front, "/almanac/models.json")
    assert status == 200 and body.startswith(b"{")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["server"] == "nginx"


def test_a_client_that_never_finishes_its_headers_is_cut_off(front):
    host, port = front.split(":")
    with socket.create_connection((host, int(port)), timeout=HEADER_TIMEOUT * 5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        assert connection.recv(1024) == b""  # closed by the server, not by our timeout


def test_a_client_that_never_finishes_its_body_is_cut_off(front):
    host, port = front.split(":")
    with socket.create_connection((host, int(port)), timeout=HEADER_TIMEOUT * 5) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nabc")
        reply = b""
        while chunk := connection.recv(4096):  # until the server closes; our timeout would raise
            reply += chunk
    assert reply == b"" or reply.startswith(b"HTTP/1.1 408")  # closed, or told it timed out


def test_only_reading_methods_are_passed_on(front):
    host, port = front.split(":")
    import http.client

    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("POST", "/almanac/-/query", body=b"sql=select+1")
    assert connection.getresponse().status == 403
    connection.close()


def test_links_name_the_public_address_whatever_the_host_header(front):
    status, _, body = get(front, "/almanac/prices.json?_size=2", headers={"Host": "evil.example"})
    assert status == 200
    assert f'"next_url": "http://{front}/almanac/prices.json?'.encode() in body.replace(b'":"', b'": "')
    assert b"evil.example" not in body


def test_thirty_two_clients_through_the_front_get_every_key_page(front):
    assert load(front) == []
