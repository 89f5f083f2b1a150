import datetime

import factory
import wagtail_factories

from cms.events.models import EventIndexPage, EventPage
from cms.news.models import NewsIndexPage, NewsPage, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")

    class Meta:
        model = Topic
        django_get_or_create = ["slug"]


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheter"
    slug = "nyheter"
    intro = "Nytt fra samarbeidet."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet {n}")
    slug = factory.Sequence(lambda n: f"nyhet-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    lead = factory.LazyAttribute(lambda o: f"Ingress til {o.title}.")
    author_name = "Sekretariatet"

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics = extracted
            self.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kalender"
    slug = "kalender"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Arrangement {n}")
    slug = factory.Sequence(lambda n: f"arrangement-{n}")
    start = factory.LazyFunction(lambda: datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    location = "Alrek helseklynge"
    lead = "Et arrangement."

    class Meta:
        model = EventPage
