"""The FoU-contacts list that editors place in a page body (Kontakt) through
``cms.core.blocks.ListingBlock``; the contacts page of the portal shows the same."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.blocks import register_listing
from cms.network.models import fou_contacts_by_municipality, member_municipalities

TEMPLATE = "inquiries/includes/fou_contacts_listing.html"


def fou_contacts_context() -> dict:
    """Today's member municipalities that have a FoU-contact (merged-away ones are no longer
    members), with their contacts, in two queries however many there are."""
    municipalities = list(member_municipalities(timezone.localdate()).order_by("name"))
    return {"fou_contacts": fou_contacts_by_municipality(municipalities), "form_url": reverse("inquiries:form")}


def register() -> None:
    register_listing("fou_contacts", _("FoU-contacts of the member municipalities"), TEMPLATE, fou_contacts_context)
