import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.governance.models import GovernanceDocumentIndexPage, GovernanceDocumentPage
from home.models import HomePage
from tests.cms.network.factories import BodyFactory, InstitutionFactory, MunicipalityFactory
from tests.conftest import MODEL_BACKEND

D = datetime.date


@pytest.fixture
def index(home_page):
    index = GovernanceDocumentIndexPage(title="Styringsdokumenter", slug="styringsdokumenter")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_document(index, slug, **fields):
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("kind", "minutes")
    fields.setdefault("status", "adopted")
    page = GovernanceDocumentPage(slug=slug, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestGovernanceAdmin(WagtailPageTestCase):
    def setUp(self):
        from wagtail.models import Page, Site

        self.home = HomePage(title="Hjem", slug="hjem-gov")
        Page.get_first_root_node().add_child(instance=self.home)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=self.home, is_default_site=True)
        self.client.force_login(self.create_superuser("admin"), backend=MODEL_BACKEND)

    def test_editor_creates_index_and_document_with_parties(self):
        self.assertAllowedParentPageTypes(GovernanceDocumentPage, {GovernanceDocumentIndexPage})
        self.assertCanCreate(
            self.home,
            GovernanceDocumentIndexPage,
            nested_form_data({"title": "Styringsdokumenter", "slug": "sd", "intro": ""}),
        )
        index = GovernanceDocumentIndexPage.objects.get()
        body = BodyFactory(name="Referansegruppen")
        askoy = MunicipalityFactory(name="Askøy")
        uib = InstitutionFactory(name="Universitetet i Bergen")
        data = nested_form_data(
            {
                "title": "Mandat for referansegruppen",
                "slug": "mandat",
                "kind": "mandate",
                "owner_body": body.pk,
                "status": "adopted",
                "superseded_by": "",
                "effective_date": "2017-01-01",
                "valid_until": "",
                "summary_text": "Åtte punkter.",
                "body": streamfield([("paragraph", rich_text("<p>Gruppen skal …</p>"))]),
                "pdf": "",
                "related_page": "",
            }
        )
        # Multiple-choice values are lists, which nested_form_data would flatten.
        data.update({"party_municipalities": [askoy.pk], "party_institutions": [uib.pk]})
        self.assertCanCreate(index, GovernanceDocumentPage, data)
        document = GovernanceDocumentPage.objects.get(slug="mandat")
        draft = document.get_latest_revision_as_object()
        assert list(draft.party_municipalities.all()) == [askoy]
        assert draft.owner_body == body
        self.assertPageIsRenderable(document)
        self.assertPageIsRenderable(index)


def test_superseded_document_must_name_its_successor(index):
    document = GovernanceDocumentPage(title="Gammel avtale", slug="gammel", kind="agreement", status="superseded")
    with pytest.raises(ValidationError) as error:
        document.clean()
    assert "superseded_by" in error.value.message_dict
    new = add_document(index, "ny-avtale", kind="agreement")
    document.superseded_by = new
    document.clean()


def test_document_cannot_end_before_it_takes_effect(index):
    document = GovernanceDocumentPage(
        title="Avtale",
        slug="avtale",
        kind="agreement",
        status="adopted",
        effective_date=D(2019, 1, 1),
        valid_until=D(2017, 1, 1),
    )
    with pytest.raises(ValidationError):
        document.clean()


def test_draft_documents_are_clearly_marked(client, index):
    draft = add_document(index, "utkast-avtale", title="Samarbeidsavtale (utkast)", kind="agreement", status="draft")
    listing = client.get(index.url).content.decode()
    assert "governance-draft" in listing
    assert 'data-color="warning"' in client.get(draft.url).content.decode()


def test_superseded_document_links_to_its_successor(client, index):
    new = add_document(index, "ny", title="Ny avtale")
    old = add_document(index, "gammel", title="Gammel avtale", status="superseded", superseded_by=new)
    assert new.url in client.get(old.url).content.decode()


def test_index_filters_by_kind_body_year_and_status(client, index):
    group = BodyFactory(name="Kommunegruppen", slug="kommunegruppen")
    add_document(
        index, "referat-2025", title="Referat 2025", kind="minutes", owner_body=group, effective_date=D(2025, 3, 24)
    )
    add_document(index, "mandat-2017", title="Mandat 2017", kind="mandate", effective_date=D(2017, 1, 1))
    add_document(
        index, "avtale-utkast", title="Avtale utkast", kind="agreement", status="draft", effective_date=D(2017, 1, 1)
    )

    def titles(**params):
        content = client.get(index.url, params).content.decode()
        return {t for t in ("Referat 2025", "Mandat 2017", "Avtale utkast") if t in content}

    assert titles(kind="minutes") == {"Referat 2025"}
    assert titles(body="kommunegruppen") == {"Referat 2025"}
    assert titles(year="2017") == {"Mandat 2017", "Avtale utkast"}
    assert titles(status="draft") == {"Avtale utkast"}
    assert titles(year="2017", kind="mandate") == {"Mandat 2017"}


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "poesi"},
        {"year": "0"},
        {"year": "abc"},
        {"body": "finnes-ikke"},
        {"status": "x" * 500},
        {"page": "9999"},
        {"page": "zz"},
    ],
)
def test_odd_filter_values_give_a_helpful_page(client, index, params):
    add_document(index, "et-dokument", title="Et dokument", effective_date=D(2024, 1, 1))
    response = client.get(index.url, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "Et dokument" in content  # the bad filter is ignored, the list still shows


def test_index_with_200_documents_renders_with_bounded_queries(client, index, django_assert_max_num_queries):
    bodies = [BodyFactory() for _ in range(4)]
    for number in range(10):
        add_document(index, f"dok-{number}", owner_body=bodies[number % 4], effective_date=D(2015 + number % 10, 1, 1))
    client.get(index.url)
    with django_assert_max_num_queries(20) as small:
        client.get(index.url)
    for number in range(10, 200):
        add_document(index, f"dok-{number}", owner_body=bodies[number % 4], effective_date=D(2015 + number % 10, 1, 1))
    client.get(index.url, {"page": "3"})  # warm the menu cache, which the new pages invalidated
    with django_assert_max_num_queries(20) as big:
        response = client.get(index.url, {"page": "3"})
    assert len(big) == len(small)
    assert response.content.decode().count('class="governance-list__item"') == 20


def test_demo_workflow_requires_publisist_approval_for_documents(home_page, django_user_model):
    from wagtail.models import Workflow

    from cms.governance.demo import ensure_workflow

    index = GovernanceDocumentIndexPage(title="Styringsdokumenter", slug="styringsdokumenter")
    home_page.add_child(instance=index)
    ensure_workflow(index)
    ensure_workflow(index)  # idempotent
    workflow = Workflow.objects.get(name="Godkjenning før publisering")
    assert index.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert task.name == "Godkjenning av publisist"
    assert [g.name for g in task.groups.all()] == ["Publisist"]
