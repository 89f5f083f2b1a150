import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.core.models import StandardPage
from cms.network.models import Body, Membership, Municipality, NetworkPage, add_two_years, network_snapshot
from tests.cms.network.factories import (
    BodyFactory,
    InstitutionFactory,
    MembershipFactory,
    MembershipPeriodFactory,
    MunicipalityFactory,
    PersonFactory,
)
from tests.conftest import MODEL_BACKEND

D = datetime.date


@pytest.fixture
def network_page(home_page):
    about = StandardPage(title="Om oss", slug="om-oss")
    home_page.add_child(instance=about)
    about.save_revision().publish()
    page = NetworkPage(title="Nettverket", slug="nettverket")
    about.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_overlapping_terms_of_the_same_person_in_the_same_body_are_refused(db):
    first = MembershipFactory(term_start=D(2024, 1, 1), term_end=D(2025, 12, 31))
    second = Membership(person=first.person, body=first.body, term_start=D(2025, 6, 1), term_end=D(2027, 5, 31))
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "har allerede en periode" in str(error.value)
    assert "01.01.2024" in str(error.value)


def test_following_term_and_other_bodies_are_allowed(db):
    first = MembershipFactory(term_start=D(2024, 1, 1), term_end=D(2025, 12, 31))
    following = Membership(person=first.person, body=first.body, term_start=D(2026, 1, 1))
    elsewhere = Membership(person=first.person, body=BodyFactory(), term_start=D(2024, 6, 1))
    for membership in (following, elsewhere):
        membership.full_clean()  # raises ValidationError if refused
        membership.save()
    assert Membership.objects.filter(person=first.person).count() == 3


