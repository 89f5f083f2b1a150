"""Demo: registration open on the 2028 edition with a free ticket (access code), an invoice
ticket and a card ticket, a conference dinner with its own capacity, and a few registrations
in different states for the organisers' views."""

import datetime

from django.utils import timezone

from cms.network.models import Municipality
from conference.editions.models import ConferenceEditionPage

from . import services
from .models import AddOn, FeedbackInvitation, Registration, RegistrationSettings, RegistrationStateChange, TicketType

DEMO_ACCESS_CODE = "GJEST2028"


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))


def load(home, stdout) -> None:
    _attended_2026(stdout)
    edition = ConferenceEditionPage.objects.filter(year=2028).first()
    if edition is None:
        return
    if edition.status != ConferenceEditionPage.Status.OPEN:
        # Data, not code: open registration on the demo edition through a new revision.
        edition.status = ConferenceEditionPage.Status.OPEN
        edition.registration_opens = edition.registration_opens or aware(2026, 11, 1, 9, 0)
        edition.registration_closes = edition.registration_closes or aware(2028, 8, 25, 23, 59)
        edition.capacity = edition.capacity or 250
        edition.save_revision().publish()
        edition.refresh_from_db()
    RegistrationSettings.objects.get_or_create(
        edition=edition,
        defaults={
            "cancellation_deadline": aware(2028, 8, 25, 23, 59),
            "invoice_note": "Faktura sendes arbeidsgiver etter konferansen. Husk bestillernummer/ressursnummer.",
        },
    )
    if edition.ticket_types.exists():
        return
    free = TicketType.objects.create(
        edition=edition,
        name="Foredragsholder eller partner",
        description="Gratis for foredragsholdere og partnere. Krever tilgangskode fra arrangøren.",
        price_ore=0,
        access_code=DEMO_ACCESS_CODE,
        capacity=40,
        sort_order=1,
    )
    invoice = TicketType.objects.create(
        edition=edition,
        name="Deltaker – faktura til arbeidsgiver",
        description="Vanlig billett for ansatte i kommuner og institusjoner. Faktura (EHF) til arbeidsgiveren.",
        price_ore=150000,
        allow_invoice=True,
        sort_order=2,
    )
    card = TicketType.objects.create(
        edition=edition,
        name="Deltaker – betaling med kort",
        description="For deg som betaler selv.",
        price_ore=150000,
        allow_card=True,
        capacity=30,
        sort_order=3,
    )
    dinner = AddOn.objects.create(
        edition=edition,
        name="Konferansemiddag",
        description="Middag på kvelden etter konferansen.",
        price_ore=0,
        capacity=120,
    )
    municipalities = list(Municipality.objects.all()[:4])

    def person(first, last, n, **extra):
        details = {
            "first_name": first,
            "last_name": last,
            "email": f"{first.lower()}.{last.lower()}@example.no",
            "phone": "+4791234567",
            "organisation": extra.pop("organisation", "Bergen kommune"),
            "municipality": municipalities[n % len(municipalities)] if municipalities else None,
            "municipality_other": "" if municipalities else "Vestland",
            "job_title": extra.pop("job_title", "Fagutvikler"),
            "participant_list_consent": True,
            "privacy_accepted": True,
            **extra,
        }
        return details

    invoice_fields = {
        "invoice_org_number": "964338531",
        "invoice_organisation": "Bergen kommune",
        "invoice_delivery": Registration.InvoiceDelivery.EHF,
        "invoice_reference": "RES-40213",
        "invoice_contact": "Kari Regnskap",
    }
    org = RegistrationStateChange.Source.ORGANISER
    made = [
        services.create_registration(
            edition,
            ticket_type=invoice,
            add_ons=[dinner],
            payment_method="invoice",
            details=person(
                "Ingrid", "Haugland", 0, dietary_needs="Glutenfri", special_needs_consent=True, **invoice_fields
            ),
            source=org,
        ),
        services.create_registration(
            edition,
            ticket_type=invoice,
            payment_method="invoice",
            details=person("Ola", "Brekke", 1, job_title="Enhetsleder", **invoice_fields),
            source=org,
        ),
        services.create_registration(
            edition,
            ticket_type=free,
            add_ons=[dinner],
            payment_method="free",
            details=person("Siri", "Vik", 2, organisation="Universitetet i Bergen", job_title="Professor"),
            source=org,
        ),
        services.create_registration(
            edition,
            ticket_type=card,
            payment_method="card",
            details=person("Jonas", "Myhre", 3, organisation="Selvstendig"),
            source=org,
        ),
        services.create_registration(
            edition,
            ticket_type=invoice,
            payment_method="comped",
            details=person("Marte", "Lie", 0, job_title="Rådgiver"),
            source=org,
        ),
    ]
    cancelled = services.create_registration(
        edition,
        ticket_type=invoice,
        payment_method="invoice",
        details=person("Per", "Aas", 1, **invoice_fields),
        source=org,
    )
    services.cancel_registration(cancelled.registration.pk, source=org, note="Demo: avbestilt")
    group = _group_order(edition, invoice, dinner)
    picks = _session_picks(edition)
    stdout.write(
        f"Registration: {len(made) + 1} demo registrations on {edition.title} (access code {DEMO_ACCESS_CODE}); "
        f"group order {group.order.reference} with {len(group.registrations)} participants; "
        f"{picks} participants chose parallel sessions"
    )


