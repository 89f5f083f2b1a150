"""The registration's field groups, declared once.

Who may change, see, erase or export which fields is decided by these tuples; forms, the
services, the admin and the retention job all read them instead of keeping their own lists.
"""

# What the attendee gives about themselves (``create_registration`` copies these from the form).
PERSON = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "municipality",
    "municipality_other",
    "job_title",
)

# Special-category data (GDPR art. 9), shown only with ``registration.view_special_needs``.
SPECIAL_NEEDS = ("special_needs_consent", "dietary_needs", "accessibility_needs")

CONSENTS = ("participant_list_consent",)

# Who pays an invoice and where it goes.
INVOICE = (
    "invoice_org_number",
    "invoice_organisation",
    "invoice_delivery",
    "invoice_street_address",
    "invoice_postal_code",
    "invoice_city",
    "invoice_email",
    "invoice_reference",
    "invoice_contact",
)

# Every personal field: what organisers may change through ``services.update_details``.
PERSONAL = PERSON + SPECIAL_NEEDS + CONSENTS + INVOICE

# What the attendee may change on their own page (the manage link).
EDITABLE_BY_ATTENDEE = ("first_name", "last_name", *SPECIAL_NEEDS)

# Erased when a cancelled or expired registration is anonymised after the retention period
# (name and e-mail are replaced, organisation and municipality kept for statistics).
ANONYMISED = (
    "phone",
    "job_title",
    "dietary_needs",
    "accessibility_needs",
    "invoice_street_address",
    "invoice_postal_code",
    "invoice_city",
    "invoice_email",
    "invoice_reference",
    "invoice_contact",
    "municipality_other",
)

# Never part of a personal-data export: secrets that open the registration, and relations
# exported by name instead of id.
NOT_EXPORTED = ("edition", "ticket_type", "municipality", "created_by", "manage_token", "form_token", "offer_token")
