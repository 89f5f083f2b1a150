"""The award journey in a browser: someone nominates a colleague (errors first), the nominee is
told and opens their page, the jury declares and scores (engine services), the chair records
the decision in the admin, and the winner appears in the archive at the publish time.
axe-core finds no WCAG 2.1 A/AA violations on the public pages, including the form's errors."""

import datetime

import pytest
from django.utils import timezone

from conference.award.models import AwardRound, AwardWinner, Nomination
from conference.review import services as review_services
from tests.conference.registration.factories import t

from .conftest import admin_log_in, axe_violations

pytestmark = pytest.mark.usefixtures("wagtail_root_put_back")


def test_nominate_tell_judge_decide_and_publish(browser_page, demo_site, settings):
    settings.RATELIMIT_ENABLE = False
    page = browser_page
    page.goto("/prisen/2028/nominer/")
    page.get_by_role("button", name=t("Send the nomination")).click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert axe_violations(page) == []

    page.fill("#id_nominator_name", "Siri Kollega")
    page.fill("#id_nominator_email", "siri@example.invalid")
    page.select_option("#id_organisation", label="Universitetet i Bergen (UiB)")
    page.check("input[name=nominee_kind][value=person]")
    page.fill("#id_nominee_name", "Turid Nettverk")
    page.fill("#id_nominee_affiliation", "Bergen kommune")
    page.fill("#id_nominee_email", "turid@example.invalid")
    page.fill("#id_projects", "Kloke valg i hjemmetjenesten")
    page.fill("#id_justification", "Turid har ledet forskningen på kloke valg i hjemmetjenesten.")
    page.check("#id_nominee_knows")
    page.check("#id_may_contact")
    page.get_by_role("button", name=t("Send the nomination")).click()
    page.wait_for_url("**/prisen/nominasjon/**")
    nomination = Nomination.objects.get(nominee_email="turid@example.invalid")
    assert nomination.nominee_told_at is not None

    page.goto(f"/prisen/nominert/{nomination.nominee_token}/")
    assert page.get_by_text("Turid har ledet forskningen").is_visible()
    assert axe_violations(page) == []

    award_round = AwardRound.objects.get(edition__year=2028)
    members = list(award_round.review_round.panel.select_related("user").order_by("-is_chair", "pk"))
    chair = members[0]
    for member in members:
        review_services.declare(
            member, nomination.candidate, member == members[1], "Kollega." if member == members[1] else ""
        )
    for criterion in award_round.review_round.criteria.all():
        review_services.score(chair, nomination.candidate, criterion, 5)
    review_services.submit_scores(chair, nomination.candidate)

    chair.user.set_password("Jury-passord-2028!")
    chair.user.save()
    admin_log_in(page, chair.user.username, "Jury-passord-2028!")
    page.goto(f"/admin/award/jury/{award_round.pk}/decision/")
    page.check(f"input[name=winners][value='{nomination.candidate_id}']")
    page.fill("#id_justification", "Juryen er enig: et forbilde for kommunene.")
    page.check("input[name=method][value=consensus]")
    page.check(f"input[name=participants][value='{chair.pk}']")
    page.get_by_role("button", name=t("Record the decision")).click()
    page.wait_for_load_state()
    page.goto(f"/admin/award/jury/{award_round.pk}/confirm/")
    page.get_by_role("button", name=t("I confirm the decision as recorded")).click()
    page.wait_for_load_state()
    assert AwardWinner.objects.filter(name="Turid Nettverk").exists()

    archive = "/konferansen/forsknings-og-innovasjonsprisen/"
    page.goto(archive)
    assert page.get_by_text("Turid Nettverk").count() == 0  # secret until the ceremony
    AwardWinner.objects.filter(name="Turid Nettverk").update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    page.goto(archive)
    assert page.get_by_text("Juryen er enig: et forbilde for kommunene.").is_visible()
    assert axe_violations(page) == []
