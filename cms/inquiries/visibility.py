"""The one rule for who may see an inquiry. Every admin list, detail, file download and
export of inquiries asks :func:`visible_routings` (or :func:`routing_or_404`); none writes its own.

1. Anonymous and inactive users see nothing.
2. Advisers (the ``inquiries.see_all_inquiries`` permission, and superusers) see every routing.
3. A FoU-contact (a ``FouContact`` linked to the user) sees the routings of their municipality:
   a contact for the whole municipality sees all of them; a contact for one department sees the
   routings to that department and those not yet given to any department.
4. Everyone else sees nothing. A routing one may not see is answered with 404, never 403, so
   nobody learns that it exists.

The researcher sees their own inquiry through its private link (``cms.core.tokens``), not here.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from cms.network.models import FouContact

from .models import Inquiry, InquiryRouting

SEE_ALL_PERMISSION = "inquiries.see_all_inquiries"
ANSWER_PERMISSION = "inquiries.answer_own_inquiries"


def is_adviser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(SEE_ALL_PERMISSION))


def contact_roles(user) -> list[FouContact]:
    if not (user and user.is_authenticated and user.is_active):
        return []
    return list(FouContact.objects.filter(user=user))


def may_see_portal_menu(user) -> bool:
    """From the permission cache (no query of its own on every admin page): advisers, and
    FoU-contacts through their group's ``answer_own_inquiries``; the pages ask
    :func:`may_use_portal` again."""
    return bool(user and user.is_active and (user.has_perm(SEE_ALL_PERMISSION) or user.has_perm(ANSWER_PERMISSION)))


def may_use_portal(user) -> bool:
    return is_adviser(user) or bool(contact_roles(user))


def routing_filter(contacts) -> Q | None:
    """The Q that selects the routings ``contacts`` answer (None: none)."""
    condition = None
    for contact in contacts:
        mine = Q(municipality_id=contact.municipality_id)
        if contact.department:
            mine &= Q(department=contact.department) | Q(department="")
        condition = mine if condition is None else condition | mine
    return condition


def visible_routings(user) -> QuerySet[InquiryRouting]:
    """Every routing ``user`` may see (rules 1–4)."""
    routings = InquiryRouting.objects.all()
    if is_adviser(user):
        return routings
    condition = routing_filter(contact_roles(user))
    return routings.filter(condition) if condition is not None else routings.none()


def routing_or_404(user, pk) -> InquiryRouting:
    routing = (
        visible_routings(user).select_related("inquiry", "inquiry__institution", "municipality").filter(pk=pk).first()
    )
    if routing is None:
        raise Http404("No such inquiry.")
    return routing


def inquiry_visible(user, inquiry: Inquiry) -> bool:
    return visible_routings(user).filter(inquiry=inquiry).exists()


def contacts_for(routing: InquiryRouting) -> list[FouContact]:
    """The contacts who answer ``routing`` (the same rule, from the routing's side)."""
    contacts = FouContact.objects.filter(municipality_id=routing.municipality_id).select_related("person")
    if routing.department:
        contacts = contacts.filter(Q(department=routing.department) | Q(department=""))
    return list(contacts)
