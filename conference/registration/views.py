"""Public registration pages: the form, the receipt, the attendee's own page (manage link) and
waiting-list offers. Views only read; every change goes through ``services``."""

import logging

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from cms.core import times
from cms.core.tokens import get_by_token_or_404
from conference.editions.models import ConferenceEditionPage
from conference.payments import services as payment_services
from conference.payments import stripe_gateway
from conference.payments.models import Payment
from conference.programme.feeds import ProgrammeFeed
from conference.programme.timetable import programme_sessions

from . import manage_links, services
from .certificates import certificate_pdf, hours_text
from .forms import ManageForm, PersonalProgrammeForm, RegistrationForm
from .models import Certificate, Registration, RegistrationStateChange
from .tickets import edition_ics, order_confirmation_pdf, receipt_pdf, ticket_pdf

logger = logging.getLogger(__name__)
Source = RegistrationStateChange.Source
State = Registration.State


def post_rate_limit(rate):
    """django-ratelimit per IP on POST. Over the limit it raises ``Ratelimited``, which the
    installed ``RatelimitMiddleware`` answers with the designed 429 page (``RATELIMIT_VIEW``)."""
    return ratelimit(key="ip", rate=rate, method="POST", block=True)


def _edition(year) -> ConferenceEditionPage:
    # /pamelding/<year>/ and /en/pamelding/<year>/ find the edition in the visitor's language;
    # seats and tickets belong to the original it translates.
    edition = ConferenceEditionPage.for_year(year)
    if edition is None:
        raise Http404("No such edition")
    return edition.registration_edition


def _by_token(token) -> Registration:
    # A tampered or unknown token is simply not found (404), never an error page with details.
    return get_by_token_or_404(
        Registration.objects.select_related("edition", "ticket_type", "municipality"), "manage_token", token
    )


def _go_to_checkout(request, registration):
    """Send a held registration to Stripe Checkout. If Stripe cannot be reached the hold is
    kept and the attendee sees a clear message with a button to try again."""
    try:
        payment = services.start_card_payment(registration, request)
    except stripe_gateway.PaymentsNotConfigured:
        messages.error(request, _("Card payment is not available at the moment. Please contact the organisers."))
    except stripe_gateway.PaymentProviderUnavailable:
        logger.warning("Stripe unavailable when starting checkout for registration %s", registration.pk)
        messages.error(
            request,
            _(
                "We could not reach the card payment service. Your seat is held for you until "
                "%(time)s; please try again in a moment."
            )
            % {"time": times.clock(registration.hold_expires_at)},
        )
    except services.NotAllowed:
        pass
    else:
        return redirect(payment.checkout_url, permanent=False)
    return redirect("registration:manage", registration.manage_token)


@never_cache
# Generous per-IP limit: a municipality's staff often share one public IP (NAT), and many of
# them register in the first hour. It still stops scripted floods.
@post_rate_limit("60/m")
def register(request, year, waiting_list=False):
    edition = _edition(year)
    state = services.summary(edition)
    if not state["is_open"]:
        status = 403 if request.method == "POST" else 200
        return render(request, "registration/closed.html", {"edition": edition, "state": state}, status=status)
    if request.method == "POST":
        form = RegistrationForm(request.POST, edition=edition)
        if form.is_valid():
            data = form.details()
            try:
                result = services.create_registration(
                    edition,
                    ticket_type=data["ticket_type"],
                    add_ons=data.get("add_ons") or [],
                    details={**data, "privacy_accepted": True},
                    payment_method=data["payment_method"],
                    access_code=data.get("access_code", ""),
                    form_token=data["form_token"],
                )
            except services.AlreadyRegistered as exc:
                # At most one e-mail per address in a while (decided under the registration's lock):
                # re-submitting the form must not let anyone flood someone's inbox.
                if services.resend_manage_link(exc.registration):
                    message = _(
                        "This e-mail address is already registered for this conference. We have sent the "
                        "link to the registration to that address again."
                    )
                else:
                    message = _(
                        "This e-mail address is already registered for this conference. We sent the "
                        "link to the registration to that address a short while ago. Check the inbox "
                        "(and the spam folder)."
                    )
                form.add_error("email", message)
            except services.RegistrationClosed:
                return render(request, "registration/closed.html", {"edition": edition, "state": state}, status=403)
            except services.RegistrationError as exc:
                # Under the field it concerns when the form shows that field, else for the form.
                form.add_error(exc.field if exc.field in form.fields else None, str(exc))
            else:
                registration = result.registration
                if result.outcome == "held":
                    return _go_to_checkout(request, registration)
                if result.outcome == "duplicate_post" and registration.state == State.HELD:
                    return redirect("registration:manage", registration.manage_token)
                return redirect("registration:receipt", registration.manage_token)
    else:
        form = RegistrationForm(edition=edition)
    context = {"edition": edition, "form": form, "state": state, "waiting_list_page": waiting_list}
    return render(request, "registration/register.html", context)


