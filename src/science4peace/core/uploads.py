"""Limits on uploaded files (invariant 5): too large, or not the kind asked for, is a
ValidationError naming the field, raised before anything is saved."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _


def check_upload(
    upload: UploadedFile | None, field: str = "file", *, limit: int | None = None
) -> None:
    """Within ``limit`` bytes (default ``S4P_MAX_UPLOAD_BYTES``, never more)."""
    limit = min(limit or settings.S4P_MAX_UPLOAD_BYTES, settings.S4P_MAX_UPLOAD_BYTES)
    if upload is not None and upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                field: _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": upload.size, "limit": limit}
            }
        )


def check_pdf(upload: UploadedFile, field: str) -> None:
    """Within the size limit and starting with the PDF header."""
    check_upload(upload, field)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError({field: _("Upload a PDF file.")})
