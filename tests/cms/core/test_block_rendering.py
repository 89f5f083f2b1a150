"""Every block of StandardStreamBlock renders accessible, Designsystemet-styled markup."""

import pytest
from django.core.files.base import ContentFile
from django.test.html import parse_html
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

from cms.core.blocks import StandardStreamBlock
from tests.factories import StandardPageFactory

STREAM = StandardStreamBlock()


def render(block_type, data):
    """Render one block of the page body the way a page does (to_python → clean → render)."""
    block = STREAM.child_blocks[block_type]
    return block.render(block.clean(block.to_python(data)))


def contains(html, fragment):
    return parse_html(fragment) in parse_html(html)


def table_data(header_row=True, header_column=True):
    # A fresh dict each time: Wagtail's TableBlock adds keys to the value it is given.
    return {
        "caption": "Møter i styringsgruppen",
        "table": {
            "data": [["Dato", "Sted"], ["12. mars", "Bergen <rådhus>"], ["4. juni", "Os"]],
            "first_row_is_table_header": header_row,
            "first_col_is_header": header_column,
        },
    }


def test_table_has_caption_column_and_row_headers():
    html = render("table", table_data())
    assert contains(html, "<caption>Møter i styringsgruppen</caption>")
    assert contains(html, '<thead><tr><th scope="col">Dato</th><th scope="col">Sted</th></tr></thead>')
    assert contains(html, '<tr><th scope="row">12. mars</th><td>Bergen &lt;rådhus&gt;</td></tr>')
    # The scrollable wrapper is a named, keyboard-focusable region.
    assert 'role="region"' in html and 'aria-label="Møter i styringsgruppen"' in html and 'tabindex="0"' in html


def test_table_without_header_row_has_only_body_cells():
    html = render("table", table_data(header_row=False, header_column=False))
    assert "<thead>" not in html and "<th" not in html
    assert html.count("<tbody>") == 1 and html.count("</tbody>") == 1
    assert contains(html, "<tr><td>Dato</td><td>Sted</td></tr>")


@pytest.fixture
def document(db):
    return Document.objects.create(
        title="Handlingsplan 2025", file=ContentFile(b"%PDF-1.4 " + b"x" * 2038, name="plan.pdf")
    )


def test_document_link_names_type_and_size_inside_the_link(document):
    html = render("document", {"document": document.pk, "title": "", "description": "Vedtatt av styringsgruppen."})
    assert contains(
        html,
        f'<a class="ds-link document-link__link" href="{document.url}">Handlingsplan 2025 '
        '<span class="document-link__meta">(PDF, 2,0\xa0KB)</span></a>',
    ) or contains(
        html,
        f'<a class="ds-link document-link__link" href="{document.url}">Handlingsplan 2025 '
        '<span class="document-link__meta">(PDF, 2.0\xa0KB)</span></a>',
    )
    assert "Vedtatt av styringsgruppen." in html
    assert 'aria-hidden="true"' in html  # the file icon is decoration


def test_document_link_uses_its_own_link_text(document):
    html = render("document", {"document": document.pk, "title": "Last ned planen", "description": ""})
    assert "Last ned planen" in html and "Handlingsplan 2025" not in html


@pytest.mark.django_db
def test_call_to_action_links_to_a_page(home_page):
    target = StandardPageFactory(parent=home_page, title="Påmelding", slug="pamelding")
    html = render(
        "call_to_action",
        {
            "heading": "Bli med",
            "text": "Konferansen er gratis.",
            "link_text": "Meld deg på",
            "page": target.pk,
            "url": "",
        },
    )
    assert contains(html, '<h2 class="ds-heading" data-size="sm">Bli med</h2>')
    assert contains(html, '<a class="ds-button" data-variant="primary" href="/pamelding/">Meld deg på</a>')


@pytest.mark.django_db
def test_call_to_action_links_to_an_external_address():
    html = render(
        "call_to_action",
        {
            "heading": "Les rapporten",
            "text": "",
            "link_text": "Til rapporten",
            "page": None,
            "url": "https://example.org/r",
        },
    )
    assert contains(html, '<a class="ds-button" data-variant="primary" href="https://example.org/r">Til rapporten</a>')
    assert "<p" not in html  # no empty text paragraph


def test_heading_levels_and_anchor():
    assert contains(
        render("heading", {"text": "Slik søker du", "level": "h2"}),
        '<h2 class="ds-heading" data-size="md" id="slik-soker-du">Slik søker du</h2>',
    )
    assert contains(
        render("heading", {"text": "Frister", "level": "h3"}),
        '<h3 class="ds-heading" data-size="sm" id="frister">Frister</h3>',
    )


def test_quote_with_attribution():
    html = render("quote", {"quote": "Kunnskap gir bedre tjenester.", "attribution": "En FoU-kontakt"})
    assert contains(html, "<blockquote><p>Kunnskap gir bedre tjenester.</p></blockquote>")
    assert contains(html, "<figcaption>En FoU-kontakt</figcaption>")


def test_accordion_items_are_native_details():
    html = render(
        "accordion",
        {
            "heading": "Ofte stilte spørsmål",
            "items": [{"question": "Hvem kan søke?", "answer": RichText("<p>Alle.</p>")}],
        },
    )
    assert contains(html, '<h2 class="ds-heading" data-size="sm">Ofte stilte spørsmål</h2>')
    assert contains(html, "<summary>Hvem kan søke?</summary>")
    assert '<details class="ds-details">' in html


def test_contact_card_lists_email_and_phone_as_links():
    html = render(
        "contact",
        {
            "name": "Kari Nordmann",
            "role": "Rådgiver",
            "organisation": "Bergen kommune",
            "email": "kari@example.com",
            "phone": "55 56 00 00",
        },
    )
    assert "Rådgiver, Bergen kommune" in html
    assert 'href="mailto:kari@example.com"' in html
    assert 'href="tel:55560000"' in html


@pytest.mark.django_db
def test_standard_page_renders_every_block_type(client, home_page, document, django_assert_max_num_queries):
    image = Image.objects.create(title="Aulaen", file=get_test_image_file())
    target = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    page = StandardPageFactory(
        parent=home_page,
        title="Alt på én side",
        slug="alt",
        body=[
            ("heading", {"text": "Overskrift", "level": "h2"}),
            ("paragraph", RichText("<p>Brødtekst.</p>")),
            ("image", {"image": image, "alt_text": "Salen", "decorative": False, "caption": "Aulaen"}),
            ("quote", {"quote": "Sitat.", "attribution": "Noen"}),
            ("document", {"document": document, "title": "", "description": ""}),
            (
                "call_to_action",
                {"heading": "Ta kontakt", "text": "", "link_text": "Kontakt oss", "page": target, "url": ""},
            ),
            ("accordion", {"heading": "", "items": [{"question": "Spørsmål?", "answer": RichText("<p>Svar.</p>")}]}),
            ("table", table_data()),
            ("contact", {"name": "Ola", "role": "", "organisation": "", "email": "ola@example.com", "phone": ""}),
        ],
    )
    client.get(page.url)  # warm caches (site root, renditions)
    with django_assert_max_num_queries(30):
        response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for marker in (
        'id="overskrift"',
        "<p>Brødtekst.</p>",
        'alt="Salen"',
        "<blockquote>",
        "document-link__meta",
        'href="/kontakt/"',
        "<summary>Spørsmål?</summary>",
        '<th scope="row">',
        'href="mailto:ola@example.com"',
    ):
        assert marker in html, marker
    assert html.count("<h1") == 1