@never_cache
def receipt(request, token):
    """The page after registering (and Stripe's return page). With ``session_id`` it asks
    Stripe for the true state instead of trusting the redirect."""
    registration = _by_token(token)
    session_id = request.GET.get("session_id", "")
    known = Payment.objects.filter(registration=registration, stripe_session_id=session_id)
    if session_id and registration.state == State.HELD and known.exists():
        try:
            payment_services.sync_checkout_session(session_id, source=payment_services.RETURN)
        except stripe_gateway.PaymentProviderUnavailable:
            logger.warning("Could not re-read session %s on return", session_id)
        registration.refresh_from_db()
    return render(
        request,
        "registration/receipt.html",
        {"registration": registration, "edition": registration.edition, "returned_from_payment": bool(session_id)},
    )


def _programme_form(registration, data=None):
    """The "My programme" form, or None when the edition has no parallel sessions or the
    registration has no confirmed seat. Two queries: the sessions with their picks, and the
    participant's own picks."""
    if registration.state != State.CONFIRMED:
        return None
    slots = services.time_slots(services.parallel_sessions(registration.edition_id))
    if not slots:
        return None
    return PersonalProgrammeForm(data, slots=slots, chosen=services.chosen_session_ids(registration))


def _render_manage(request, registration, *, form=None, programme_form=None, status=200):
    editable = registration.state in Registration.ACTIVE_STATES
    if form is None and editable:
        form = ManageForm(
            initial={
                "first_name": registration.first_name,
                "last_name": registration.last_name,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "special_needs_consent": registration.special_needs_consent,
            }
        )
    if programme_form is None:
        programme_form = _programme_form(registration)
    paid = registration.payments.filter(paid_at__isnull=False).order_by("-paid_at").first()
    edition = registration.edition
    context = {
        "registration": registration,
        "edition": edition,
        "form": form if editable else None,
        "programme_form": programme_form,
        "can_choose_sessions": programme_form is not None and services.can_choose(registration),
        "choice_deadline": services.choice_deadline(edition),
        "can_cancel": services.can_cancel(registration),
        "can_transfer": services.can_transfer(registration),
        "has_certificate": Certificate.objects.filter(registration=registration).exists(),
        "deadline": services.settings_for(edition).effective_cancellation_deadline(),
        "paid_payment": paid,
        "order_confirmation": has_order_confirmation(registration),
        "card_enabled": stripe_gateway.card_payments_enabled(),
        "extra_links": manage_links.links_for(registration),
    }
    return render(request, "registration/manage.html", context, status=status)


@never_cache
@post_rate_limit("30/m")
def manage(request, token):
    registration = _by_token(token)
    editable = registration.state in Registration.ACTIVE_STATES
    form = None
    if request.method == "POST" and editable:
        form = ManageForm(request.POST)
        if form.is_valid():
            services.update_details(registration.pk, form.cleaned_data, source=Source.ATTENDEE)
            messages.success(request, _("Your changes have been saved."))
            return redirect("registration:manage", token)
    return _render_manage(request, registration, form=form)


@never_cache
@require_POST
@post_rate_limit("30/m")
def choose_sessions(request, token):
    """The participant's picks among parallel sessions (places decided under the edition lock).
    Any refusal is shown on the manage page with the picks as sent, never a 500."""
    registration = _by_token(token)
    form = _programme_form(registration, request.POST)
    if form is None:
        messages.error(request, str(services.ChoiceNotAllowed.message))
        return redirect("registration:manage", token)
    if form.is_valid():
        try:
            services.choose_sessions(registration.pk, form.session_ids())
        except services.SessionFull as exc:
            form.add_error(form.slot_of(exc.session), str(exc))
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your programme has been saved."))
            return redirect(reverse("registration:manage", args=[token]) + "#mitt-program")
    # Places left are read again, so a session that filled up meanwhile shows as full.
    fresh = _programme_form(registration, request.POST)
    if fresh is not None:
        fresh._errors = form.errors
        fresh.cleaned_data = getattr(form, "cleaned_data", {})
        form = fresh
    return _render_manage(request, registration, programme_form=form)


