"""Deployment behind a TLS-terminating proxy: HTTPS redirect, HSTS, the proxy header, session
length — each a setting, and `s4p check` warns when production runs without them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from science4peace import settings as s4p_settings

S4P = str(Path(sys.executable).parent / "s4p")
PROXY = next(s for s in s4p_settings.TABLE if s.name == "PROXY_SSL_HEADER")


def test_proxy_header_setting_becomes_django_meta_name(monkeypatch):
    monkeypatch.setenv("S4P_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert PROXY.read() == ("HTTP_X_FORWARDED_PROTO", "https")


def test_proxy_header_setting_refuses_a_value_that_is_no_header_name(monkeypatch):
    monkeypatch.setenv("S4P_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    with pytest.raises(ValueError, match="S4P_PROXY_SSL_HEADER: expected an HTTP header name"):
        PROXY.read()


@pytest.mark.django_db
def test_plain_http_is_redirected_and_https_through_the_proxy_gets_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    plain = client.get("/institutions/")
    proxied = client.get("/institutions/", HTTP_X_FORWARDED_PROTO="https")

    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/institutions/")
    assert (proxied.status_code, proxied["Strict-Transport-Security"]) == (200, "max-age=31536000")


@pytest.mark.django_db
def test_health_check_answers_plain_http_for_the_proxy(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_session_length_is_a_setting():
    assert s4p_settings.SESSION_COOKIE_AGE == 14 * 24 * 3600


def _check(tmp_path: Path, **extra: str) -> str:
    env = {
        **os.environ,
        "S4P_VAR_DIR": str(tmp_path),
        "S4P_SECRET_KEY": "x" * 60 + "yZ9!",
        "S4P_SECURE_COOKIES": "true",
        **extra,
    }
    result = subprocess.run(
        [S4P, "check", "--fail-level", "CRITICAL"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.stdout + result.stderr


def test_s4p_check_warns_about_missing_https_settings(tmp_path):
    output = _check(tmp_path)
    assert [i for i in ("security.W004", "security.W008", "s4p.W003") if i in output] == [
        "security.W004",
        "security.W008",
        "s4p.W003",
    ]


def test_s4p_check_is_quiet_about_https_when_configured(tmp_path):
    output = _check(
        tmp_path,
        S4P_HSTS_SECONDS="31536000",
        S4P_SSL_REDIRECT="true",
        S4P_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    assert [i for i in ("security.W004", "security.W008", "s4p.W003") if i in output] == []
