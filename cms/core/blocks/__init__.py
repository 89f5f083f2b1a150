"""StreamField blocks shared by every page type, grouped by kind."""

from .interactive import AccordionBlock, CallToActionBlock, ContactCardBlock
from .markup import HeadingBlock, QuoteBlock, RichTextBlock, TableBlock
from .media import DocumentLinkBlock, ImageBlock
from .stream import StandardStreamBlock

__all__ = [
    "AccordionBlock",
    "CallToActionBlock",
    "ContactCardBlock",
    "DocumentLinkBlock",
    "HeadingBlock",
    "ImageBlock",
    "QuoteBlock",
    "RichTextBlock",
    "StandardStreamBlock",
    "TableBlock",
]
