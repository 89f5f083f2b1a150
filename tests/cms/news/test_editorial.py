"""Editorial groups, the approval workflow and revision comparison (issue 3, item 6)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.core.workflows import ensure_approval_workflow
from cms.news.models import NewsPage, Topic
from tests.cms.news.factories import NewsIndexPageFactory, NewsPageFactory, TopicFactory
from tests.conftest import MODEL_BACKEND


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def member(django_user_model):
    def make(group_name: str):
        user = django_user_model.objects.create_user(
            group_name.lower().replace("ø", "o"), f"{group_name}@example.com", "passord-som-er-langt"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def news_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "date": page.date.isoformat(),
        "lead": page.lead,
        "author_name": page.author_name,
        "body": streamfield([("paragraph", rich_text("<p>Tekst.</p>"))]),
        "related_pages": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_migration_creates_the_three_groups_with_admin_access():
    for name in ("Redaktør", "Publisist", "Administrator"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
        assert group.collection_permissions.filter(permission__codename="add_image").exists()
        assert group.collection_permissions.filter(permission__codename="choose_document").exists()
    admin = Group.objects.get(name="Administrator")
    assert admin.permissions.filter(codename="change_sitesettings").exists()
    assert admin.permissions.filter(codename="delete_topic").exists()
    assert admin.permissions.filter(content_type__app_label="network", codename="change_person").exists()


@pytest.mark.django_db
def test_redaktor_can_edit_news_but_not_publish(client, news_index, member):
    redaktor = member("Redaktør")
    page = NewsPageFactory(parent=news_index, title="Gammel tittel")
    permissions = page.permissions_for_user(redaktor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert news_index.permissions_for_user(redaktor).can_add_subpage()

    client.force_login(redaktor, backend=MODEL_BACKEND)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {**news_form(page, title="Ny tittel"), "action-publish": "publish"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.title == "Gammel tittel"  # the live version is untouched
    assert page.get_latest_revision().content["title"] == "Ny tittel"  # a draft was saved


@pytest.mark.django_db
def test_publisist_can_publish_news(client, news_index, member):
    publisist = member("Publisist")
    page = NewsPageFactory(parent=news_index, title="Gammel tittel")
    assert page.permissions_for_user(publisist).can_publish()
    client.force_login(publisist, backend=MODEL_BACKEND)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**news_form(page, title="Publisert"), "action-publish": "1"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Publisert"


@pytest.mark.django_db
def test_redaktor_cannot_manage_users_or_settings_but_administrator_can(member):
    redaktor, administrator = member("Redaktør"), member("Administrator")
    assert not redaktor.has_perm("wagtailusers.add_userprofile") and not redaktor.has_perm("auth.add_user")
    assert not redaktor.has_perm("core.change_sitesettings")
    assert administrator.has_perm("core.change_sitesettings")
    assert administrator.has_perm("news.delete_topic")
    assert redaktor.has_perm("news.change_topic")


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_admin_login(client, news_index):
    page = NewsPageFactory(parent=news_index)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[page.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.django_db
def test_submitting_news_for_moderation_creates_a_task_for_publisist(client, news_index, member):
    workflow = ensure_approval_workflow(news_index)
    assert workflow.name == "Godkjenning før publisering"
    task = GroupApprovalTask.objects.get(name="Godkjenning av publisist")
    assert list(task.groups.values_list("name", flat=True)) == ["Publisist"]

    redaktor, publisist = member("Redaktør"), member("Publisist")
    page = NewsPageFactory(parent=news_index, title="Til godkjenning")
    assert page.get_workflow() == workflow

    client.force_login(redaktor, backend=MODEL_BACKEND)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**news_form(page), "action-submit": "1"}
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = TaskState.objects.get(workflow_state=state)
    assert task_state.task.specific == task
    assert task.specific.user_can_access_editor(page, publisist)
    assert list(task.get_task_states_user_can_moderate(publisist)) == [task_state]
    assert not task.get_task_states_user_can_moderate(redaktor).exists()


@pytest.mark.django_db
def test_ensure_approval_workflow_is_idempotent(news_index):
    ensure_approval_workflow(news_index)
    ensure_approval_workflow(news_index)
    assert Workflow.objects.filter(name="Godkjenning før publisering").count() == 1


@pytest.mark.django_db
def test_news_revisions_can_be_compared_in_the_admin(admin_client, news_index):
    page = NewsPageFactory(parent=news_index, title="Første versjon")
    first = page.save_revision()
    page.title = "Andre versjon"
    page.lead = "Ny ingress."
    second = page.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, first.pk, second.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Første versjon" in html and "Andre versjon" in html
    assert "Ny ingress." in html


@pytest.mark.django_db
def test_topic_snippets_keep_revisions_that_can_be_compared(admin_client):
    topic = TopicFactory(name="Utdanning", slug="utdanning")
    first = topic.save_revision()
    topic.name = "Utdanning og praksis"
    second = topic.save_revision()
    assert topic.revisions.count() == 2
    url = reverse("wagtailsnippets_news_topic:revisions_compare", args=[topic.pk, first.pk, second.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # The compare view marks the words that changed.
    assert "og praksis" in html and "Utdanning" in html


@pytest.mark.django_db
def test_topic_listing_in_the_admin_counts_news_and_filters_by_use(admin_client, news_index):
    used = TopicFactory(name="Brukt", slug="brukt")
    TopicFactory(name="Ubrukt", slug="ubrukt")
    NewsPageFactory(parent=news_index, topics=[used])
    url = reverse("wagtailsnippets_news_topic:list")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Ubrukt" in response.content.decode()
    filtered = admin_client.get(url, {"in_use": "true"})
    names = [t.name for t in filtered.context["object_list"]]
    assert names == ["Brukt"]
    assert Topic.objects.count() == 2
    assert NewsPage.objects.count() == 1


@pytest.mark.django_db
def test_wagtail_default_moderation_is_retired_so_only_our_workflow_applies(home_page, news_index):
    from tests.cms.news.factories import EventIndexPageFactory, EventPageFactory

    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    assert event.get_workflow() is None  # Kalender: a Publisist publishes directly
    ensure_approval_workflow(news_index)
    assert NewsPageFactory(parent=news_index).get_workflow().name == "Godkjenning før publisering"
