"""One JSON shape for every API error: ``{"detail": "...", "errors": {...}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        detail = "; ".join(
            f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v) for k, v in errors.items()
        )
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "forbidden"}, status=403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": str(exc) or "not found"}, status=404)

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return api.create_response(
            request, {"detail": f"request body too large: {exc}"}, status=413
        )

    @api.exception_handler(IntegrityError)
    def conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return api.create_response(request, {"detail": "conflicts with existing data"}, status=409)


class SchemaErrorItem(Schema):
    """One way in which a request does not match the schema (pydantic's error)."""

    type: str
    loc: list[str | int]
    msg: str


class SchemaErrorOut(Schema):
    """422: the request does not match the schema; ``detail`` lists every mismatch."""

    detail: list[SchemaErrorItem]


_ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
_SCHEMA_ERROR_REF = {"$ref": "#/components/schemas/SchemaErrorOut"}
_WRITE_METHODS = {"post", "put", "patch", "delete"}


def _error(description: str, ref: dict[str, str] = _ERROR_REF) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def answers_of(path: str, method: str, operation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The error answers every operation of this shape can give, whatever its handler does:
    the throttle (429), no URL match for a malformed path parameter (404), an invalid token
    (401), a body that cannot be parsed (400) or is too large (413), a change that conflicts
    with existing data (409, ``IntegrityError``), and a request that does not match the schema
    (422)."""
    answers: dict[str, dict[str, Any]] = {}
    has_body = "requestBody" in operation
    if has_body:
        answers["400"] = _error("Malformed body, or a rule the schema cannot express is broken")
    if operation.get("security"):
        answers["401"] = _error("No valid API token")
    if "{" in path:
        answers["404"] = _error("No such object, or no endpoint for this path")
    if method in _WRITE_METHODS:
        answers["409"] = _error("The change conflicts with existing data")
    if has_body or method in _WRITE_METHODS:
        answers["413"] = _error("Request body too large; refused before it is read")
    if has_body or operation.get("parameters"):
        answers["422"] = _error("The request does not match the schema", _SCHEMA_ERROR_REF)
    too_many = _error("Too many requests")
    too_many["headers"] = {
        "Retry-After": {
            "description": "Whole seconds to wait before the next request is allowed",
            "required": True,
            "schema": {"type": "integer", "minimum": 0},
        }
    }
    answers["429"] = too_many
    return answers


def _files_are_not_empty(operation: dict[str, Any]) -> None:
    """A file field of a multipart body takes at least one byte: an empty part is not sent
    as a file, so the field would be missing (a 422)."""
    content = operation.get("requestBody", {}).get("content", {})
    form = content.get("multipart/form-data", {}).get("schema", {})
    for field in form.get("properties", {}).values():
        variants = [field, *field.get("anyOf", [])]
        for variant in variants:
            if variant.get("format") == "binary":
                variant["minLength"] = 1


def document_errors(openapi: dict[str, Any]) -> dict[str, Any]:
    """Adds to every operation of an OpenAPI document the error answers of ``answers_of``
    that it does not already document, and their schemas to the components."""
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    ref_template = "#/components/schemas/{model}"
    for model in (ErrorOut, SchemaErrorOut):
        definition = model.model_json_schema(ref_template=ref_template)
        schemas.update(definition.pop("$defs", {}))
        schemas[model.__name__] = definition
    for path, operations in openapi.get("paths", {}).items():
        for method, operation in operations.items():
            _files_are_not_empty(operation)
            responses = operation.setdefault("responses", {})
            for status, answer in answers_of(path, method, operation).items():
                known = responses.get(int(status)) or responses.get(status)
                if known is None:
                    responses[int(status)] = answer
                elif status == "429":
                    known.setdefault("headers", answer["headers"])
            operation["responses"] = dict(sorted(responses.items(), key=lambda item: str(item[0])))
    return openapi


class ContractAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document names every error answer an operation can give."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_errors(super().get_openapi_schema(**kwargs))
