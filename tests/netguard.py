"""No network in tests: a pytest plugin that refuses every connection except loopback and Unix
sockets.

`tests/conftest.py` loads it (`pytest_plugins`); it is installed when pytest configures, before
any test module is imported, for the whole session and in every pytest-xdist worker (each is a
process that loads the conftest). It patches the socket class, so it holds in
every thread of the process: the live server's, the one a browser test reads the database from.
Loopback (127.0.0.0/8, ::1, `localhost`) and Unix sockets stay open: the PostgreSQL socket,
the live server and the browser's DevTools channel use them. SMTP is refused even on loopback
(but for a server a test runs itself, `local_smtp_server`):
tests read `django.core.mail.outbox` instead.

An attempt raises `OutsideNetworkError` (a `RuntimeError`, so code catching `OSError` does
not mistake it for a network failure it handles) and is recorded; the autouse fixture below
fails the test that made it even if something swallowed the error.

Processes a test starts (`s4p`, `xmllint`, Chromium) are outside this guard; Chromium gets
a host-resolver rule that resolves nothing but localhost (tests/browser/conftest.py).
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


class OutsideNetworkError(RuntimeError):
    """A test tried to reach beyond this machine."""


_attempts: list[str] = []
_lock = threading.Lock()
_originals: dict[str, Any] = {}


def _refuse(what: str) -> OutsideNetworkError:
    with _lock:
        _attempts.append(what)
    return OutsideNetworkError(
        f"tests may not use the network: refused {what}; only loopback and Unix sockets are "
        "open (mock remote services with `responses`, read mail from django.core.mail.outbox)"
    )


def take_attempts() -> list[str]:
    """The refused attempts since the last call, oldest first; forgets them."""
    with _lock:
        taken = list(_attempts)
        _attempts.clear()
    return taken


def _host_text(host: Any) -> str:
    return host.decode("ascii", "replace") if isinstance(host, bytes) else str(host)


def is_loopback_host(host: Any) -> bool:
    name = _host_text(host).strip("[]").lower().rstrip(".")
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _is_local_name(host: Any) -> bool:
    """Names whose lookup needs no outside resolver: none, loopback names, literal addresses
    (any: connecting to them is what the socket check refuses) and this machine's own name."""
    if host is None or host in ("", b""):
        return True
    name = _host_text(host).strip("[]").rstrip(".")
    if is_loopback_host(name) or name.lower() == socket.gethostname().lower():
        return True
    try:
        ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _allowed(sock: socket.socket, address: Any) -> bool:
    if sock.family == socket.AF_UNIX:
        return True
    if sock.family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        return is_loopback_host(address[0])
    return False


def _describe(sock: socket.socket, address: Any) -> str:
    if isinstance(address, tuple) and len(address) >= 2:
        return f"a connection to {_host_text(address[0])} port {address[1]}"
    return f"a {sock.family.name} connection to {address!r}"


def _guard_address(method_name: str):
    original = getattr(socket.socket, method_name)

    def guarded(self: socket.socket, *args: Any) -> Any:
        address = args[-1]  # connect(address), connect_ex(address), sendto(data[, flags], address)
        if not _allowed(self, address):
            error = _refuse(_describe(self, address))
            self.close()  # callers close on OSError only; the socket is of no use now anyway
            raise error
        return original(self, *args)

    guarded.__name__ = method_name
    guarded.__doc__ = original.__doc__
    _originals[f"socket.{method_name}"] = original
    return guarded


def _guard_lookup(function_name: str):
    original = getattr(socket, function_name)

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local_name(host):
            raise _refuse(f"a name lookup of {_host_text(host)!r}")
        return original(host, *args, **kwargs)

    guarded.__name__ = function_name
    _originals[function_name] = original
    return guarded


_smtp_servers: set[int] = set()


@contextmanager
def local_smtp_server(port: int) -> Iterator[None]:
    """Let SMTP reach a server a test runs itself on a loopback ``port`` (the mail outbox's
    delivery tests); every other SMTP connection stays refused."""
    _smtp_servers.add(port)
    try:
        yield
    finally:
        _smtp_servers.discard(port)


def _smtp_connect(self: smtplib.SMTP, host: str = "localhost", port: int = 0, *args: Any) -> Any:
    if port in _smtp_servers and is_loopback_host(host):
        return _originals["smtp.connect"](self, host, port, *args)
    raise _refuse(f"an SMTP connection to {host} port {port or self.default_port}")


_LOOKUPS = ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr")


def install() -> None:
    """Start refusing; idempotent."""
    if _originals:
        return
    for method_name in ("connect", "connect_ex", "sendto"):
        setattr(socket.socket, method_name, _guard_address(method_name))
    for function_name in _LOOKUPS:
        setattr(socket, function_name, _guard_lookup(function_name))
    _originals["smtp.connect"] = smtplib.SMTP.connect
    smtplib.SMTP.connect = _smtp_connect  # type: ignore[method-assign]


def uninstall() -> None:
    """Put everything back (for the end of the session)."""
    for key, original in _originals.items():
        if key.startswith("socket."):
            setattr(socket.socket, key.removeprefix("socket."), original)
        elif key == "smtp.connect":
            smtplib.SMTP.connect = original  # type: ignore[method-assign]
        else:
            setattr(socket, key, original)
    _originals.clear()


def pytest_configure(config: pytest.Config) -> None:
    install()


def pytest_unconfigure(config: pytest.Config) -> None:
    uninstall()


@pytest.fixture(autouse=True)
def _no_outside_connections() -> Any:
    """A test that tried to reach beyond this machine fails, even when the code under test
    caught the guard's error."""
    take_attempts()
    yield
    if attempts := take_attempts():
        pytest.fail("tried to use the network: " + "; ".join(attempts), pytrace=False)