def personal_calendar(request, token):
    """The participant's own calendar file: the common programme and the parallel sessions they
    chose, not the others. Private: only through the manage link."""
    registration = _by_token(token)
    if registration.state != State.CONFIRMED:
        raise Http404
    edition = registration.edition
    sessions = services.personal_sessions(registration, programme_sessions(edition))
    feed = ProgrammeFeed(edition, sessions, request, file_name=f"mitt-program-{edition.year}.ics")
    return feed(request)


@never_cache
@post_rate_limit("10/m")
def cancel(request, token):
    registration = _by_token(token)
    if request.method == "POST":
        try:
            services.cancel_registration(registration.pk, source=Source.ATTENDEE)
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your registration has been cancelled."))
        return redirect("registration:manage", token)
    if not services.can_cancel(registration):
        return redirect("registration:manage", token)
    return render(request, "registration/cancel.html", {"registration": registration, "edition": registration.edition})


@require_POST
@post_rate_limit("10/m")
def pay(request, token):
    registration = _by_token(token)
    if registration.state != State.HELD:
        return redirect("registration:manage", token)
    return _go_to_checkout(request, registration)


def ticket(request, token):
    registration = _by_token(token)
    if registration.state != State.CONFIRMED:
        raise Http404
    response = HttpResponse(ticket_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="billett-{registration.reference}.pdf"'
    return response


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal documents: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


def has_order_confirmation(registration) -> bool:
    """An invoice registration with a seat gets an order confirmation (the card's receipt)."""
    return registration.payment_method == Registration.PaymentMethod.INVOICE and registration.state == State.CONFIRMED


def calendar(request, token):
    """The conference as a calendar file, for a confirmed attendee."""
    registration = _by_token(token)
    if registration.state != State.CONFIRMED:
        raise Http404
    edition = registration.edition
    return _download(edition_ics(edition), "text/calendar; charset=utf-8", f"konferansen-{edition.year}.ics")


def order_confirmation(request, token):
    registration = _by_token(token)
    if not has_order_confirmation(registration):
        raise Http404
    return _download(
        order_confirmation_pdf(registration), "application/pdf", f"ordrebekreftelse-{registration.reference}.pdf"
    )


def receipt_document(request, token):
    registration = _by_token(token)
    payment = registration.payments.filter(paid_at__isnull=False).order_by("-paid_at").first()
    if payment is None:
        raise Http404
    response = HttpResponse(receipt_pdf(registration, payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kvittering-{registration.reference}.pdf"'
    return response


def certificate(request, token):
    """The attendee's certificate of attendance (PDF), once issued."""
    registration = _by_token(token)
    issued = Certificate.objects.filter(registration=registration).select_related("registration__edition").first()
    if issued is None:
        raise Http404
    response = HttpResponse(certificate_pdf(issued), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="kursbevis-{registration.reference}.pdf"'
    return response


def verify_certificate(request, code):
    """Anyone with the address printed on a certificate can see that it is genuine: the name,
    the edition and the hours, nothing else. A forged or unknown code is 404."""
    issued = get_by_token_or_404(Certificate.objects.select_related("registration__edition"), "code", code)
    return render(
        request,
        "registration/verify_certificate.html",
        {"certificate": issued, "edition": issued.registration.edition, "hours": hours_text(issued.hours)},
    )


@never_cache
@post_rate_limit("10/m")
def offer(request, token):
    registration = get_by_token_or_404(
        Registration.objects.select_related("edition", "ticket_type"), "offer_token", token
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "decline":
                services.decline_offer(token)
                messages.info(request, _("You have declined the seat. Thank you for letting us know."))
                return redirect("registration:manage", registration.manage_token)
            registration = services.accept_offer(token)
        except services.RegistrationError:
            messages.error(request, _("The offer is no longer valid."))
            return redirect("registration:manage", registration.manage_token)
        if registration.state == State.HELD:
            return _go_to_checkout(request, registration)
        return redirect(reverse("registration:receipt", args=[registration.manage_token]))
    valid = registration.state == State.OFFERED and registration.offer_expires_at > timezone.now()
    return render(
        request,
        "registration/offer.html",
        {"registration": registration, "edition": registration.edition, "valid": valid},
    )
