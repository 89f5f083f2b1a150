"""A poster from call to gallery in a browser: a researcher sends it in with the keyboard only
(empty form, errors, receipt), a committee member signs in, declares no conflict and scores it
(empty, errors, submitted), the organiser accepts it and sends the decision e-mails, the
researcher follows the private link in the e-mail and uploads the final PDF, the organiser gives
board numbers, and the poster is in the edition's poster session with its number and in the
gallery. axe-core finds no WCAG 2.1 A/AA violations on the forms on the way."""

import datetime
import io
import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from wagtail.models import Site

from conference.posters.models import PosterCallPage, PosterSubmission, PosterTopic
from conference.programme.models import Session
from conference.review import services as review_services
from conference.review.models import Round
from home.models import HomePage
from tests.browser.conftest import admin_log_in, axe_violations
from tests.browser.test_posters_submit import tab_to, tab_to_button
from tests.conference.factories import SessionFactory
from tests.conference.registration.factories import ensure_wagtail_root, make_edition, t

PASSWORD = "et-langt-passord-for-plakater"
TITLE = "Trygg heim etter sjukehusopphald"


pytestmark = pytest.mark.usefixtures("wagtail_root_put_back")


@pytest.fixture
def call(transactional_db, settings, tmp_path, django_user_model):
    """The 2028 edition with an open poster call (two topics) and a poster session, a committee
    member and an organiser (who may decide on posters and manage review rounds)."""
    settings.RATELIMIT_ENABLE = False
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    root = ensure_wagtail_root()
    home = HomePage(title="Kunnskapskommunen", slug="kk-posters-journey", intro="Forskning i kommunene.")
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="KK")
    edition = make_edition(home, year=2028, title="Kunnskapskommunekonferansen 2028")
    now = timezone.now()
    call = PosterCallPage(
        title="Plakater 2028",
        slug="plakater",
        intro="Vis fram prosjektet ditt på konferansen.",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=30),
        final_upload_closes_at=now + datetime.timedelta(days=60),
    )
    edition.add_child(instance=call)
    for i, name in enumerate(("Helsefremmende arbeid", "Digitale tjenester")):
        PosterTopic.objects.create(page=call, name=name, sort_order=i)
    call.save_revision().publish()
    SessionFactory(
        edition=edition,
        kind=Session.Kind.POSTER,
        title="Plakatsesjon",
        start_time=datetime.time(12, 0),
        end_time=datetime.time(13, 0),
    )
    django_user_model.objects.create_user(
        "fagfelle", "fagfelle@example.no", PASSWORD, first_name="Nils", last_name="Fagfelle"
    )
    organiser = django_user_model.objects.create_user("arrangor", "arrangor@example.no", PASSWORD)
    organiser.user_permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
        Permission.objects.get(codename="manage_posters", content_type__app_label="posters"),
        Permission.objects.get(codename="manage_round", content_type__app_label="review"),
    )
    return PosterCallPage.objects.get(pk=call.pk)


def final_pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("Helvetica-Bold", 28)
    pdf.drawString(60, 760, TITLE)
    pdf.setFont("Helvetica", 14)
    pdf.drawString(60, 720, "Ingrid Haugland, Bergen kommune")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def settled_axe_violations(page) -> list:
    """axe's violations once the page has settled: the admin's messages fade in, and a colour
    measured halfway through that animation is not what anyone reads."""
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)"
        ".map(a => a.finished.catch(() => null)))"
    )
    return axe_violations(page)


def log_in(page, username):
    admin_log_in(page, username, PASSWORD)


