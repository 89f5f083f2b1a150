"""Media on S3-compatible object storage (django-storages), an option switched on by settings
(``S3_MEDIA_BUCKET``, ``S3_PRIVATE_BUCKET``; see docs/deployment.md).

Public media (images, documents Wagtail serves through its own view) go to the media bucket.
Private files (``cms.core.uploads.private_storage``: poster PDFs under review, nomination and
inquiry attachments) go to a *separate* bucket through :class:`PrivateS3Storage`, which writes
every object with the ``private`` ACL and refuses to make a URL (not even a signed one), so the
only way out is a permission-checked view that streams the file
(``cms.core.uploads.serve_private_file``).
"""

from __future__ import annotations

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage


@deconstructible(path="cms.core.s3.PrivateS3Storage")
class PrivateS3Storage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def get_default_settings(self):
        defaults = super().get_default_settings()
        # Never inherit the public bucket's ACL, domain or location from AWS_* settings.
        defaults.update(default_acl="private", custom_domain=None, querystring_auth=True, file_overwrite=False)
        return defaults

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no URL; serve them with cms.core.uploads.serve_private_file.")