def _session_picks(edition) -> int:
    """The confirmed participants choose parallel sessions: the first three fill the small
    workshop (so it shows as full), the others spread over the rooms."""
    slots = services.time_slots(services.parallel_sessions(edition.pk))
    if not slots:
        return 0
    confirmed = Registration.objects.filter(edition=edition, state=Registration.State.CONFIRMED).order_by("pk")
    chosen = 0
    for n, registration in enumerate(confirmed):
        first = slots[0].sessions
        small = [s for s in first if s.capacity is not None and s.capacity < 10]
        picks = [small[0] if small and n < 3 else first[n % 2]]
        picks += [slot.sessions[n % len(slot.sessions)] for slot in slots[1:]]
        try:
            services.choose_sessions(registration.pk, [s.pk for s in picks])
        except services.RegistrationError:
            continue
        chosen += 1
    return chosen


def _group_order(edition, ticket, dinner):
    """A unit leader in a home-care service signs up her staff on one invoice; one of them
    has since handed the seat to a colleague."""
    staff = [
        ("Hanne", "Sæbø", "Sykepleier", "Laktoseintolerant"),
        ("Tor", "Kleppe", "Sykepleier", ""),
        ("Amina", "Yusuf", "Helsefagarbeider", ""),
        ("Lars", "Fjeld", "Fagkonsulent", ""),
    ]
    result = services.create_group_order(
        edition,
        orderer={
            "first_name": "Solveig",
            "last_name": "Mjanger",
            "email": "solveig.mjanger@example.no",
            "phone": "+4791234568",
            "organisation": "Askøy kommune, hjemmetjenesten",
        },
        participants=[
            services.Participant(
                ticket_type=ticket,
                add_ons=(dinner,) if n < 2 else (),
                details={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{first.lower()}.{last.lower()}@askoy-demo.no".replace("æ", "ae"),
                    "job_title": title,
                    "dietary_needs": needs,
                    "special_needs_consent": bool(needs),
                    "participant_list_consent": True,
                },
            )
            for n, (first, last, title, needs) in enumerate(staff)
        ],
        payment_method="invoice",
        invoice={
            "invoice_org_number": "964338442",
            "invoice_organisation": "Askøy kommune",
            "invoice_delivery": Registration.InvoiceDelivery.EHF,
            "invoice_reference": "HJT-2028-117",
            "invoice_contact": "Solveig Mjanger",
        },
        municipality_other="Askøy",
    )
    services.transfer_registration(
        result.registrations[1].pk,
        first_name="Kjersti",
        last_name="Hope",
        email="kjersti.hope@askoy-demo.no",
        source=RegistrationStateChange.Source.ORGANISER,
    )
    return result


def _attended_2026(stdout) -> None:
    """The 2026 conference is over: a few participants were checked in at the door and have
    their certificates of attendance, with the hours of the 2026 programme."""
    edition = ConferenceEditionPage.objects.filter(year=2026).first()
    if edition is None or Registration.objects.filter(edition=edition).exists():
        return
    ticket = TicketType.objects.create(
        edition=edition,
        name="Deltaker 2026",
        description="Billett til konferansen i 2026.",
        price_ore=0,
        active=False,
    )
    org = RegistrationStateChange.Source.ORGANISER
    people = [
        ("Randi", "Solheim", "Fjell kommune", "Avdelingsleder sykehjem"),
        ("Eirik", "Nygård", "Høgskulen på Vestlandet", "Førsteamanuensis"),
        ("Linnea", "Berg", "Haukeland universitetssjukehus", "Spesialsykepleier"),
    ]
    for first, last, organisation, title in people:
        registration = services.create_registration(
            edition,
            ticket_type=ticket,
            payment_method="comped",
            details={
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}.{last.lower()}@example.no".replace("å", "a"),
                "organisation": organisation,
                "municipality_other": "Vestland",
                "job_title": title,
            },
            source=org,
        ).registration
        services.check_in(registration.pk)
        services.issue_certificate(registration.pk)
    issued = len(people)
    # Two of them answered the evaluation (stored without their names).
    answers = [
        (
            {"overall": 5, "relevance": 5, "learning": 4, "organisation": 4},
            "Nyttig å høre hvordan Fjell organiserte kompetanseløftet.",
        ),
        (
            {"overall": 4, "relevance": 3, "learning": 4, "organisation": 5},
            "Gjerne mer tid til spørsmål etter parallellsesjonene.",
        ),
    ]
    for registration, (scores, comment) in zip(Registration.objects.filter(edition=edition), answers, strict=False):
        invitation, _created = FeedbackInvitation.objects.get_or_create(registration=registration)
        services.submit_feedback(invitation.token, scores, comment)
    stdout.write(f"Registration: {issued} certificates of attendance for {edition.title}")
