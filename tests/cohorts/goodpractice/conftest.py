import io
import zipfile

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from cohorts.models import Theme
from tests.factories import GoodPracticeIndexPageFactory


@pytest.fixture
def index(db):
    return GoodPracticeIndexPageFactory()


@pytest.fixture
def themes(db):
    return list(Theme.objects.filter(good_practice=True).order_by("name"))


def office_file(name, folder):
    """A minimal DOCX, XLSX or PPTX: a zip with its content types and its main
    part's folder."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_file(name="report.pdf", size=None):
    content = b"%PDF-1.4\n%demo\n"
    if size:
        content += b"0" * (size - len(content))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def form_data(themes):
    """A complete, valid submission."""

    def data(**changes):
        return {
            "title": "A carers' café for students",
            "summary": "Students meet carers over coffee once a month.",
            "what_was_done": "A carers' group hosts an informal café.",
            "evidence": "Reflective logs mention carers three times as often.",
            "themes": [themes[0].slug, themes[2].slug],
            "organisation": "Saltmarsh Carers' Group",
            "link": "",
            "contact_email": "secret.sharer@example.org",
            "consent": "on",
            "website": "",
            **changes,
        }

    return data
