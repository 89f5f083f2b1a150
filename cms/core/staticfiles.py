"""A static files finder for single files of npm packages.

``STATICFILES_DIRS`` can only serve whole folders; a font package holds every subset of every
axis (cyrillic, greek, vietnamese…, 48 files), of which the site needs four. This finder serves
and collects only the files named in ``NODE_MODULES_STATIC_FILES``, so ``collectstatic`` copies
those and the manifest storage hashes them like any other static file."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class NodeModulesFileFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        root = Path(settings.BASE_DIR) / "node_modules"
        self.entries = []  # (prefix, storage, names)
        for prefix, (folder, names) in getattr(settings, "NODE_MODULES_STATIC_FILES", {}).items():
            storage = FileSystemStorage(location=root / folder)
            storage.prefix = prefix
            self.entries.append((prefix.strip("/"), storage, list(names)))

    def check(self, **kwargs):
        errors = []
        for prefix, storage, names in self.entries:
            for name in names:
                if not storage.exists(name):
                    errors.append(
                        Error(
                            f"The static file {prefix}/{name} is missing from node_modules.",
                            hint="Run `npm ci` to install the front-end packages.",
                            id="core.E101",
                        )
                    )
        return errors

    def find(self, path, find_all=False, **kwargs):
        matches = []
        for prefix, storage, names in self.entries:
            folder, _sep, name = path.rpartition("/")
            if folder == prefix and name in names and storage.exists(name):
                match = storage.path(name)
                if not find_all:
                    return match
                matches.append(match)
        return matches if find_all else []

    def list(self, ignore_patterns):
        for _prefix, storage, names in self.entries:
            for name in names:
                if storage.exists(name):
                    yield name, storage
