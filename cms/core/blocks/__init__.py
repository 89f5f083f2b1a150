"""StreamField blocks shared by every page type, grouped by kind."""

from .interactive import AccordionBlock, CallToActionBlock, ContactCardBlock
from .listings import ListingBlock, register_listing
from .markup import HeadingBlock, QuoteBlock, RichTextBlock, TableBlock
from .media import DocumentLinkBlock, ImageBlock
from .stream import StandardPageStreamBlock, StandardStreamBlock

__all__ = [
    "AccordionBlock",
    "CallToActionBlock",
    "ContactCardBlock",
    "DocumentLinkBlock",
    "HeadingBlock",
    "ImageBlock",
    "ListingBlock",
    "QuoteBlock",
    "RichTextBlock",
    "StandardPageStreamBlock",
    "StandardStreamBlock",
    "TableBlock",
    "register_listing",
]