def submit_with_the_keyboard(page, call):
    page.goto(call.url)
    assert settled_axe_violations(page) == []
    tab_to_button(page, t("Send in a poster"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/send-inn/")
    assert settled_axe_violations(page) == []  # the empty form

    tab_to_button(page, t("Send in"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert settled_axe_violations(page) == []  # the errors

    typed = {
        "id_contact_name": "Ingrid Haugland",
        "id_contact_email": "ingrid@example.no",
        "id_title": TITLE,
        "id_authors-0-name": "Ingrid Haugland",
        "id_authors-0-affiliation_other": "Bergen kommune",
        "id_background": "Mange eldre blir lagt inn igjen kort tid etter utskrivning.",
        "id_method": "Intervjuer med pasienter og ansatte.",
        "id_results": "Prosjektet pågår.",
        "id_relevance": "Kommunene kan bruke sjekklisten direkte.",
    }
    page.locator("#error-summary a").first.focus()
    for element_id, text in typed.items():
        tab_to(page, element_id)
        page.keyboard.type(text)
        if element_id == "id_authors-0-affiliation_other":
            tab_to(page, "id_authors-0-is_presenting")
            page.keyboard.press("Space")
    tab_to(page, "id_topic_0")
    page.keyboard.press("Space")
    tab_to(page, "id_consent_to_publish")
    page.keyboard.press("Space")
    tab_to_button(page, t("Send in"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/innsending/**")
    assert page.get_by_text(
        t("Thank you! Your poster has been submitted. We have sent a receipt by e-mail.")
    ).is_visible()
    assert settled_axe_violations(page) == []  # the receipt
    return PosterSubmission.objects.get(contact_email="ingrid@example.no", state="submitted")


def test_poster_from_keyboard_submission_to_programme_and_gallery(browser_page, call, django_user_model):
    page = browser_page
    submission = submit_with_the_keyboard(page, call)
    assert any(m.to == ["ingrid@example.no"] for m in mail.outbox)  # the receipt

    # The call closes; the committee's round (made on the first submission) opens for review.
    now = timezone.now()
    PosterCallPage.objects.filter(pk=call.pk).update(closes_at=now - datetime.timedelta(minutes=1))
    round = Round.objects.get(pk=submission.review_round_id)
    Round.objects.filter(pk=round.pk).update(
        declarations_open=now - datetime.timedelta(minutes=1),
        scoring_opens=now - datetime.timedelta(minutes=1),
        scoring_closes=now + datetime.timedelta(days=14),
    )
    review_services.add_member(round, django_user_model.objects.get(username="fagfelle"))
    criteria = list(round.criteria.all())
    assert criteria

    # The reviewer: the title only until they declare no conflict, then the poster and the scores.
    log_in(page, "fagfelle")
    page.goto(f"/admin/reviewing/{round.pk}/")
    card = page.locator(f"#item-{submission.pk}")
    assert card.get_by_text(TITLE).is_visible()
    assert card.get_by_text("Mange eldre blir lagt inn igjen").count() == 0
    card.locator(f"#id_item{submission.pk}_conflict_0").check()
    card.get_by_role("button", name=t("Declare")).click()
    page.wait_for_url(f"**/admin/reviewing/{round.pk}/items/{submission.pk}/")
    assert page.get_by_text(t("Declared: no conflict of interest. You can now read the item.")).is_visible()
    assert page.get_by_text("Mange eldre blir lagt inn igjen").first.is_visible()
    assert settled_axe_violations(page) == []  # the empty score form

    page.get_by_role("button", name=t("Submit review")).click()
    page.wait_for_load_state()
    assert page.get_by_text(t("Choose a score before you submit.")).first.is_visible()
    assert settled_axe_violations(page) == []  # the errors

    for criterion in criteria:
        page.check(f"input[name=score_{criterion.pk}][value='4']")
    page.fill(f"#id_comment_{criteria[0].pk}", "Tydelig nytte for kommunene.")
    page.get_by_role("button", name=t("Submit review")).click()
    page.wait_for_load_state()
    assert page.get_by_text(t("Your review is submitted. You can now see the others' scores.")).is_visible()
    assert page.get_by_text(t("You have submitted your review of this item.")).is_visible()
    assert settled_axe_violations(page) == []  # submitted

    # The organiser sees the ranked table, accepts the poster and sends the decisions.
    log_in(page, "arrangor")
    page.goto(f"/admin/poster-decisions/{call.pk}/")
    row = page.locator("tr", has_text=TITLE)
    assert row.get_by_text("4,00").is_visible()  # the weighted mean of one review, in bokmål
    row.get_by_role("link", name=re.compile(t("Decide"))).click()
    page.wait_for_url(f"**/admin/poster-decisions/{call.pk}/{submission.pk}/decide/")
    assert settled_axe_violations(page) == []
    page.check("input[name=decision][value=accepted]")
    page.fill("#id_note", "Godt arbeid. Husk stor skrift.")
    page.get_by_role("button", name=t("Save the decision")).click()
    page.wait_for_url(f"**/admin/poster-decisions/{call.pk}/")
    outbox_before = len(mail.outbox)
    page.get_by_role("button", name=t("Send all unsent decisions")).click()
    page.wait_for_load_state()
    assert page.get_by_text(
        t("%(count)s decision e-mail sent.", "%(count)s decision e-mails sent.", 1) % {"count": 1}
    ).is_visible()
    decision_mails = [m for m in mail.outbox[outbox_before:] if m.to == ["ingrid@example.no"]]
    assert len(decision_mails) == 1
    assert "Godt arbeid. Husk stor skrift." in decision_mails[0].body
    link = re.search(r"https?://\S+/innsending/\S+/", decision_mails[0].body).group(0)

    # The researcher follows the private link and uploads the final poster.
    page.context.clear_cookies()
    page.goto(urlparse(link).path)
    page.get_by_role("link", name=t("Upload the final poster (PDF)")).click()
    page.wait_for_url("**/plakat/")
    assert settled_axe_violations(page) == []  # the empty upload form
    page.set_input_files("#id_pdf", {"name": "plakat.pdf", "mimeType": "application/pdf", "buffer": b"Bare tekst."})
    page.get_by_role("button", name=t("Upload"), exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text(
        t("The file is not a real %(types)s file. Save or export it as %(types)s and try again.") % {"types": "PDF"}
    ).first.is_visible()
    assert settled_axe_violations(page) == []  # the refused file
    page.set_input_files("#id_pdf", {"name": "plakat.pdf", "mimeType": "application/pdf", "buffer": final_pdf()})
    page.get_by_role("button", name=t("Upload"), exact=True).click()
    page.wait_for_url("**/innsending/**")
    assert page.get_by_text(t("Thank you! We have received the final poster.")).is_visible()
    assert settled_axe_violations(page) == []
    submission.refresh_from_db()
    assert submission.final_pdf and submission.preview

    # The organiser gives the accepted posters board numbers.
    log_in(page, "arrangor")
    page.goto(f"/admin/poster-decisions/{call.pk}/board-numbers/")
    page.get_by_role("button", name=t("Assign board numbers automatically")).click()
    page.wait_for_load_state()
    assert page.locator(f"#id_board_{submission.pk}").input_value() == "1"
    assert settled_axe_violations(page) == []

    # Everyone sees the poster in the poster session of the programme and in the gallery.
    page.context.clear_cookies()
    edition = call.get_parent().specific
    page.goto(edition.programme_url())
    poster = page.locator(".session-extra--posters li", has_text=TITLE)
    assert poster.locator(".session-extra__label").inner_text() == "1."
    assert poster.get_by_text("(Ingrid Haugland)").is_visible()
    poster.get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/galleri/{submission.pk}/")
    assert page.locator("h1").inner_text().replace("\xad", "") == TITLE  # soft hyphens in long words
    page.goto(call.url + call.reverse_subpage("gallery"))
    assert page.get_by_role("link", name=TITLE).is_visible()
    assert settled_axe_violations(page) == []
