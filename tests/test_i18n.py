"""The bokmål catalogue is complete, and the interface really speaks bokmål."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[1] / "locale"


def test_bokmal_catalogue_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"{len(missing)} untranslated entries, e.g. {missing[:10]}"


def test_translations_keep_their_placeholders():
    po = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    broken = []
    for entry in po:
        if entry.obsolete or not entry.translated():
            continue
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = set(placeholder.findall(entry.msgid)) | set(placeholder.findall(entry.msgid_plural or ""))
        for target in targets:
            if not set(placeholder.findall(target)) <= expected or (
                not entry.msgid_plural and set(placeholder.findall(target)) != expected
            ):
                broken.append(entry.msgid)
    assert broken == []


def test_english_catalogue_exists():
    assert (LOCALE / "en" / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.django_db
def test_interface_is_bokmal_by_default_and_english_under_en(client, home_page, en_locale):
    html = client.get("/").content.decode()
    assert "Hopp til hovedinnhold" in html
    home_page.copy_for_translation(en_locale).save_revision().publish()
    english = client.get("/en/").content.decode()
    assert "Skip to main content" in english


def test_catalogues_compile_with_format_checks():
    """msgfmt refuses e.g. a translation whose %-directives differ from the original's."""
    import shutil
    import subprocess

    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "gettext's msgfmt is needed to compile the catalogues (apt-get install gettext)"
    for language in ("nb", "en"):
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run([msgfmt, "--check-format", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
