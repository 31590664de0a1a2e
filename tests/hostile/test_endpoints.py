"""Every upload endpoint, page and command answers every hostile case with a result or a 4xx
(exit status 2) with a clear message, and changes nothing on error (issue 12, defect 5)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from science4peace.events.interfaces.cli import import_indico
from tests.hostile.cases import cases

CASES = cases()


@dataclass(frozen=True)
class Answer:
    status: int  # HTTP status; for a command 200 (done) or 400 (refused)
    message: str


def _message(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        return str(body.get("detail", "")) if isinstance(body, dict) else ""
    context = getattr(response, "context", None)
    if context is not None and "form" in context and context["form"].errors:
        return str(context["form"].errors)
    return response.content.decode("utf-8", "replace")


def _upload(url: str, *, login: bool = False, token: bool = False, json_body: bool = False):
    def send(client: Client, headers: dict[str, str], data: bytes, tmp_path: Path) -> Answer:
        if login:
            client.force_login(apps.get_model("auth", "User").objects.get(username="ada"))
        extra = {"headers": headers} if token else {}
        if json_body:
            response = client.post(url, data, content_type="application/json", **extra)
        else:
            response = client.post(url, {"file": SimpleUploadedFile("upload", data)}, **extra)
        return Answer(response.status_code, _message(response))

    return send


def _institutions_command(client, headers, data: bytes, tmp_path: Path) -> Answer:
    path = tmp_path / "organisations"
    path.write_bytes(data)
    try:
        call_command("import_institutions", str(path), stdout=io.StringIO())
    except CommandError as error:
        return Answer(400, str(error))
    return Answer(200, "")


def _indico_command(client, headers, data: bytes, tmp_path: Path) -> Answer:
    path = tmp_path / "export.json"
    path.write_bytes(data)
    err = io.StringIO()
    status = import_indico(path, owners=["ada@example.org"], out=io.StringIO(), err=err)
    return Answer({0: 200, 2: 400}.get(status, 500), err.getvalue())


# The registry of endpoints: add an upload endpoint here and the corpus runs against it.
ENDPOINTS: dict[str, Callable[..., Answer]] = {
    "api-audit-anonymous": _upload("/api/authorlists/audit"),
    "api-audit-token": _upload("/api/authorlists/audit", token=True),
    "page-audit-anonymous": _upload("/papers/audit/"),
    "page-audit-logged-in": _upload("/papers/audit/", login=True),
    "api-indico-token-file": _upload("/api/events/import-indico", token=True),
    "api-indico-token-body": _upload("/api/events/import-indico", token=True, json_body=True),
    "api-indico-anonymous": _upload("/api/events/import-indico", json_body=True),
    "page-indico-logged-in": _upload("/events/import/indico/", login=True),
    "command-import-institutions": _institutions_command,
    "command-events-import-indico": _indico_command,
}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("science4peace.")
    }


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
def test_every_upload_endpoint_answers_every_hostile_case_with_a_result_or_a_clear_4xx(
    client, auth_headers, user, tmp_path, endpoint
):
    """One test per endpoint, every case in it (a test per case costs a user each)."""
    wrong = []
    for name, data in CASES:
        before = row_counts()
        answer = ENDPOINTS[endpoint](client, auth_headers, data, tmp_path)
        refused = 400 <= answer.status < 500
        if answer.status >= 500 or (refused and not answer.message.strip()):
            wrong.append((name, answer.status, answer.message[:80]))
        elif refused and row_counts() != before:
            wrong.append((name, answer.status, "rows changed"))
    assert wrong == []


def test_a_50_mib_audit_is_refused_before_its_body_is_read(client):
    """The body is a stream that fails when read: the answer comes from the length alone."""

    class Unreadable(io.RawIOBase):
        def read(self, size=-1):
            raise AssertionError("the body was read")

    size = 50 * 1024 * 1024
    for url in ("/api/authorlists/audit", "/papers/audit/"):
        response = client.generic(
            "POST",
            url,
            b"",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(size),
            **{"wsgi.input": Unreadable()},
        )
        limit = 8 * 1024 * 1024 + 64 * 1024
        assert (response.status_code, _message(response)) == (
            413,
            f"The request is {size} bytes; the limit is {limit} bytes.",
        )


@pytest.mark.parametrize(
    "path", ["/api/institutions/abc", "/api/papers/1.5/authorlist", "/api/no-such-endpoint"]
)
def test_an_unknown_api_path_gets_the_documented_json_404(client, db, path):
    response = client.get(path)
    assert (response.status_code, response["Content-Type"], response.json()) == (
        404,
        "application/json",
        {"detail": f"No API endpoint at {path}."},
    )


def test_an_unknown_page_still_gets_the_html_404(client, db):
    response = client.get("/no-such-page/")
    assert (response.status_code, response["Content-Type"].split(";")[0]) == (404, "text/html")
