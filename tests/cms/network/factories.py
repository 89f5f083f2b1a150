import datetime

import factory

from cms.network.models import (
    Body,
    FouContact,
    Institution,
    Membership,
    Municipality,
    MunicipalityMembershipPeriod,
    Person,
)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")

    class Meta:
        model = Municipality


class MembershipPeriodFactory(factory.django.DjangoModelFactory):
    municipality = factory.SubFactory(MunicipalityFactory)
    start_date = datetime.date(2017, 1, 1)

    class Meta:
        model = MunicipalityMembershipPeriod


class InstitutionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Institusjon {n}")
    partner_since = datetime.date(2015, 1, 1)

    class Meta:
        model = Institution


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Person {n}")

    class Meta:
        model = Person


class BodyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Gruppe {n}")
    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    kind = Body.Kind.STEERING_GROUP

    class Meta:
        model = Body


class MembershipFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    term_start = datetime.date(2024, 1, 1)
    term_end = datetime.date(2025, 12, 31)

    class Meta:
        model = Membership


class FouContactFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    municipality = factory.SubFactory(MunicipalityFactory)

    class Meta:
        model = FouContact
