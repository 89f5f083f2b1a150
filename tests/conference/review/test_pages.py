"""The engine's admin pages, driven through HTTP with posters as the real feature: every
visibility rule holds on every URL (a recused member, a member of another round and a stranger
get 404), the score form refuses bad input, scores stay hidden until one's own are submitted,
the ranking leaves recused members out, and lists keep a flat number of queries."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.core.text import slugify_nb
from conference.posters.models import PosterAuthor, PosterCallPage, PosterSubmission
from conference.review import services
from conference.review.models import PanelMember, ReviewLogEntry, Score
from tests.cms.network.factories import InstitutionFactory

from .conftest import make_round, make_user

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def organiser(organiser):
    """The conftest's organiser, with admin access as the Arrangør group gives it."""
    organiser.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return type(organiser).objects.get(pk=organiser.pk)


@pytest.fixture
def call(edition, round):
    now = timezone.now()
    page = PosterCallPage(
        title="Plakater",
        slug="plakater",
        opens_at=now - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(days=3),
        review_round=round,
    )
    edition.add_child(instance=page)
    return page


def make_poster(call, round, title="Hverdagsrehabilitering i Askøy", **kwargs):
    values = {
        "call": call,
        "review_round": round,
        "state": "submitted",
        "submitted_at": timezone.now() - datetime.timedelta(days=5),
        "contact_name": "Siri Forsker",
        "contact_email": "siri@example.no",
        "title": title,
        "background": "Bakgrunnen for prosjektet er hemmelig før erklæring.",
        "method": "Intervjuer med tjenesteytere.",
        "results": "Foreløpige funn.",
        "relevance": "Nyttig for kommunene.",
    }
    values.update(kwargs)
    poster = PosterSubmission.objects.create(**values)
    PosterAuthor.objects.create(submission=poster, name="Siri Forsker", email="siri@example.no", is_presenting=True)
    return poster


@pytest.fixture
def poster(call, round):
    return make_poster(call, round)


