"""The Norwegian stemmer used on SQLite gives PostgreSQL's stems."""

import pytest
from django.db import connection

from search.stemming import stem, stems

# Word → stem, as PostgreSQL's ``ts_lexize('norwegian_stem', word)`` gives them.
POSTGRES_STEMS = {
    "prioriteringer": "prioritering",
    "prioritering": "prioritering",
    "prioriterer": "prioriter",
    "forskning": "forskning",
    "forskningen": "forskning",
    "kommunene": "kommun",
    "helsetjenester": "helsetjenest",
    "sykepleiere": "sykepleier",
    "eldre": "eldr",
    "hellig": "hel",
    "kloke": "klok",
    "tiltakene": "tiltak",
    "styringsdokumentet": "styringsdokument",
    "samarbeidet": "samarbeid",
    "universitetet": "universitet",
    "konferansen": "konferans",
    "erfaringer": "erfaring",
    "håkon": "håkon",
    "vik": "vik",
    "bydt": "bydt",
}


def test_stems_match_postgresql_for_common_words():
    assert {word: stem(word) for word in POSTGRES_STEMS} == POSTGRES_STEMS


def test_inflected_forms_share_a_stem_and_case_and_punctuation_do_not_matter():
    assert stem("Prioriteringene") == stem("prioriteringer") == stem("prioritering")
    assert stems("Forskningen, i KOMMUNENE!") == ["forskning", "i", "kommun"]
    assert stems("( ) * : -") == []


@pytest.mark.django_db
def test_stemmer_agrees_with_the_database_stemmer_where_there_is_one():
    """On PostgreSQL (CI, ``make test``) every word is checked against its own Snowball stemmer;
    on SQLite, which has none, against the table taken from it."""
    words = sorted(POSTGRES_STEMS) + ["innbyggerne", "hjemmetjenesten", "foredragsholdere", "kompetansen"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT w, (ts_lexize('norwegian_stem', w))[1] FROM unnest(%s::text[]) AS w", [words])
            expected = dict(cursor.fetchall())
    else:
        expected = {
            **POSTGRES_STEMS,
            "innbyggerne": "innbyggern",
            "hjemmetjenesten": "hjemmetjenest",
            "foredragsholdere": "foredragsholder",
            "kompetansen": "kompetans",
        }
    assert {word: stem(word) for word in words} == expected
