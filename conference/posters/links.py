"""What posters add to other features' pages: the poster prize vote on an attendee's manage
page (``conference.registration.manage_links``) and the gallery link of an edition page."""

from django.utils import timezone
from django.utils.translation import gettext as _

from conference.registration.manage_links import ManageLink

from .enums import PrizeMode
from .models import PosterCallPage


def call_of(edition):
    return PosterCallPage.objects.child_of(edition).live().first() if edition is not None else None


def vote_links(registration) -> list[ManageLink]:
    """A link to the vote while voting is open or its result once it has closed."""
    call = call_of(registration.edition)
    if call is None or call.prize_mode != PrizeMode.VOTE or call.voting_opens_at is None or not call.url:
        return []
    url = call.url + call.reverse_subpage("vote", kwargs={"token": registration.manage_token})
    now = timezone.now()
    if call.voting_has_closed(now):
        return [ManageLink(_("Poster prize"), "", _("See the result of the vote"), url)]
    text = _("Every participant who has checked in has one vote.")
    return [ManageLink(_("Poster prize"), text, _("Vote for the best poster"), url)]