def login(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def item_url(name, poster):
    return reverse(f"review_admin:{name}", args=[poster.review_round_id, poster.pk])


def round_url(name, round, *args):
    return reverse(f"review_admin:{name}", args=[round.pk, *args])


def score_data(criteria, values, action="save", comments=None):
    data = {"action": action}
    for index, (criterion, value) in enumerate(zip(criteria, values, strict=True)):
        if value is not None:
            data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = (comments or {}).get(index, "")
    return data


def review(member, poster, values, criteria):
    services.declare(member, poster, conflict=False)
    for criterion, value in zip(criteria, values, strict=True):
        services.score(member, poster, criterion, value, comment=f"Kommentar fra {member.user.first_name}")
    services.submit_scores(member, poster)


# --- Getting in -------------------------------------------------------------------------------


def test_a_panel_member_reaches_the_admin_with_only_the_review_menu(client, round, member):
    login(client, member.user)
    home = client.get(reverse("wagtailadmin_home"))
    assert home.status_code == 200
    assert reverse("review_admin:index") in home.content.decode()
    assert round_url("round", round) in home.content.decode()  # "Your review rounds" on the home page
    rounds = client.get(reverse("review_admin:index"))
    assert rounds.status_code == 200
    assert "Posterkomiteen" in rounds.content.decode()
    for forbidden in ("wagtailadmin_explore_root", "review_rounds:index", "wagtailusers_users:index"):
        assert client.get(reverse(forbidden)).status_code in (302, 403), forbidden


def test_a_member_of_another_round_gets_404_on_every_url_of_this_round(client, round, poster, edition, now):
    other = make_round(edition, now, title="Juryen")
    outsider = services.add_member(other, make_user("jurymedlem")).user
    login(client, outsider)
    rounds = client.get(reverse("review_admin:index")).content.decode()
    assert "Juryen" in rounds and "Posterkomiteen" not in rounds
    for name in ("round", "ranking", "declarations", "log", "panel"):
        assert client.get(round_url(name, round)).status_code == 404, name
    assert client.get(round_url("ranking_export", round, "csv")).status_code == 404
    for name in ("item", "declare"):
        assert client.get(item_url(name, poster)).status_code == 404, name


def test_an_editor_who_is_on_no_panel_has_no_review_menu_and_an_empty_list(client, round, poster):
    editor = make_user("redaktor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, editor)
    assert reverse("review_admin:index") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Du er ikke med i noe vurderingspanel." in client.get(reverse("review_admin:index")).content.decode()
    assert client.get(round_url("round", round)).status_code == 404
    assert client.get(item_url("item", poster)).status_code == 404


def test_signed_out_visitors_are_sent_to_the_login(client, round, poster):
    response = client.get(item_url("item", poster))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]


def test_an_organiser_sees_every_round(client, round, organiser, edition, now):
    make_round(edition, now, title="Juryen", kind="award")
    login(client, organiser)
    page = client.get(reverse("review_admin:index")).content.decode()
    assert "Posterkomiteen" in page and "Juryen" in page


# --- Declaring --------------------------------------------------------------------------------


def test_before_declaring_a_member_sees_only_the_title_and_likely_conflicts(client, round, member, poster):
    institution = InstitutionFactory(name="Høgskulen på Vestlandet")
    PanelMember.objects.filter(pk=member.pk).update(institution=institution)
    poster.authors.update(institution=institution)
    login(client, member.user)
    page = client.get(round_url("round", round)).content.decode()
    assert poster.title in page
    assert "hemmelig før erklæring" not in page
    assert "Du arbeider ved samme institusjon som noen som står bak dette bidraget." in page
    assert client.get(item_url("item", poster)).status_code == 404


def test_declaring_no_conflict_opens_the_item_with_the_score_form(client, round, member, poster, criteria):
    login(client, member.user)
    response = client.post(item_url("declare", poster), {"conflict": "none"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == item_url("item", poster)
    assert "hemmelig før erklæring" in page
    assert f'name="score_{criteria[0].pk}"' in page and 'value="submit"' in page


def test_a_conflict_without_a_reason_is_refused_with_the_input_kept(client, round, member, poster):
    login(client, member.user)
    response = client.post(item_url("declare", poster), {"conflict": "conflict", "reason": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in page and "Beskriv interessekonflikten kort." in page
    assert 'value="conflict" ' in page and "checked" in page.split('value="conflict"')[1][:40]
    assert not ReviewLogEntry.objects.filter(action="declared").exists()


def test_a_conflict_with_a_reason_recuses_and_is_in_the_chairs_log(client, round, chair, member, poster):
    login(client, member.user)
    client.post(item_url("declare", poster), {"conflict": "conflict", "reason": "Samboer er medforfatter"})
    page = client.get(round_url("round", round)).content.decode()
    assert "Interessekonflikt er erklært" in page
    login(client, chair.user)
    log = client.get(round_url("declarations", round)).content.decode()
    assert "Samboer er medforfatter" in log and poster.title in log


def test_declaring_no_conflict_for_several_items_at_once_leaves_out_flagged_items(client, round, call, member):
    institution = InstitutionFactory(name="Høgskulen på Vestlandet")
    PanelMember.objects.filter(pk=member.pk).update(institution=institution)
    first, second, flagged = (make_poster(call, round, title=f"Plakat {n}") for n in range(3))
    flagged.authors.update(institution=institution)
    login(client, member.user)
    page = client.get(round_url("round", round)).content.decode()
    bulk = page.split('action="' + round_url("declare_many", round))[1].split("</form>")[0]
    assert "Plakat 0" in bulk and "Plakat 1" in bulk and "Plakat 2" not in bulk
    refused = client.post(round_url("declare_many", round), {"items": [first.pk, flagged.pk]}, follow=True)
    assert "Velg et gyldig valg" in refused.content.decode()
    assert not ReviewLogEntry.objects.filter(action="declared").exists()
    response = client.post(round_url("declare_many", round), {"items": [first.pk, second.pk]}, follow=True)
    assert "Erklærte ingen interessekonflikt for 2 bidrag." in response.content.decode()
    declared = set(member.declarations.values_list("item_id", "has_conflict"))
    assert declared == {(first.pk, False), (second.pk, False)}


def test_only_panel_members_declare_several_at_once(client, round, organiser, poster):
    login(client, organiser)
    assert client.post(round_url("declare_many", round), {"items": [poster.pk]}).status_code == 404


# --- A recused member gets 404 everywhere -------------------------------------------------------


def test_a_recused_member_gets_404_on_every_url_of_the_item(client, round, criteria, member, poster):
    services.declare(member, poster, conflict=True, reason="Nabo av forfatteren")
    login(client, member.user)
    assert client.get(item_url("item", poster)).status_code == 404
    assert client.post(item_url("item", poster), score_data(criteria, [5, 5], "submit")).status_code == 404
    assert client.get(round_url("ranking", round)).status_code == 404
    assert client.get(round_url("ranking_export", round, "csv")).status_code == 404
    assert client.get(round_url("ranking_export", round, "xlsx")).status_code == 404
    assert client.get(round_url("declarations", round)).status_code == 404
    assert not Score.objects.exists()
    assert "hemmelig før erklæring" not in client.get(round_url("round", round)).content.decode()


def test_a_recused_chair_does_not_see_or_export_that_item_in_the_ranking(
    client, round, criteria, chair, member, other_member, call, poster
):
    other = make_poster(call, round, title="Velferdsteknologi i Bergen")
    services.declare(chair, poster, conflict=True, reason="Veileder for førsteforfatter")
    review(chair, other, [4, 4], criteria)
    review(member, poster, [5, 5], criteria)
    review(member, other, [2, 2], criteria)
    login(client, chair.user)
    page = client.get(round_url("ranking", round)).content.decode()
    assert "Velferdsteknologi i Bergen" in page and poster.title not in page
    assert "1 bidrag vises ikke" in page
    export = client.get(round_url("ranking_export", round, "csv"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["Velferdsteknologi i Bergen"]
    assert rows[1][2] == "3,0"  # chair 4 and member 2
    assert export.content.startswith("\ufeff".encode())
    # A bokmål file name: the round's title as an ASCII slug (æøå spelt out) and the edition's year.
    expected = f"rangering-{slugify_nb(round.title)}-{round.edition.year}.csv"
    assert export["Content-Disposition"] == f'attachment; filename="{expected}"'


# --- Scores -----------------------------------------------------------------------------------


@pytest.fixture
def declared(member, poster):
    services.declare(member, poster, conflict=False)
    return member


def test_saving_keeps_scores_and_submitting_makes_them_read_only(client, declared, poster, criteria):
    login(client, declared.user)
    response = client.post(item_url("item", poster), score_data(criteria, [4, None], comments={0: "Sterk relevans"}))
    assert response.status_code == 302
    assert Score.objects.get(criterion=criteria[0]).comment == "Sterk relevans"
    response = client.post(item_url("item", poster), score_data(criteria, [4, 3], "submit"), follow=True)
    page = response.content.decode()
    assert "Du har levert vurderingen din av dette bidraget." in page
    assert 'value="submit"' not in page
    assert sorted(Score.objects.values_list("value", flat=True)) == [3, 4]


def test_a_score_outside_the_scale_is_refused_and_nothing_is_saved(client, declared, poster, criteria):
    login(client, declared.user)
    response = client.post(item_url("item", poster), score_data(criteria, [9, 3], comments={1: "Behold meg"}))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Velg poeng fra 1 til 5." in page
    assert f'href="#id_score_{criteria[0].pk}_0"' in page
    assert "Behold meg" in page
    assert not Score.objects.exists()


def test_nonsense_input_is_a_form_error_not_a_crash(client, declared, poster, criteria):
    login(client, declared.user)
    data = {"action": "submit", f"score_{criteria[0].pk}": "abc\x00", f"score_{criteria[1].pk}": "-1"}
    assert client.post(item_url("item", poster), data).status_code == 400
    assert client.get(reverse("review_admin:item", args=[poster.review_round_id, 999999])).status_code == 404


def test_submitting_without_every_criterion_is_refused_per_field(client, declared, poster, criteria):
    login(client, declared.user)
    response = client.post(item_url("item", poster), score_data(criteria, [4, None], "submit"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Velg poeng før du leverer." in page
    assert f'href="#id_score_{criteria[1].pk}_0"' in page
    assert not Score.objects.exists()  # one transaction: nothing of the refused form is kept


def test_submitting_twice_is_refused_and_changes_nothing(client, declared, poster, criteria):
    login(client, declared.user)
    client.post(item_url("item", poster), score_data(criteria, [4, 3], "submit"))
    response = client.post(item_url("item", poster), score_data(criteria, [1, 1], "submit"))
    assert response.status_code == 400
    assert "Du har allerede levert vurderingen din av dette bidraget." in response.content.decode()
    assert sorted(Score.objects.values_list("value", flat=True)) == [3, 4]
    assert ReviewLogEntry.objects.filter(action="submitted").count() == 1


def test_others_scores_are_hidden_until_the_member_submits(client, declared, other_member, poster, criteria):
    review(other_member, poster, [2, 5], criteria)
    login(client, declared.user)
    page = client.get(item_url("item", poster)).content.decode()
    assert "Kommentar fra Per" not in page
    assert "De andres poeng vises når du har levert din egen vurdering." in page
    client.post(item_url("item", poster), score_data(criteria, [4, 3], "submit"))
    page = client.get(item_url("item", poster)).content.decode()
    assert "Kommentar fra Per" in page


def test_an_organiser_reads_the_item_and_all_scores_but_cannot_score(client, organiser, member, poster, criteria):
    review(member, poster, [3, 3], criteria)
    login(client, organiser)
    page = client.get(item_url("item", poster)).content.decode()
    assert "hemmelig før erklæring" in page and "Kommentar fra Ola" in page
    assert client.post(item_url("item", poster), score_data(criteria, [5, 5], "submit")).status_code == 404


def test_blind_review_hides_the_authors_on_the_item_page(client, round, declared, poster):
    round.blind_review = True
    round.save()
    login(client, declared.user)
    page = client.get(item_url("item", poster)).content.decode()
    assert "hemmelig før erklæring" in page and "Siri Forsker" not in page


# --- Ranking, progress, exports -----------------------------------------------------------------


def test_the_ranking_page_leaves_a_recused_member_out_of_the_mean(
    client, round, criteria, organiser, chair, member, other_member, poster
):
    review(chair, poster, [4, 4], criteria)
    review(member, poster, [2, 2], criteria)
    review(other_member, poster, [1, 1], criteria)
    services.declare(other_member, poster, conflict=True, reason="Oppdaget sent at jeg er medforfatter")
    login(client, organiser)
    response = client.get(round_url("ranking", round))
    [row] = response.context["ranked"]
    assert (row.mean, row.reviews, row.recused) == (3.0, 2, 1)
    page = response.content.decode()
    assert "3,00" in page
    assert "Fremdrift per panelmedlem" in page


def test_a_member_who_is_not_chair_cannot_see_the_ranking_or_export(client, round, member, poster):
    login(client, member.user)
    assert client.get(round_url("ranking", round)).status_code == 404
    assert client.get(round_url("ranking_export", round, "xlsx")).status_code == 404
    assert client.get(round_url("log", round)).status_code == 404
    assert client.get(round_url("panel", round)).status_code == 404


def test_the_chair_sees_an_items_place_only_after_submitting_their_own_review(
    client, round, criteria, chair, member, poster
):
    review(member, poster, [5, 5], criteria)
    login(client, chair.user)
    assert client.get(round_url("ranking", round)).context["ranked"] == []
    review(chair, poster, [3, 3], criteria)
    [row] = client.get(round_url("ranking", round)).context["ranked"]
    assert row.mean == 4.0


def test_the_xlsx_export_is_a_spreadsheet(client, round, criteria, organiser, member, poster):
    review(member, poster, [5, 4], criteria)
    login(client, organiser)
    response = client.get(round_url("ranking_export", round, "xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(round_url("ranking_export", round, "pdf")).status_code == 404


def test_the_audit_trail_is_for_organisers_and_shows_every_action(client, round, criteria, organiser, chair, poster):
    review(chair, poster, [4, 4], criteria)
    login(client, chair.user)
    assert client.get(round_url("log", round)).status_code == 404
    login(client, organiser)
    page = client.get(round_url("log", round)).content.decode()
    assert "Vurdering levert" in page and "Relevans" in page


# --- Panel management ---------------------------------------------------------------------------


def test_an_organiser_invites_a_member_by_email(client, round, organiser, django_capture_on_commit_callbacks):
    login(client, organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            round_url("panel", round),
            {"action": "invite", "invite-email": "Nora@example.no", "invite-first_name": "Nora"},
        )
    assert response.status_code == 302
    member = PanelMember.objects.get(user__email="Nora@example.no")
    assert not member.user.is_active
    [message] = mail.outbox
    assert message.to == ["Nora@example.no"]
    page = client.get(round_url("panel", round)).content.decode()
    assert "Invitert, har ikke valgt passord ennå" in page


def test_inviting_a_bad_address_is_refused_with_an_error_summary(client, round, organiser):
    login(client, organiser)
    response = client.post(round_url("panel", round), {"action": "invite", "invite-email": "ikke-en-adresse"})
    assert response.status_code == 400
    assert 'href="#id_invite-email"' in response.content.decode()
    assert not PanelMember.objects.exists()


def test_an_organiser_adds_an_existing_user_and_sets_the_chair(client, round, organiser, chair):
    user = make_user("berit")
    login(client, organiser)
    client.post(round_url("panel", round), {"action": "add", "add-user": user.pk})
    member = PanelMember.objects.get(user=user)
    client.post(round_url("panel", round), {"action": "chair", "chair-member": member.pk})
    member.refresh_from_db()
    chair.refresh_from_db()
    assert member.is_chair and not chair.is_chair
    assert ReviewLogEntry.objects.filter(action="panel", to_state="chair", member=member, actor=organiser).exists()


def test_the_chair_cannot_manage_the_panel(client, round, chair):
    login(client, chair.user)
    response = client.post(round_url("panel", round), {"action": "invite", "invite-email": "x@example.no"})
    assert response.status_code == 404
    assert PanelMember.objects.count() == 1


# --- Query counts ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "organiser"])
def test_the_round_page_queries_stay_flat_as_items_grow(
    client, round, call, member, organiser, django_assert_max_num_queries, who
):
    user = member.user if who == "member" else organiser
    login(client, user)
    for n in range(3):
        services.declare(member, make_poster(call, round, title=f"Plakat {n}"), conflict=False)
    with django_assert_max_num_queries(40) as few:
        client.get(round_url("round", round))
    for n in range(12):
        make_poster(call, round, title=f"Ny plakat {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(round_url("round", round))
    assert response.content.decode().count('class="kk-review-card"') == 15


def test_my_rounds_and_the_ranking_stay_flat_as_items_grow(
    client, round, call, criteria, chair, django_assert_max_num_queries
):
    login(client, chair.user)
    review(chair, make_poster(call, round, title="Første"), [3, 3], criteria)
    urls = [reverse("review_admin:index"), round_url("ranking", round)]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for n in range(10):
        review(chair, make_poster(call, round, title=f"Plakat {n}"), [4, 2], criteria)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)


# --- Demo ----------------------------------------------------------------------------------------


def test_the_demo_fills_an_empty_panel_once_with_a_conflict_and_some_reviews(round, call, criteria):
    from conference.review import demo

    posters = [make_poster(call, round, title=f"Plakat {n}") for n in range(4)]
    assert demo.fill_panel(round)
    assert not demo.fill_panel(round)  # a round with a panel is left alone
    assert round.panel.count() == 3 and round.panel.filter(is_chair=True).count() == 1
    assert ReviewLogEntry.objects.filter(action="declared", to_state="conflict", note=demo.CONFLICT_REASON).exists()
    ranked = services.ranking(round, posters)
    assert any(r.reviews for r in ranked) and any(r.recused for r in ranked)
