"""`make run`: the demo role accounts and quiet demo output (issue 12, point 14)."""

import io
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from cms.core.management.commands.load_demo import quiet_logging
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.conference.registration.factories import TicketTypeFactory, make_edition
from tests.conftest import MODEL_BACKEND


@pytest.fixture
def demo_accounts(db, settings, tmp_path):
    """Runs `ensure_admin --demo-roles` as `make run` does, with its password files in tmp_path."""
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=out)
    users = {user.username: user for user in get_user_model().objects.all()}
    return users, out.getvalue(), tmp_path


def test_demo_roles_are_made_with_their_groups_and_stored_passwords(demo_accounts):
    users, output, base_dir = demo_accounts
    assert {name: sorted(u.groups.values_list("name", flat=True)) for name, u in users.items()} == {
        "admin": [],
        "redaktor": ["Redaktør"],
        "publisist": ["Publisist"],
        "arrangor": ["Arrangør"],
        "fou-bergen": ["FoU-kontakter"],
        "fou-askoy": ["FoU-kontakter"],
        "radgiver": ["Rådgivere for forskningshenvendelser"],
    }
    assert users["admin"].is_superuser
    assert not any(u.is_superuser for name, u in users.items() if name != "admin")

    stored = dict(line.split(" ", 1) for line in (base_dir / ".demo-passwords").read_text().splitlines())
    assert (base_dir / ".demo-passwords").stat().st_mode & 0o777 == 0o600
    for name, password in stored.items():
        assert users[name].check_password(password)
        assert f"{name}" in output and password in output
    # The logins are the last thing printed, the admin's on the very last line.
    assert output.strip().splitlines()[-7].split()[0] == "redaktor"
    assert output.strip().splitlines()[-1].split()[0] == "admin"


def test_running_again_keeps_the_same_passwords(demo_accounts):
    users, output, _ = demo_accounts
    again = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=again)
    assert again.getvalue() == output


def test_demo_editor_can_edit_news_but_not_publish_and_the_publisher_can(demo_accounts, home_page):
    users, _, _ = demo_accounts
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    editor, publisher = news.permissions_for_user(users["redaktor"]), news.permissions_for_user(users["publisist"])
    assert editor.can_edit() and not editor.can_publish()
    assert publisher.can_edit() and publisher.can_publish()


def test_demo_organiser_sees_the_registration_dashboard_and_the_editor_does_not(demo_accounts, client, home_page):
    users, _, _ = demo_accounts
    edition = make_edition(home_page)
    TicketTypeFactory(edition=edition)
    dashboard = reverse("registration_admin:dashboard")
    client.force_login(users["arrangor"], backend=MODEL_BACKEND)
    response = client.get(dashboard, {"edition": edition.pk})
    assert response.status_code == 200
    assert not users["arrangor"].has_perm("registration.view_special_needs")  # given person by person
    client.force_login(users["redaktor"], backend=MODEL_BACKEND)
    assert client.get(dashboard, {"edition": edition.pk}).status_code in (302, 403)


def test_demo_loader_keeps_warnings_but_not_info_lines(caplog):
    caplog.set_level(logging.INFO)
    with quiet_logging():
        logging.getLogger("wagtail").info("Page published")
        logging.getLogger("wagtail").warning("Something to look at")
    logging.getLogger("wagtail").info("After loading")
    assert [r.getMessage() for r in caplog.records] == ["Something to look at", "After loading"]


def test_demo_adviser_may_see_every_inquiry_and_contacts_only_log_in(demo_accounts):
    users, _, _ = demo_accounts
    assert users["radgiver"].has_perm("inquiries.see_all_inquiries")
    assert users["fou-bergen"].has_perm("wagtailadmin.access_admin")
    assert not users["fou-bergen"].has_perm("inquiries.see_all_inquiries")
