"""A PDF's page count, which also checks that it is a readable PDF (``pages``, for drafts of
papers), and a PDF without its author metadata, for blind review: the document information
dictionary (Author, Creator, Producer, Title, ...) and the XMP metadata stream are removed
with pikepdf.
``text`` reads the words of a PDF with poppler's ``pdftotext`` to warn about names in it."""

from __future__ import annotations

import io
import shutil
import subprocess

import pikepdf


class NotAPdf(ValueError):
    pass


def strip(data: bytes) -> bytes:
    """``data`` rewritten without Info dictionary and XMP; NotAPdf if it is no readable PDF."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError) as error:
        raise NotAPdf(str(error)) from error
    with pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for page in pdf.pages:
            if "/Metadata" in page.obj:
                del page.obj["/Metadata"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def pages(data: bytes) -> int:
    """How many pages ``data`` has; NotAPdf if it is no readable PDF (a header alone, or a
    file cut short, is not enough)."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
    except (pikepdf.PdfError, ValueError) as error:
        raise NotAPdf(str(error)) from error
    if count == 0:
        raise NotAPdf("no pages")
    return count


def metadata(data: bytes) -> dict[str, str]:
    """The Info entries and the XMP packet (as ``xmp``) a PDF carries: empty after ``strip``."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = {str(k): str(v) for k, v in pdf.docinfo.items()}
        if "/Metadata" in pdf.Root:
            found["xmp"] = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
    return found


def text(data: bytes, *, timeout: float = 20.0) -> str:
    """The PDF's text, or "" when pdftotext is missing or fails."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return ""
    try:
        done = subprocess.run(  # noqa: S603 (fixed tool, the PDF on standard input)
            [tool, "-q", "-enc", "UTF-8", "-", "-"],
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    return done.stdout.decode("utf-8", "replace")
