import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.core.blocks import CallToActionBlock, ImageBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Aulaen", file=get_test_image_file())


def test_image_without_alt_text_or_decorative_flag_is_refused(image):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False, "caption": ""}))
    assert "alt_text" in error.value.block_errors


def test_image_with_alt_text_renders_it(image):
    block = ImageBlock()
    value = block.clean(
        block.to_python({"image": image.pk, "alt_text": "Salen full av folk", "decorative": False, "caption": ""})
    )
    assert 'alt="Salen full av folk"' in block.render(value)


def test_decorative_image_is_hidden_from_screen_readers(image):
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": True, "caption": ""}))
    html = block.render(value)
    assert 'alt=""' in html and 'role="presentation"' in html


@pytest.mark.django_db
def test_call_to_action_needs_exactly_one_target(home_page):
    block = CallToActionBlock()
    both = {
        "heading": "Meld deg på",
        "text": "",
        "link_text": "Til påmelding",
        "page": home_page.pk,
        "url": "https://example.com",
    }
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(both))
    neither = {**both, "page": None, "url": ""}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(neither))
    ok = {**both, "url": ""}
    assert block.clean(block.to_python(ok))["page"].pk == home_page.pk
