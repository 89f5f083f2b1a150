"""The site's search backend: Wagtail's database backend, with Norwegian word forms on SQLite too.

On PostgreSQL the database backend stems with the ``norwegian`` text-search configuration (see
``WAGTAILSEARCH_BACKENDS``). SQLite's full-text index (FTS5) knows no Norwegian, so there each
query word is reduced to its Snowball stem, the one PostgreSQL would use, and matched as a
prefix: "prioriteringer" looks for ``prioritering*`` and finds "prioritering", "prioriteringer"
and "prioriteringene"; "forskningen" finds "forskning" and "forskningsprosjekt". The index itself
stays Wagtail's own, so nothing needs rebuilding when the database changes.

Ranking on SQLite is FTS5's BM25 with a match in the title counting more than one in the body.
(Wagtail multiplies the whole row's BM25 by the title's shortness instead, which put the
short-titled "Kontakt" and "Om oss" first for "forskning", where the word is only in the body.)
"""

from django.db import connection
from django.db.models import FloatField, Func
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import PlainText

from search.stemming import stems


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):  # not the fallback used without FTS5
            backend.query_compiler_class = _stemming_compiler()
    return backend


# FTS5 column weights, in the order of Wagtail's FTS table: autocomplete, body, title.
COLUMN_WEIGHTS = (0.0, 1.0, 4.0)


class WeightedBM25(Func):
    """``bm25(<fts table>, …)`` with per-column weights; lower (more negative) is better."""

    output_field = FloatField()

    def __init__(self, table: str):
        super().__init__()
        self.table = table

    def as_sql(self, compiler, connection, **extra):
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        return f"bm25({self.table}, {weights})", []


def _stemming_compiler():
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry, SQLiteSearchQueryCompiler

    class NorwegianSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            return WeightedBM25(SQLiteFTSIndexEntry._meta.db_table)

        def build_search_query_content(self, query, config=None):
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            words = stems(query.query_string)
            if not words:  # only punctuation: let Wagtail quote it as it always has
                return super().build_search_query_content(query, config=config)
            lexemes = Lexeme(words[0], prefix=True)
            for word in words[1:]:
                lexeme = Lexeme(word, prefix=True)
                lexemes = lexemes & lexeme if query.operator.upper() == "AND" else lexemes | lexeme
            return SearchQueryExpression(lexemes, config=config)

    return NorwegianSQLiteQueryCompiler
