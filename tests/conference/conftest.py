import pytest

from tests.conference.factories import ConferenceEditionPageFactory, ConferenceIndexPageFactory


@pytest.fixture
def conference_index(home_page):
    return ConferenceIndexPageFactory(parent=home_page)


@pytest.fixture
def edition(conference_index):
    return ConferenceEditionPageFactory(parent=conference_index, year=2026, title="Konferansen 2026")
