"""The public side of the engine: an invited panel member accepts the invitation by choosing a
password through the one-time link. Everything else happens in the admin."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from cms.core.tokens import get_by_token_or_404

from . import services
from .forms import SetPasswordForm
from .models import PanelInvitation


@never_cache
@ratelimit(key="ip", rate="20/h", method="POST", block=True)
def accept_invitation(request, token):
    """A changed (tampered) link is a 404; a used or expired one says so clearly."""
    invitation = get_by_token_or_404(
        PanelInvitation.objects.select_related("member__user", "member__round"), "token", token
    )
    context = {"invitation": invitation, "round": invitation.member.round}
    try:
        services.check_invitation(invitation)
    except services.InvitationUnusable as exc:
        context["problem"] = exc.messages[0]
        return render(request, "review/invitation.html", context, status=410)
    user = invitation.member.user
    form = SetPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(invitation, form.cleaned_data["password1"])
        except services.InvitationUnusable as exc:
            context["problem"] = exc.messages[0]
            return render(request, "review/invitation.html", context, status=410)
        messages.success(request, _("Your password is set. Sign in with your e-mail address and the new password."))
        # After signing in, the new member lands on their rounds.
        return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': reverse('review_admin:index')})}")
    context["form"] = form
    return render(request, "review/invitation.html", context)
