from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .interactive import AccordionBlock, CallToActionBlock, ContactCardBlock
from .listings import ListingBlock
from .markup import HeadingBlock, QuoteBlock, RichTextBlock, TableBlock
from .media import DocumentLinkBlock, ImageBlock


class StandardStreamBlock(blocks.StreamBlock):
    """The body of ordinary content pages; other page types reuse it."""

    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    contact = ContactCardBlock()

    class Meta:
        label = _("Content")


class StandardPageStreamBlock(StandardStreamBlock):
    """The standard page's body (Om oss, Kontakt …): the content blocks and lists from the
    site's registers, such as the FoU-contacts on Kontakt."""

    listing = ListingBlock()

    class Meta:
        label = _("Content")
