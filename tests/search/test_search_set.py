"""The search test set: what people type, and what must come up, on the demo content.

It runs on the suite's database (PostgreSQL in CI and ``make test``) and, through a second
pytest run in a subprocess, on SQLite, the embedded default of ``make run``: Norwegian word
forms must match on both.
"""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import translation

from search.sources import search_site

TOP = 5

# (query, kind shown, title, where): "top" = among the first five hits, "found" = anywhere.
SEARCH_SET = [
    ("prioritering", "Konferanse", "Kunnskapskommunekonferansen Vest 2026", "top"),
    ("prioriteringer", "Konferanse", "Kunnskapskommunekonferansen Vest 2026", "top"),
    ("hva prioriterer vi", "Programpost: plenum", "Hva prioriterer vi nå? Kloke valg i komplekse tider", "top"),
    ("Håkon Vik", "Foredragsholder", "Håkon Vik", "top"),
    ("håkon", "Foredragsholder", "Håkon Vik", "top"),
    ("Jon Vik", "Person i nettverket", "Jon Vik", "top"),
    (
        "forskning",
        "Nyheter",
        "Forskningsrådet planlegger nasjonale sentre for kommunal helse- og omsorgsforskning",
        "found",
    ),
    # A common word: the measure is found, but research projects, posters and the award now share it.
    ("forskningen", "Tiltak", "6.6.1 Tilgang til oppdatert forskning for ansatte", "found"),
    ("oppdatert forskning", "Tiltak", "6.6.1 Tilgang til oppdatert forskning for ansatte", "top"),
    ("styringsdokumenter", "Styringsdokumenter", "Styringsdokumenter", "top"),
    ("referansegruppen mandat", "Styringsdokument", "Mandat for referansegruppen", "top"),
    ("mobiliseringsseminar", "Nyheter", "Fullt hus på mobiliseringsseminar i Alrek", "top"),
    ("FoU-kontakter", "Nyheter", "Ny ordning for FoU-kontakter i Bergen", "top"),
    ("innovasjonsprisen", "Pris", "Forsknings- og innovasjonsprisen", "top"),
    ("innovasjonsprisen", "Programpost: prisutdeling", "Utdeling av forsknings- og innovasjonsprisen 2026", "found"),
]


def run_search_set() -> list[str]:
    """The entries of ``SEARCH_SET`` that the search misses, described for the failure message."""
    translation.activate("nb")
    request = RequestFactory().get("/sok/")
    misses = []
    for query, kind, title, where in SEARCH_SET:
        hits = search_site(query, request)
        shown = [(hit.kind, hit.title) for hit in (hits[:TOP] if where == "top" else hits)]
        if (kind, title) not in shown:
            first = ", ".join(f"{t} ({k})" for k, t in ((h.kind, h.title) for h in hits[:TOP])) or "nothing"
            misses.append(f"{query!r} should find {title!r} ({kind}) {where}; first hits: {first}")
    return misses


@pytest.mark.django_db
def test_search_set_on_the_demo_content():
    call_command("load_demo", stdout=StringIO())
    misses = run_search_set()
    assert not misses, "\n".join(misses)


@pytest.mark.django_db
def test_search_set_on_sqlite_too(tmp_path):
    """The same set in a fresh pytest run on SQLite (the database ``make run`` uses)."""
    root = Path(__file__).resolve().parents[2]
    # A fresh run of its own: not an xdist worker of this one (its database name would change).
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    env = {
        **inherited,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'search.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "-o",
            "addopts=--create-db",
            f"{__file__}::test_search_set_on_the_demo_content",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout
