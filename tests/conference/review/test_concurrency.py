"""Two requests of the same member at once (a double click, two tabs) meet at the member's row
lock on PostgreSQL: one declaration and one score row, never an IntegrityError."""

import threading

import pytest
from django.db import connection

from conference.review import services
from conference.review.models import ConflictDeclaration, ReviewLogEntry, Score

pytestmark = pytest.mark.django_db(transaction=True)


def run_twice(fn):
    errors = []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            fn()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_simultaneous_first_declaration_and_score_make_one_row_each(member, item, criteria):
    assert run_twice(lambda: services.declare(member, item, conflict=False)) == []
    assert ConflictDeclaration.objects.count() == 1
    assert ReviewLogEntry.objects.filter(action="declared").count() == 1
    assert run_twice(lambda: services.score(member, item, criteria[0], 4)) == []
    assert Score.objects.count() == 1
    assert ReviewLogEntry.objects.filter(action="scored").count() == 1
