import datetime

import factory

from django.contrib.auth import get_user_model

from cohorts.models import (
    AccreditationStatus,
    Coach,
    Fellow,
    FellowOutcome,
    Organisation,
)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()


class OrganisationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Northfield NHS Trust {n}")
    kind = Organisation.Kind.NHS_TRUST
    region = "North West"

    class Meta:
        model = Organisation


class AccreditationStatusFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Step {n}")
    sort_order = factory.Sequence(int)

    class Meta:
        model = AccreditationStatus


class CoachFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Coach {n}")
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Coach


class FellowFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fellow {n}")
    slug = factory.Sequence(lambda n: f"fellow-{n}")
    profession = Fellow.Profession.NURSE
    job_title = "Ward manager"
    organisation = factory.SubFactory(OrganisationFactory)
    public_consent = True
    email = factory.LazyAttribute(lambda fellow: f"{fellow.slug}@example.org")

    class Meta:
        model = Fellow


class FellowOutcomeFactory(factory.django.DjangoModelFactory):
    fellow = factory.SubFactory(FellowFactory)
    kind = FellowOutcome.Kind.PRESENTATION
    date = datetime.date(2014, 6, 1)
    title = factory.Sequence(lambda n: f"Poster at the regional QI conference {n}")

    class Meta:
        model = FellowOutcome
