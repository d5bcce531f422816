"""What the demo puts forward: the projects the home page features, and the
resources (documents) of the first learning module. Both are written through a
published revision, as an editor's save would be, and only when none are set."""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from cohorts.models import FellowProjectPage
from home.models import HomePageFeaturedProject
from modules.models import LearningModuleResource

RESOURCES = [
    (
        "PDSA cycle worksheet",
        "pdsa-cycle-worksheet.txt",
        "Plan: what change, what you predict, what you will measure.\n"
        "Do: what happened.\nStudy: the data against the prediction.\n"
        "Act: adopt, adapt or abandon.\n",
    ),
    (
        "Run chart data template",
        "run-chart-data-template.csv",
        "Period,Value,Note\n2014-10-01,,\n2014-11-01,,\n",
    ),
]


def load_featured(home):
    """Feature three projects that have measures with data. Returns the number
    of objects created."""
    if home.featured_projects.exists():
        return 0
    projects = (
        FellowProjectPage.objects.live()
        .filter(measures__points__isnull=False)
        .distinct()
        .order_by("path")[:3]
    )
    home.featured_projects = [HomePageFeaturedProject(project=p) for p in projects]
    home.save_revision().publish()
    return len(projects)


def load_resources(module):
    """Give the module two documents to download. Returns the number of
    objects created."""
    if module.resources.exists():
        return 0
    documents = []
    for title, filename, text in RESOURCES:
        document = get_document_model().objects.filter(title=title).first()
        if document is None:
            document = get_document_model().objects.create(
                title=title, file=ContentFile(text.encode(), name=filename)
            )
        documents.append(document)
    module.resources = [LearningModuleResource(document=d) for d in documents]
    module.save_revision().publish()
    return 2 * len(documents)