def test_term_cannot_end_before_it_starts(db):
    membership = Membership(
        person=PersonFactory(), body=BodyFactory(), term_start=D(2025, 1, 1), term_end=D(2024, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "term_end" in error.value.message_dict


def test_an_empty_term_end_becomes_a_two_year_term(db):
    membership = MembershipFactory(term_start=D(2025, 1, 1), term_end=None)
    assert membership.term_end == D(2026, 12, 31)
    assert add_two_years(D(2024, 2, 29)) == D(2026, 2, 28)


def test_merger_needs_a_date_and_a_successor(db):
    alver = MunicipalityFactory(name="Alver")
    lindas = Municipality(name="Lindås", slug="lindas", merged_into=alver)
    with pytest.raises(ValidationError) as error:
        lindas.full_clean()
    assert "merged_on" in error.value.message_dict


def test_snapshot_shows_who_was_a_member_on_a_past_date(db):
    alver = MunicipalityFactory(name="Alver")
    lindas = MunicipalityFactory(name="Lindås", merged_into=alver, merged_on=D(2020, 1, 1))
    MembershipPeriodFactory(municipality=lindas, start_date=D(2017, 1, 1), end_date=D(2019, 12, 31))
    MembershipPeriodFactory(municipality=alver, start_date=D(2020, 1, 1))
    body = BodyFactory(name="Styringsgruppen")
    old = MembershipFactory(body=body, term_start=D(2018, 1, 1), term_end=D(2019, 12, 31))
    new = MembershipFactory(body=body, term_start=D(2024, 1, 1), term_end=D(2025, 12, 31))

    then = network_snapshot(D(2018, 6, 1))
    now = network_snapshot(D(2024, 6, 1))

    assert [m.name for m in then["municipalities"]] == ["Lindås"]
    assert [m.name for m in now["municipalities"]] == ["Alver"]
    assert dict(then["bodies"])[body] == [old]
    assert dict(now["bodies"])[body] == [new]


def test_network_page_lists_members_on_a_chosen_date(client, network_page):
    body = BodyFactory(name="Kommunegruppen")
    MembershipFactory(
        body=body, person=PersonFactory(name="Anne Tidligere"), term_start=D(2018, 1, 1), term_end=D(2019, 12, 31)
    )
    MembershipFactory(
        body=body, person=PersonFactory(name="Kari Nåværende"), term_start=D(2024, 1, 1), term_end=D(2099, 12, 31)
    )
    InstitutionFactory(name="Universitetet i Bergen")
    alver = MunicipalityFactory(name="Alver")
    MembershipPeriodFactory(municipality=alver, start_date=D(2020, 1, 1))
    MunicipalityFactory(name="Lindås", merged_into=alver, merged_on=D(2020, 1, 1))

    today = client.get(network_page.url).content.decode()
    past = client.get(network_page.url + "?dato=2018-06-01").content.decode()

    assert "Kari Nåværende" in today and "Anne Tidligere" not in today
    assert "Alver" in today and "Lindås" in today  # "formed from Lindås"
    assert "Universitetet i Bergen" in today
    assert "Anne Tidligere" in past and "Kari Nåværende" not in past
    assert 'datetime="2018-06-01"' in past


@pytest.mark.parametrize("value", ["banan", "2024-13-45", "0000-01-01", "1850-01-01", "9" * 300])
def test_odd_dates_on_the_network_page_give_a_helpful_message(client, network_page, value):
    response = client.get(network_page.url, {"dato": value})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_network_page_queries_do_not_grow_with_members(client, network_page, django_assert_max_num_queries):
    for _ in range(3):
        MembershipFactory(term_end=D(2099, 1, 1))
    client.get(network_page.url)
    # 21: the FoU-contacts section (issue 11) is one query for all municipalities.
    with django_assert_max_num_queries(21):
        client.get(network_page.url)
    for _ in range(30):
        MembershipFactory(term_end=D(2099, 1, 1))
        MembershipPeriodFactory(municipality=MunicipalityFactory())
    with django_assert_max_num_queries(21):
        client.get(network_page.url)


# The admin ----------------------------------------------------------------------------------


def test_editor_creates_a_body_and_a_membership_through_the_snippet_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_network_body:add"),
        {"name": "Faggruppen", "slug": "faggruppen", "kind": "expert_group", "description": "Råd.", "sort_order": 3},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    body = Body.objects.get(slug="faggruppen")
    assert body.latest_revision is not None  # revisions are kept
    person = PersonFactory()
    response = admin_client.post(
        reverse("wagtailsnippets_network_membership:add"),
        {
            "person": person.pk,
            "body": body.pk,
            "role": "member",
            "represents": "",
            "term_start": "2025-01-01",
            "term_end": "",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.get(person=person).term_end == D(2026, 12, 31)


def test_snippet_admin_shows_the_overlap_error_to_the_editor(admin_client):
    first = MembershipFactory(term_start=D(2024, 1, 1), term_end=D(2025, 12, 31))
    response = admin_client.post(
        reverse("wagtailsnippets_network_membership:add"),
        {
            "person": first.person.pk,
            "body": first.body.pk,
            "role": "member",
            "represents": "",
            "term_start": "2025-01-01",
            "term_end": "2026-12-31",
        },
    )
    assert response.status_code == 200
    assert "har allerede en periode" in response.content.decode()
    assert Membership.objects.count() == 1


def test_editor_creates_a_municipality_with_a_membership_period(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_network_municipality:add"),
        {
            "name": "Vaksdal",
            "slug": "vaksdal",
            "number": "4628",
            "website": "",
            "merged_into": "",
            "merged_on": "",
            "membership_periods-TOTAL_FORMS": "1",
            "membership_periods-INITIAL_FORMS": "0",
            "membership_periods-MIN_NUM_FORMS": "0",
            "membership_periods-MAX_NUM_FORMS": "1000",
            "membership_periods-0-start_date": "2017-01-01",
            "membership_periods-0-end_date": "",
            "membership_periods-0-note": "",
            "membership_periods-0-id": "",
            "membership_periods-0-DELETE": "",
        },
    )
    assert response.status_code == 302
    assert Municipality.objects.get(slug="vaksdal").is_member_on(D(2024, 1, 1))


def test_membership_listing_exports_csv(admin_client):
    MembershipFactory(person=PersonFactory(name="Kari Eksport"))
    response = admin_client.get(reverse("wagtailsnippets_network_membership:list"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "Kari Eksport" in b"".join(response.streaming_content).decode("utf-8")


def test_membership_listing_filters_by_body(admin_client):
    wanted = MembershipFactory(person=PersonFactory(name="I gruppen"))
    MembershipFactory(person=PersonFactory(name="Utenfor"))
    response = admin_client.get(reverse("wagtailsnippets_network_membership:list"), {"body": wanted.body.pk})
    content = response.content.decode()
    assert "I gruppen" in content and "Utenfor" not in content


def test_anonymous_visitors_cannot_reach_the_network_admin(client, db):
    response = client.get(reverse("wagtailsnippets_network_membership:list"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_user_without_network_permission_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("leser", password="passord-som-er-langt")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user, backend=MODEL_BACKEND)
    response = client.get(reverse("wagtailsnippets_network_membership:list"))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "login" not in response.get("Location", "login")


def test_editorial_groups_get_network_permissions(db):
    editor = Group.objects.get(name="Redaktør")
    publisher = Group.objects.get(name="Publisist")
    editor_codes = set(editor.permissions.filter(content_type__app_label="network").values_list("codename", flat=True))
    assert {"add_membership", "change_membership", "view_membership"} <= editor_codes
    assert "delete_membership" not in editor_codes
    assert publisher.permissions.filter(codename="delete_membership").exists()


def test_editor_in_redaktor_group_can_list_memberships(client, django_user_model):
    user = django_user_model.objects.create_user("redaktor2", password="passord-som-er-langt")
    user.groups.add(Group.objects.get(name="Redaktør"))
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user, backend=MODEL_BACKEND)
    assert client.get(reverse("wagtailsnippets_network_membership:list")).status_code == 200


def municipality_form(*periods):
    data = {
        "name": "Vaksdal",
        "slug": "vaksdal",
        "number": "4628",
        "website": "",
        "merged_into": "",
        "merged_on": "",
        "membership_periods-TOTAL_FORMS": str(len(periods)),
        "membership_periods-INITIAL_FORMS": "0",
        "membership_periods-MIN_NUM_FORMS": "0",
        "membership_periods-MAX_NUM_FORMS": "1000",
    }
    for n, (start, end) in enumerate(periods):
        data.update(
            {
                f"membership_periods-{n}-start_date": start,
                f"membership_periods-{n}-end_date": end,
                f"membership_periods-{n}-note": "",
                f"membership_periods-{n}-id": "",
                f"membership_periods-{n}-DELETE": "",
            }
        )
    return data


@pytest.mark.parametrize(
    "periods",
    [
        [("2017-01-01", ""), ("2020-01-01", "2021-12-31")],
        [("2017-01-01", "2019-12-31"), ("2019-12-31", "")],
        [("2018-01-01", "2022-12-31"), ("2017-01-01", "2018-06-30")],
    ],
)
def test_overlapping_membership_periods_of_a_municipality_are_refused(admin_client, periods):
    response = admin_client.post(reverse("wagtailsnippets_network_municipality:add"), municipality_form(*periods))
    assert response.status_code == 200
    assert "overlapper" in response.content.decode()
    assert not Municipality.objects.filter(slug="vaksdal").exists()


def test_consecutive_membership_periods_of_a_municipality_are_accepted(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_network_municipality:add"),
        municipality_form(("2017-01-01", "2019-12-31"), ("2021-01-01", "")),
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(slug="vaksdal")
    assert municipality.is_member_on(D(2018, 1, 1)) and not municipality.is_member_on(D(2020, 6, 1))
