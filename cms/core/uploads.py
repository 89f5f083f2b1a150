"""Private file uploads: files that must never be public (a poster PDF under review, an
attachment to a research inquiry), stored outside MEDIA and served only by views that have
checked who is asking.

- **Storage.** ``private_storage()`` is the storage for such files: by default a file system
  storage under ``settings.PRIVATE_MEDIA_ROOT`` (outside ``MEDIA_ROOT``, which the web server
  publishes) that refuses to make URLs, so a template cannot link to a file by mistake. When
  ``settings.STORAGES`` has a ``"private"`` entry (e.g. a private S3 bucket in production, an
  in-memory storage in tests) that one is used. Pass the callable itself to the model field:
  ``models.FileField(storage=private_storage, validators=pdf_validators())``, so migrations
  record the function and not one machine's path.
- **Checks.** The file's first bytes must be those of its type (a renamed ``.exe`` is not a
  PDF, whatever its name and Content-Type say), and its size must be within a limit. A PDF is
  also opened and refused when encrypted or carrying scripts or embedded files
  (``cms.core.pdf``).
- **Serving.** ``serve_private_file`` sends the file as a download that no cache keeps and no
  browser sniffs into HTML. It does **not** check permissions: the calling view must have
  decided that ``request.user`` may see this file (e.g. through the review engine's
  "what may this user see" rule) *before* calling it.
"""

from __future__ import annotations

import logging
import mimetypes
import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.validators import FileExtensionValidator
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# The first bytes ("magic numbers") of the file types the site accepts.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}
TYPE_LABELS = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG"}


@deconstructible(path="cms.core.uploads.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``PRIVATE_MEDIA_ROOT``, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them with cms.core.uploads.serve_private_file.")


def private_storage():
    """The storage for private files (see the module docstring)."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateFileSystemStorage()


def _size(value) -> int:
    return getattr(value, "size", None) or 0


@deconstructible(path="cms.core.uploads.MaxFileSizeValidator")
class MaxFileSizeValidator:
    """Refuses files larger than ``max_bytes`` (default ``settings.MAX_UPLOAD_BYTES``, 20 MB)."""

    def __init__(self, max_bytes: int | None = None):
        self.max_bytes = max_bytes

    @property
    def limit(self) -> int:
        return self.max_bytes or getattr(settings, "MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)

    def __call__(self, value):
        size = _size(value)
        if size > self.limit:
            raise ValidationError(
                _("The file is too large (%(size)s). It can be at most %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(size), "limit": filesizeformat(self.limit)},
            )

    def __eq__(self, other):
        return isinstance(other, MaxFileSizeValidator) and self.max_bytes == other.max_bytes


def read_head(value, length: int = 16) -> bytes:
    """The first bytes of an uploaded or stored file, leaving its position where it was."""
    position = value.tell() if hasattr(value, "tell") else 0
    try:
        value.seek(0)
        return value.read(length) or b""
    finally:
        value.seek(position)


@deconstructible(path="cms.core.uploads.FileTypeValidator")
class FileTypeValidator:
    """Refuses a file whose first bytes are not those of one of ``kinds`` ("pdf", "png",
    "jpeg"): the name and the browser's Content-Type are chosen by the sender, the bytes are
    what a reader will open."""

    def __init__(self, kinds=("pdf",)):
        unknown = set(kinds) - set(SIGNATURES)
        if unknown:
            raise ValueError(f"No signature known for {', '.join(sorted(unknown))}")
        self.kinds = tuple(kinds)

    def __call__(self, value):
        head = read_head(value)
        if not any(head.startswith(sig) for kind in self.kinds for sig in SIGNATURES[kind]):
            raise ValidationError(
                _("The file is not a real %(types)s file. Save or export it as %(types)s and try again."),
                code="wrong_file_type",
                params={"types": " / ".join(TYPE_LABELS[k] for k in self.kinds)},
            )

    def __eq__(self, other):
        return isinstance(other, FileTypeValidator) and self.kinds == other.kinds


def pdf_validators(max_bytes: int | None = None) -> list:
    """Validators for a PDF upload: the .pdf name, the PDF signature, the size limit, and what
    is inside (``cms.core.pdf.SafePDFValidator``: parses, not encrypted, no scripts, actions or
    embedded files). The size limit stays last: ``PrivatePDFField`` reads it for its help text."""
    from .pdf import SafePDFValidator

    return [
        FileExtensionValidator(["pdf"], message=_("Upload a PDF file (a file name ending in .pdf).")),
        FileTypeValidator(("pdf",)),
        SafePDFValidator(max_bytes),
        MaxFileSizeValidator(max_bytes),
    ]


class PrivatePDFField(forms.FileField):
    """A form field for a PDF upload, checked by ``pdf_validators`` (size limit first shown
    in the help text so people know it before they try)."""

    def __init__(self, *, max_bytes: int | None = None, **kwargs):
        validators = pdf_validators(max_bytes)
        kwargs.setdefault("validators", validators)
        kwargs.setdefault(
            "help_text",
            _("PDF, at most %(limit)s.") % {"limit": filesizeformat(validators[-1].limit)},
        )
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ".pdf,application/pdf")


def serve_private_file(request, field_file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """Send a private file as a download.

    The caller must already have checked that ``request.user`` may see this file: this function
    only makes the response safe (attachment, no sniffing, no caching). A missing file is 404."""
    if not field_file:
        raise Http404("No file.")
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        logger.warning("Private file %s is missing: %s", field_file.name, exc)
        raise Http404("No file.") from exc
    filename = os.path.basename(filename) or "fil"
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
