"""Move the award winners from ``editions.AwardWinner`` (an inline of the edition page) to
``award.AwardWinner``: every row is copied with its order; the winners of past editions are
published from noon on the day of their conference. ``editions`` 0004 then drops the old table.
Reversible: going back copies the rows the other way."""

import datetime

from django.db import migrations
from django.utils import timezone


def published_from(edition):
    return timezone.make_aware(datetime.datetime.combine(edition.start_date, datetime.time(12, 0)))


def forwards(apps, schema_editor):
    Old = apps.get_model("editions", "AwardWinner")
    New = apps.get_model("award", "AwardWinner")
    for old in Old.objects.select_related("edition").order_by("pk"):
        New.objects.create(
            edition_id=old.edition_id,
            name=old.name,
            project=old.project,
            organisation=old.organisation,
            citation=old.citation,
            sort_order=old.sort_order or 0,
            publish_at=published_from(old.edition),
        )


def backwards(apps, schema_editor):
    Old = apps.get_model("editions", "AwardWinner")
    New = apps.get_model("award", "AwardWinner")
    for new in New.objects.order_by("pk"):
        Old.objects.create(
            edition_id=new.edition_id,
            name=new.name,
            project=new.project,
            organisation=new.organisation,
            citation=new.citation,
            sort_order=new.sort_order,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("award", "0001_initial"),
        ("editions", "0003_year_per_locale_drop_unused_deadlines"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
