from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose either a page or an external address."))}
            )
        return value

    class Meta:
        icon = "pick"
        template = "components/call_to_action_block.html"
        label = _("Call to action")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Title or question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("Content"), features=["bold", "italic", "ol", "ul", "link"])


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "components/accordion_block.html"
        label = _("Accordion / FAQ")


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    role = blocks.CharBlock(label=_("Role"), required=False, max_length=120)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False, max_length=120)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)

    class Meta:
        icon = "user"
        template = "components/contact_card_block.html"
        label = _("Contact card")
