"""The award winners moved from ``editions`` to ``award`` without losing one: going back to the
old table and forward again keeps the 2019, 2020 and 2022 winners with their texts."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conference.registration.factories import ensure_wagtail_root

BEFORE = [("editions", "0003_year_per_locale_drop_unused_deadlines"), ("award", "0001_initial")]
AFTER = [("editions", "0004_delete_awardwinner"), ("award", "0002_copy_award_winners")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def _put_back_wagtail_root(django_db_blocker):
    # A transactional test ends with a flush, which removes the root page, collection and
    # locale that Wagtail's migrations made; later tests in a reused database need them.
    yield
    with django_db_blocker.unblock():
        # Going back to BEFORE also unapplied every later migration of these apps (and of apps
        # depending on them); the tests after this one need the whole schema again.
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        ensure_wagtail_root()


@pytest.mark.django_db(transaction=True)
def test_the_old_winners_survive_the_move(_put_back_wagtail_root, home_page):
    old_apps = migrate(BEFORE)
    try:
        Page = old_apps.get_model("wagtailcore", "Page")
        Edition = old_apps.get_model("editions", "ConferenceEditionPage")
        OldWinner = old_apps.get_model("editions", "AwardWinner")
        ContentType = old_apps.get_model("contenttypes", "ContentType")
        content_type, _ = ContentType.objects.get_or_create(app_label="editions", model="conferenceeditionpage")
        home = Page.objects.get(pk=home_page.pk)
        facts = [
            (2019, "Forskningsmiljøene GAMUT og POLYFON", ""),
            (2020, "Lars Thore Fadnes", "INTRO-HCV"),
            (2022, "Birgitte Graverholt", "IMPAKT"),
        ]
        for i, (year, name, project) in enumerate(facts):
            edition = Edition.objects.create(
                title=f"Konferansen {year}",
                slug=str(year),
                path=f"{home.path}{i + 1:04d}",
                depth=home.depth + 1,
                content_type=content_type,
                locale_id=home.locale_id,
                year=year,
                start_date=datetime.date(year, 6, 12),
            )
            OldWinner.objects.create(edition=edition, name=name, project=project, citation=f"Begrunnelse {year}.")
    finally:
        new_apps = migrate(AFTER)
    Winner = new_apps.get_model("award", "AwardWinner")
    moved = sorted(Winner.objects.values_list("edition__year", "name", "project", "citation"))
    assert moved == [
        (2019, "Forskningsmiljøene GAMUT og POLYFON", "", "Begrunnelse 2019."),
        (2020, "Lars Thore Fadnes", "INTRO-HCV", "Begrunnelse 2020."),
        (2022, "Birgitte Graverholt", "IMPAKT", "Begrunnelse 2022."),
    ]
    assert all(w.publish_at.year == w.edition.year for w in Winner.objects.select_related("edition"))
