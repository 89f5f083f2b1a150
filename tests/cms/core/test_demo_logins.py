"""`make run` after the demo: every demo role, the award jury and the poster committee included,
is printed with a password that logs in to the admin, and each sees their own section."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from cms.core.management.commands.ensure_admin import DEMO_PEOPLE, DEMO_ROLES

pytestmark = pytest.mark.django_db(transaction=False)


def printed_logins(output: str) -> list[tuple[str, str]]:
    table = output.strip().splitlines()
    start = next(i for i, line in enumerate(table) if line.split()[:1] == ["Username"])
    return [tuple(line.split()[:2]) for line in table[start + 1 :]]


def log_in(client, username, password):
    client.logout()
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
    assert response.status_code == 302, f"{username} could not log in"
    return client


def menu_labels(client) -> list[str]:
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return [item["label"] for item in _menu_items(json.loads(props))]


def _menu_items(node):
    """Every menu item in Wagtail's sidebar props (a nested structure of _type/_args)."""
    if isinstance(node, dict):
        if node.get("_type", "").startswith("wagtail.sidebar.") and "MenuItem" in node.get("_type", ""):
            yield node["_args"][0]
        for value in node.values():
            yield from _menu_items(value)
    elif isinstance(node, list):
        for value in node:
            yield from _menu_items(value)


@pytest.fixture
def demo_logins(settings, tmp_path, client):
    settings.BASE_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=out)
    return dict(printed_logins(out.getvalue())), out.getvalue()


def test_every_demo_role_is_printed_and_logs_in_to_the_admin(demo_logins, client):
    logins, output = demo_logins
    expected = [name for name, *_ in DEMO_ROLES] + [name for name, _ in DEMO_PEOPLE] + ["admin"]
    assert list(logins) == expected
    assert output.strip().splitlines()[-1].split()[0] == "admin"  # the admin's login is the last line
    for username, password in logins.items():
        log_in(client, username, password)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200, username


def test_each_demo_person_sees_their_own_section(demo_logins, client):
    logins, _ = demo_logins

    # A poster committee member: "Vurdering", with the poster round, but no jury.
    labels = menu_labels(log_in(client, "demo-komite-1", logins["demo-komite-1"]))
    assert "Vurdering" in labels and "Prisjury" not in labels and "Forskningshenvendelser" not in labels
    assert client.get(reverse("review_admin:index")).status_code == 200
    assert client.get(reverse("award_admin:home")).context["rows"] == []  # on no jury

    # A juror: the jury pages with their rounds (and their scoring under "Vurdering").
    labels = menu_labels(log_in(client, "jurymedlem1", logins["jurymedlem1"]))
    assert "Prisjury" in labels and "Vurdering" in labels
    response = client.get(reverse("award_admin:home"))
    assert response.status_code == 200 and response.context["rows"]
    assert not any(row["may_decide"] for row in response.context["rows"])
    log_in(client, "juryleder", logins["juryleder"])
    assert any(row["may_decide"] for row in client.get(reverse("award_admin:home")).context["rows"])

    # A FoU-contact: research inquiries of their own municipality only.
    labels = menu_labels(log_in(client, "fou-askoy", logins["fou-askoy"]))
    assert "Forskningshenvendelser" in labels and "Vurdering" not in labels and "Prisjury" not in labels
    response = client.get(reverse("inquiries_admin:list"), {"status": "all"})
    municipalities = {routing.municipality.name for routing in response.context["page_obj"]}
    assert municipalities == {"Askøy"}

    # An editor sees none of these sections.
    labels = menu_labels(log_in(client, "redaktor", logins["redaktor"]))
    assert not {"Vurdering", "Prisjury", "Forskningshenvendelser"} & set(labels)
    assert client.get(reverse("inquiries_admin:list")).status_code == 404


def test_without_the_demo_the_panel_people_are_left_out_and_a_reloaded_demo_gets_the_same_password(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=out)
    assert "juryleder" not in out.getvalue()

    # The demo makes the juror with no usable password (as conference/award/demo.py does).
    User = get_user_model()
    juror = User(username="juryleder", email="juryleder@example.invalid")
    juror.set_unusable_password()
    juror.save()
    out = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=out)
    password = dict(printed_logins(out.getvalue()))["juryleder"]
    juror.refresh_from_db()
    assert juror.check_password(password)

    # The database is rebuilt, the password file kept: the same password again.
    juror.set_unusable_password()
    juror.save()
    again = io.StringIO()
    call_command("ensure_admin", "--demo-roles", stdout=again)
    assert again.getvalue() == out.getvalue()
    juror.refresh_from_db()
    assert juror.check_password(password)
