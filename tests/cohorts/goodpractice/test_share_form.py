"""The public "Share good practice" form: a valid example becomes a draft in the
moderation workflow; every bad input is a clear message, a 4xx and nothing
written."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.models import WorkflowState

from cohorts.goodpractice import submission
from cohorts.goodpractice.forms import HONEYPOT_MESSAGE
from cohorts.goodpractice.views import RATE_MESSAGE, SUBMISSIONS_PER_HOUR
from cohorts.models import GoodPracticePage
from tests.factories import OrganisationFactory, StaffUserFactory

from .conftest import office_file, pdf_file

URL = "/share-good-practice/"
Document = get_document_model()


def nothing_written():
    return not GoodPracticePage.objects.exists() and not Document.objects.exists()


def test_the_form_shows_every_field_and_hides_the_honeypot(client, index):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for label in [
        "Title",
        "Summary",
        "What was done",
        "The evidence or outcome",
        "Themes",
        "Organisation",
        "Link (optional)",
        "Document (optional)",
        "Your email address",
        "Consent to publish",
        "Service users and carers in education",
    ]:
        assert label in html, label
    assert 'enctype="multipart/form-data"' in html
    assert '<div class="nhsuk-u-visually-hidden" aria-hidden="true">' in html
    assert 'name="website" type="text" tabindex="-1"' in html


def test_a_valid_example_becomes_a_draft_in_moderation(client, index, form_data):
    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("share_good_practice_sent")
    page = GoodPracticePage.objects.get()
    assert page.get_parent().specific == index
    assert not page.live
    assert page.title == "A carers' café for students"
    assert page.slug == "a-carers-cafe-for-students"
    assert page.contact_email == "secret.sharer@example.org"
    assert page.organisation is None
    assert page.organisation_name == "Saltmarsh Carers' Group"
    assert sorted(t.slug for t in page.themes.all()) == sorted(form_data()["themes"])
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by is None
    assert page.get_latest_revision().as_object().summary == form_data()["summary"]


def test_the_thank_you_page_says_what_happens_next(client, index, form_data):
    response = client.post(URL, form_data(), follow=True)

    assert response.status_code == 200
    assert "Thank you: your example has been sent for review" in (
        response.content.decode()
    )


def test_an_organisation_in_the_records_is_linked(client, index, form_data):
    organisation = OrganisationFactory(name="Saltmarsh Primary Care Partnership")

    client.post(URL, form_data(organisation="saltmarsh primary care partnership"))

    page = GoodPracticePage.objects.get()
    assert page.organisation == organisation
    assert page.organisation_display == "Saltmarsh Primary Care Partnership"


def test_the_contact_is_acknowledged_and_staff_are_notified(client, index, form_data):
    staff = StaffUserFactory(email="reviewer@example.org")

    client.post(URL, form_data())

    to_contact = [m for m in mail.outbox if m.to == ["secret.sharer@example.org"]]
    assert len(to_contact) == 1
    assert "We have received your good practice example" in to_contact[0].subject
    assert "A carers' café for students" in to_contact[0].body
    to_staff = [m for m in mail.outbox if staff.email in m.to]
    assert to_staff
    assert "A carers' café for students" in to_staff[0].body


def test_two_examples_with_one_title_get_different_addresses(client, index, form_data):
    client.post(URL, form_data())
    client.post(URL, form_data())

    assert sorted(GoodPracticePage.objects.values_list("slug", flat=True)) == [
        "a-carers-cafe-for-students",
        "a-carers-cafe-for-students-2",
    ]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter a title"),
        ({"summary": "  "}, "Enter a summary"),
        ({"what_was_done": ""}, "Enter what was done"),
        ({"evidence": ""}, "Enter the evidence or outcome"),
        ({"organisation": ""}, "Enter the name of the organisation"),
        ({"themes": []}, "Select at least one theme"),
        ({"themes": ["not-a-theme"]}, "Select themes from the list"),
        ({"contact_email": ""}, "Enter your email address"),
        ({"contact_email": "not an email"}, "Enter an email address in the correct"),
        ({"consent": ""}, "Agree to your example being published"),
        ({"link": "not a link"}, "Enter a web address in the correct format"),
        ({"title": "x" * 151}, "Title must be 150 characters or fewer"),
        ({"summary": "x" * 501}, "Summary must be 500 characters or fewer"),
        ({"what_was_done": "x" * 5001}, "What was done must be 5,000 characters"),
        ({"evidence": "x" * 5001}, "The evidence or outcome must be 5,000 char"),
        ({"organisation": "x" * 161}, "Organisation must be 160 characters"),
        ({"link": "https://example.org/" + "x" * 500}, "The link must be 500 char"),
        (
            {"contact_email": "a" * 250 + "@example.org"},
            "Your email address must be 254 characters or fewer",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    client, index, form_data, changes, message
):
    response = client.post(URL, form_data(**changes))

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert nothing_written()
    assert mail.outbox == []


def test_the_error_summary_links_to_the_field(client, index, form_data):
    response = client.post(URL, form_data(title=""))

    assert '<a href="#id_title">Enter a title</a>' in response.content.decode()
    assert "<title>Error: Share good practice" in response.content.decode()


def test_what_was_typed_is_kept_after_an_error(client, index, form_data):
    response = client.post(URL, form_data(title=""))

    html = response.content.decode()
    assert "Students meet carers over coffee once a month." in html
    assert f'value="{form_data()["themes"][0]}" checked' in html


@pytest.mark.parametrize(
    "upload",
    [
        pdf_file(),
        office_file("plan.docx", "word/"),
        office_file("data.xlsx", "xl/"),
        office_file("slides.pptx", "ppt/"),
    ],
    ids=["pdf", "docx", "xlsx", "pptx"],
)
def test_a_document_is_kept_privately_until_published(client, index, form_data, upload):
    upload.seek(0)
    client.post(URL, form_data(document=upload))

    page = GoodPracticePage.objects.get()
    document = page.document
    assert document.collection.name == submission.SUBMISSIONS
    assert document.file_size > 0
    assert client.get(document.url).status_code != 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            pdf_file("virus.exe"),
            "The selected file must be a PDF, Word (DOCX), Excel (XLSX) or "
            "PowerPoint (PPTX) file",
        ),
        (
            pdf_file(size=5 * 1024 * 1024 + 1),
            "The selected file must be smaller than 5.0",
        ),
        (
            office_file("fake.pdf", "word/"),
            "The selected file is damaged or is not really a PDF",
        ),
        (
            pdf_file("renamed.docx"),
            "The selected file is damaged or is not really a PDF",
        ),
        (
            office_file("slides-as-word.docx", "ppt/"),
            "The selected file is damaged or is not really a PDF",
        ),
    ],
    ids=["wrong-type", "too-big", "not-a-pdf", "not-a-zip", "wrong-office-part"],
)
def test_a_bad_document_is_a_clear_error_and_writes_nothing(
    client, index, form_data, upload, message
):
    response = client.post(URL, form_data(document=upload))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_written()


def test_a_filled_honeypot_is_refused_and_writes_nothing(client, index, form_data):
    response = client.post(URL, form_data(website="https://cheap-pills.example"))

    assert response.status_code == 400
    assert HONEYPOT_MESSAGE in response.content.decode()
    assert nothing_written()
    assert mail.outbox == []


def test_the_rate_limit_refuses_a_sixth_example_from_one_address(
    client, index, form_data
):
    for _ in range(SUBMISSIONS_PER_HOUR):
        assert client.post(URL, form_data()).status_code == 302
    mail.outbox.clear()

    response = client.post(URL, form_data())

    assert response.status_code == 429
    assert RATE_MESSAGE in response.content.decode()
    assert GoodPracticePage.objects.count() == SUBMISSIONS_PER_HOUR
    assert mail.outbox == []
    other = client.post(URL, form_data(), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_a_failure_half_way_writes_nothing(index, form_data, themes, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(GoodPracticePage, "save_revision", broken)
    data = {**form_data(), "themes": themes[:1], "document": pdf_file()}

    with pytest.raises(RuntimeError):
        submission.submit(data, index)

    assert nothing_written()


def test_without_a_good_practice_section_the_form_is_not_found(client, db):
    assert client.get(URL).status_code == 404


def test_other_methods_are_refused(client, index):
    assert client.put(URL).status_code == 405
