"""The suite's network guard (tests/netguard.py): outside connections fail with a clear error,
loopback and Unix sockets keep working, mail stays in memory."""

import os
import smtplib
import socket
import sys
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings
from django.core import mail

from tests import netguard
from tests.conftest import ROOT
from tests.netguard import OutsideNetworkError

OUTSIDE = "192.0.2.10"  # TEST-NET-1 (RFC 5737): never routed, so a leak could not succeed either


def test_connection_to_an_outside_address_fails_with_a_clear_error():
    with pytest.raises(OutsideNetworkError) as refused:
        socket.create_connection((OUTSIDE, 443), timeout=1)
    assert str(refused.value) == (
        f"tests may not use the network: refused a connection to {OUTSIDE} port 443; only "
        "loopback and Unix sockets are open (mock remote services with `responses`, read mail "
        "from django.core.mail.outbox)"
    )
    assert netguard.take_attempts() == [f"a connection to {OUTSIDE} port 443"]


def test_name_lookup_of_an_outside_host_is_refused_before_any_query():
    with pytest.raises(OutsideNetworkError, match=r"a name lookup of 'example\.org'"):
        socket.getaddrinfo("example.org", 443)
    assert netguard.take_attempts() == ["a name lookup of 'example.org'"]


def test_http_clients_cannot_reach_out_and_cannot_swallow_the_refusal():
    with pytest.raises(OutsideNetworkError):
        requests.get("https://example.org/", timeout=1)
    with pytest.raises(OutsideNetworkError):
        urllib.request.urlopen(f"http://{OUTSIDE}/", timeout=1)
    assert netguard.take_attempts() == [
        "a name lookup of 'example.org'",
        f"a connection to {OUTSIDE} port 80",
    ]


def test_udp_datagrams_to_outside_are_refused():
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp,
        pytest.raises(OutsideNetworkError),
    ):
        udp.sendto(b"query", (OUTSIDE, 53))
    assert netguard.take_attempts() == [f"a connection to {OUTSIDE} port 53"]


def test_other_threads_are_guarded_too():
    """The live server answers in its own threads; the guard is on the socket class."""

    def reach_out():
        with pytest.raises(OutsideNetworkError):
            socket.create_connection((OUTSIDE, 80), timeout=1)

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(reach_out).result()
    assert netguard.take_attempts() == [f"a connection to {OUTSIDE} port 80"]


def test_smtp_is_refused_even_on_loopback():
    with pytest.raises(OutsideNetworkError, match="an SMTP connection to localhost port 25"):
        smtplib.SMTP("localhost", 25, timeout=1)
    assert netguard.take_attempts() == ["an SMTP connection to localhost port 25"]


def _echo_once(server: socket.socket) -> None:
    connection, _address = server.accept()
    with connection:
        connection.sendall(connection.recv(16).upper())


def test_loopback_still_works():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        thread = threading.Thread(target=_echo_once, args=(server,))
        thread.start()
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=5) as c:
            c.sendall(b"ping")
            reply = c.recv(16)
        thread.join()
    assert (reply, netguard.take_attempts()) == (b"PING", [])


def test_unix_sockets_still_work(tmp_path):
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        thread = threading.Thread(target=_echo_once, args=(server,))
        thread.start()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)
            client.sendall(b"pong")
            reply = client.recv(16)
        thread.join()
    assert (reply, netguard.take_attempts()) == (b"PONG", [])


@pytest.mark.django_db
def test_mail_goes_through_the_outbox_to_the_in_memory_backend():
    from science4peace.core.mail import deliver_due

    mail.send_mail("Subject", "Body", "from@example.org", ["to@example.org"])
    deliver_due()
    assert (settings.EMAIL_BACKEND, settings.S4P_EMAIL_DELIVERY_BACKEND) == (
        "science4peace.core.mail.OutboxEmailBackend",
        "django.core.mail.backends.locmem.EmailBackend",
    )
    assert [m.to for m in mail.outbox] == [["to@example.org"]]


def test_a_test_that_swallows_the_refusal_still_fails(pytester, monkeypatch):
    """The plugin fails a test whose code caught the error and carried on."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), *sys.path]))
    pytester.makepyfile(
        "import socket\n"
        "def test_swallows():\n"
        "    try:\n"
        "        socket.create_connection(('192.0.2.10', 80), timeout=1)\n"
        "    except Exception:\n"
        "        pass\n"
    )
    result = pytester.runpytest_subprocess(
        "-p", "tests.netguard", "-p", "no:django", "-p", "no:cacheprovider"
    )
    assert result.parseoutcomes() == {"passed": 1, "errors": 1}
    result.stdout.fnmatch_lines(["*tried to use the network: a connection to 192.0.2.10 port 80*"])
