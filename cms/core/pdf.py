"""What is inside an uploaded PDF: the check that refuses PDFs a reader should not have to open,
and a preview image of the first page.

``cms.core.uploads`` checks the name, the first bytes and the size; this module opens the file
with a maintained PDF library (pypdf) and refuses what the signature cannot show:

- a file that does not parse as a PDF, or has no pages;
- an encrypted file (the committee could not open it, and it cannot be checked);
- active content: JavaScript (``/JS``, ``/JavaScript``, wherever it hangs: the document's
  name tree, an ``/OpenAction``, a link), actions run on events (``/AA``), ``/Launch`` (start a
  program), and forms that submit or import data (``/SubmitForm``, ``/ImportData``);
- embedded files (``/EmbeddedFiles``, ``/EmbeddedFile``, file attachment annotations), which
  can carry anything.

The walk visits every indirect object once, so a crafted file with loops or thousands of
objects costs at most ``MAX_OBJECTS`` reads before it is refused.

``first_page_png`` renders page 1 with pypdfium2 (PDFium, the engine Chromium uses) into a
PNG of a given width, for the poster gallery and the committee's list.
"""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_OBJECTS = 200_000

# Names whose presence anywhere in the file means active content or an attachment.
FORBIDDEN_NAMES = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/AA": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "javascript",
    "/ImportData": "javascript",
    "/EmbeddedFiles": "embedded",
    "/EmbeddedFile": "embedded",
    "/FileAttachment": "embedded",
    "/RichMedia": "embedded",
}

MESSAGES = {
    "unreadable": _("The file could not be read as a PDF. Export it again as PDF and try again."),
    "no_pages": _("The PDF has no pages."),
    "encrypted": _("The PDF is password-protected or encrypted. Upload a version without a password."),
    "javascript": _("The PDF contains scripts or automatic actions. Save it again without them (e.g. “Print to PDF”)."),
    "launch": _("The PDF tries to start other programs. Save it again as a plain PDF (e.g. “Print to PDF”)."),
    "embedded": _("The PDF carries embedded files or media. Upload a PDF without attachments."),
    "too_complex": _("The PDF is too complex to check. Save it again as a plain PDF (e.g. “Print to PDF”)."),
}


def _rewound(value):
    if hasattr(value, "seek"):
        value.seek(0)
    return value


def _problem(reader) -> str | None:
    """The first reason to refuse the parsed file, or None. Walks every object reachable from
    the trailer, the catalogue and the pages, following indirect references once each."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_OBJECTS:
            return "too_complex"
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                node = node.get_object()
            except Exception as exc:  # a dangling or broken reference: nothing behind it to run
                logger.debug("Skipped a broken PDF reference %s: %s", key, exc)
                continue
        if isinstance(node, NameObject):
            if str(node) in FORBIDDEN_NAMES:
                return FORBIDDEN_NAMES[str(node)]
        elif isinstance(node, (DictionaryObject, StreamObject)):
            for key, value in node.items():
                name = str(key)
                if name in FORBIDDEN_NAMES:
                    return FORBIDDEN_NAMES[name]
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def inspect_pdf(value) -> str | None:
    """The code of the first problem with the PDF in ``value`` (a file-like object), or None.
    Leaves the file at position 0."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(_rewound(value), strict=False)
        if reader.is_encrypted:
            return "encrypted"
        if len(reader.pages) == 0:
            return "no_pages"
        return _problem(reader)
    except RecursionError:
        return "too_complex"
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, AssertionError) as exc:
        logger.info("Refused an unreadable PDF: %s", exc)
        return "unreadable"
    finally:
        _rewound(value)


@deconstructible(path="cms.core.pdf.SafePDFValidator")
class SafePDFValidator:
    """Refuses PDFs that do not parse, are encrypted, carry scripts, automatic actions or
    embedded files (see the module docstring)."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = max_bytes

    def __call__(self, value):
        # A file that is not a PDF or is too large is refused by FileTypeValidator and
        # MaxFileSizeValidator (Django runs every validator): do not parse it here as well.
        limit = self.max_bytes or getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
        head = _rewound(value).read(5) or b""
        _rewound(value)
        if not head.startswith(b"%PDF-") or (getattr(value, "size", 0) or 0) > limit:
            return
        problem = inspect_pdf(value)
        if problem:
            raise ValidationError(MESSAGES[problem], code=f"pdf_{problem}")

    def __eq__(self, other):
        return isinstance(other, SafePDFValidator) and self.max_bytes == other.max_bytes


def first_page_png(value, *, width: int = 800) -> bytes:
    """Page 1 of the PDF in ``value`` as PNG bytes, ``width`` pixels wide (height follows the
    page). Raises ``ValueError`` when the page cannot be rendered."""
    import pypdfium2 as pdfium

    data = _rewound(value).read()
    _rewound(value)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ValueError(f"Cannot render the PDF: {exc}") from exc
    try:
        page = document[0]
        page_width = page.get_width() or 1
        bitmap = page.render(scale=width / page_width)
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
