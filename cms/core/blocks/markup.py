from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock

from cms.core.text import slugify_nb

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


def anchor_for(text: str) -> str:
    """A readable ASCII anchor: "Slik søker du" → "slik-soker-du" (slugify alone drops ø)."""
    return slugify_nb(text)


class HeadingBlock(blocks.StructBlock):
    """A section heading. Level 2 or 3 only: the page title is the single h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = anchor_for(value["text"])
        return context

    class Meta:
        icon = "title"
        template = "components/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Forskning i kommunene", "level": "h2"}


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/rich_text_block.html"
        label = _("Text")
        preview_value = "<p>Kommunene trenger mer forskning på egne tjenester.</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "components/quote_block.html"
        label = _("Quote")
        preview_value = {"quote": "Kunnskap gir bedre tjenester.", "attribution": "En deltaker"}


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=200,
        help_text=_("Describes the table for everyone, including screen reader users."),
    )
    table = WagtailTableBlock(label=_("Table"))

    class Meta:
        icon = "table"
        template = "components/table_block.html"
        label = _("Table")
