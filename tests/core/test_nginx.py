"""The nginx example of docs/deployment.md, read from the document itself and checked by the
real nginx (Debian's package; a prerequisite of scripts/test): it passes ``nginx -t``, and run
in front of a live server it keeps a public page and answers a matching ``If-None-Match``
with ``304`` itself, without asking the application."""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.urls import reverse

from science4peace.events.models import Event

DOC = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"
HOST = "science4peace.example.org"


def _doc_config() -> str:
    blocks = re.findall(r"```nginx\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    assert len(blocks) == 1, "docs/deployment.md should hold exactly one nginx example"
    return blocks[0]


def _replace(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new``; ``old`` must be in the example exactly once, so that a
    change to the example that this test no longer matches fails it."""
    assert text.count(old) == 1, f"expected {old!r} once in the nginx example"
    return text.replace(old, new)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


def _setup(folder: Path, *, upstream: int = 8000, https: int = 443, plain: int = 80) -> Path:
    """An nginx.conf around the document's example, with only what a test must change: the
    certificate, the cache directory, the ports, the upstream's port; logs and temporary
    files in ``folder``."""
    cert, key = _certificate(folder)
    site = _doc_config()
    live = f"/etc/letsencrypt/live/{HOST}"
    site = _replace(site, f"{live}/fullchain.pem", str(cert))
    site = _replace(site, f"{live}/privkey.pem", str(key))
    site = _replace(site, "/var/cache/nginx/s4p", str(folder / "cache"))
    site = _replace(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};")
    site = _replace(site, "listen 443 ", f"listen 127.0.0.1:{https} ")
    site = _replace(site, "listen 80;", f"listen 127.0.0.1:{plain};")
    temporary = " ".join(
        f"{name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    conf = folder / "nginx.conf"
    conf.write_text(
        f"pid {folder / 'nginx.pid'};\n"
        "daemon off;\nmaster_process off;\n"  # one process, run by the test, as its user
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n {temporary}\n{site}\n}}\n",
        encoding="utf-8",
    )
    return conf


def _nginx(conf: Path, *args: str) -> list[str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    return [nginx, "-p", str(conf.parent), "-c", str(conf), "-e", "stderr", *args]


def test_the_documented_nginx_configuration_passes_nginx_t(tmp_path):
    conf = _setup(tmp_path)

    result = subprocess.run(_nginx(conf, "-t"), capture_output=True, text=True, timeout=60)

    messages = [line.split("nginx: ", 1)[-1] for line in result.stderr.splitlines()]
    assert (result.returncode, messages) == (
        0,
        [
            f"the configuration file {conf} syntax is ok",
            f"configuration file {conf} test is successful",
        ],
    )


def _get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    connection.request("GET", path, headers={"Host": HOST, **headers})
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.05)
        else:
            return
    raise AssertionError(f"nginx did not listen on port {port}")


# the project's transactional_db (tests/conftest.py): its flush keeps the migrated rows, where
# a bare transaction=True flush recreates content types and breaks serialized-rollback tests
@pytest.mark.usefixtures("transactional_db")
def test_nginx_keeps_a_public_page_and_answers_304_itself(tmp_path, live_server, settings):
    settings.ALLOWED_HOSTS = [HOST]
    Event.objects.create(
        title="Proxied Conference",
        timezone="Europe/Zurich",
        start_date=dt.date(2027, 5, 3),
        end_date=dt.date(2027, 5, 4),
        visibility=Event.Visibility.PUBLIC,
    )
    upstream = int(live_server.url.rsplit(":", 1)[1])
    https = _free_port()
    conf = _setup(tmp_path, upstream=upstream, https=https, plain=_free_port())
    process = subprocess.Popen(_nginx(conf), stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(https, process)
        path = reverse("events:list")
        first = _get(https, path)  # no Accept-Encoding: nginx unpacks its gzip copy
        again = _get(https, path, **{"Accept-Encoding": "gzip"})
        etag = first.getheader("ETag")
        unchanged = _get(https, path, **{"If-None-Match": etag})
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()  # type: ignore[union-attr]

    assert (first.status, first.getheader("X-Cache-Status")) == (200, "MISS")
    assert b"Proxied Conference" in first.body
    assert (again.status, again.getheader("X-Cache-Status")) == (200, "HIT")
    assert gzip.decompress(again.body) == first.body
    assert (unchanged.status, unchanged.getheader("X-Cache-Status"), unchanged.body) == (
        304,
        "HIT",
        b"",
    )
    assert etag.startswith('W/"')
