"""The fellows directory: consented fellows only, filtered by cohort,
profession and organisation with a plain GET form, a page at a time."""

import re

import pytest

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cohorts.models import Fellow
from tests.factories import (
    CohortPageFactory,
    FellowFactory,
    FellowIndexPageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    StandardPageFactory,
)

CARD = re.compile(r'class="nhsuk-card__link" href="[^"]+">([^<]+)</a>')
NURSE, DOCTOR, MIDWIFE = (
    Fellow.Profession.NURSE,
    Fellow.Profession.DOCTOR,
    Fellow.Profession.MIDWIFE,
)


@pytest.fixture
def directory(db):
    index = FellowIndexPageFactory()
    index.qi = CohortPageFactory(
        parent=ProgrammePageFactory(title="QI Fellowship"), title="Cohort 2016/17"
    )
    index.cl = CohortPageFactory(
        parent=ProgrammePageFactory(title="Clinical Leadership"),
        title="Cohort 2016/17",
    )
    index.north = OrganisationFactory(name="North Trust")
    index.south = OrganisationFactory(name="South Trust")
    index.hidden_trust = OrganisationFactory(name="Hidden Trust")
    rows = [
        ("Ann Able", index.qi, NURSE, index.north, True),
        ("Ben Brook", index.qi, DOCTOR, index.south, True),
        ("Cat Cole", index.cl, NURSE, index.south, True),
        ("Hidden Harriet", index.cl, MIDWIFE, index.hidden_trust, False),
    ]
    for name, cohort, profession, organisation, consent in rows:
        FellowFactory(
            name=name,
            cohort=cohort,
            profession=profession,
            organisation=organisation,
            public_consent=consent,
        )
    return index


def names(response):
    return CARD.findall(response.text)


def test_directory_lists_consented_fellows_with_a_count(client, directory):
    response = client.get(directory.url)
    assert names(response) == ["Ann Able", "Ben Brook", "Cat Cole"]
    assert '<h2 id="fellows-heading">3 fellows</h2>' in response.text


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("cohort", "qi", ["Ann Able", "Ben Brook"]),
        ("cohort", "cl", ["Cat Cole"]),
        ("profession", NURSE, ["Ann Able", "Cat Cole"]),
        ("organisation", "south", ["Ben Brook", "Cat Cole"]),
    ],
)
def test_directory_filters_by_one_field(client, directory, field, value, expected):
    value = getattr(directory, value).pk if field != "profession" else value
    assert names(client.get(directory.url, {field: value})) == expected


def test_directory_filters_combine(client, directory):
    params = {"profession": NURSE, "organisation": directory.south.pk}
    assert names(client.get(directory.url, params)) == ["Cat Cole"]


def test_directory_shows_the_chosen_filter_selected(client, directory):
    html = client.get(directory.url, {"cohort": directory.cl.pk}).text
    assert (
        f'<option value="{directory.cl.pk}" selected>'
        "Clinical Leadership – Cohort 2016/17</option>"
    ) in html
    assert '<a href="/fellows/">Show all fellows</a>' in html


def test_directory_choices_tell_nothing_of_fellows_who_did_not_consent(
    client, directory
):
    html = client.get(directory.url).text
    assert "Hidden Trust" not in html
    assert f'value="{MIDWIFE}"' not in html
    assert "Hidden Harriet" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"cohort": "abc"},
        {"cohort": "999999"},
        {"profession": "astronaut"},
        {"organisation": "1e9"},
        {"profession": MIDWIFE},  # only a fellow who did not consent
        {"organisation": "hidden_trust"},
    ],
)
def test_directory_filter_that_matches_no_choice_is_empty_with_a_message(
    client, directory, params
):
    if params.get("organisation") == "hidden_trust":
        params = {"organisation": directory.hidden_trust.pk}
    response = client.get(directory.url, params)
    assert response.status_code == 200
    assert names(response) == []
    assert "We found no fellows for that " in response.text
    assert ": choose one from the list." in response.text


def photo():
    return get_image_model().objects.create(
        title="Portrait", file=get_test_image_file()
    )


def test_directory_cards_show_the_fellow_photo(client, directory):
    FellowFactory(name="Dee Dunn", photo=photo())
    html = client.get(directory.url).text
    card = html.split("Dee Dunn</a>")[0].rsplit("nhsuk-card--clickable", 1)[1]
    assert re.search(
        r'<img class="nhsuk-card__img" src="[^"]+fill-400x400[^"]*" alt="">', card
    )


def test_directory_paginates(client, directory):
    for n in range(24):
        FellowFactory(name=f"Zed {n:02d}")
    response = client.get(directory.url, {"page": 2})
    assert names(response) == ["Zed 21", "Zed 22", "Zed 23"]
    assert client.get(directory.url, {"page": 3}).status_code == 404
    assert client.get(directory.url, {"page": "two"}).status_code == 404


def test_directory_pages_keep_the_filters(client, directory):
    for n in range(25):
        FellowFactory(name=f"Zed {n:02d}", profession=NURSE)
    html = client.get(directory.url, {"profession": NURSE}).text
    assert 'href="?profession=nurse&amp;page=2"' in html


def test_directory_queries_do_not_grow_with_fellows(client, count_queries):
    """The same number of queries for 2 fellows as for 12, and at most 12 more
    than a plain page's."""
    index = FellowIndexPageFactory()

    def add(count):
        for _ in range(count):
            FellowFactory(cohort=CohortPageFactory(), photo=photo())
        client.get(index.url)  # warm the caches, make the photos' renditions

    add(2)
    few = count_queries(lambda: client.get(index.url))
    add(10)
    assert count_queries(lambda: client.get(index.url)) == few
    plain = StandardPageFactory()
    client.get(plain.url)
    assert few - count_queries(lambda: client.get(plain.url)) <= 12
