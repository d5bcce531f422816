"""The demo's good-practice collection: a "Good practice" section with eight
published examples across the four themes, linked to fellow projects and
organisations, and one more example shared through the public form's own
submission function, left awaiting staff review."""

from wagtail.models import Page

from cohorts.goodpractice.submission import submit
from cohorts.models import (
    FellowProjectPage,
    GoodPracticeIndexPage,
    GoodPracticePage,
    Organisation,
    Theme,
)

SERVICE_USERS = "service-users-and-carers"
DIGITAL = "digital-technology"
INTERDISCIPLINARY = "interdisciplinary-education"
QI_RESEARCH = "qi-in-research-and-education"

# (slug, title, themes, organisation (a record's name, or a name as given),
#  summary, what was done, evidence or outcome)
EXAMPLES = [
    (
        "carers-co-teach-discharge-planning",
        "Carers co-teach discharge planning",
        [SERVICE_USERS, INTERDISCIPLINARY],
        "Northbridge Teaching Hospitals NHS Trust",
        "Family carers teach ward teams what a safe discharge looks like from home.",
        "Four carers joined the ward's monthly teaching. Each told the story of "
        "one discharge, and nurses, therapists and doctors planned the next one "
        "with them.",
        "Discharges with a written plan shared with the carer rose from 40% to "
        "85% over six months on the run chart.",
    ),
    (
        "patient-voices-in-simulation",
        "Patient voices in simulation training",
        [SERVICE_USERS],
        "Westfield Children's Hospital NHS Trust",
        "Young patients and parents wrote and played the scenarios in "
        "paediatric simulation.",
        "A parents' group wrote six scenarios from their own stays and took "
        "part in the debriefs.",
        "Trainees rated communication teaching higher in every session, and "
        "two scenarios are now in the regional programme.",
    ),
    (
        "ward-rounds-by-video-for-students",
        "Students join ward rounds by video",
        [DIGITAL],
        "Hallam Valley NHS Foundation Trust",
        "Students on placement at community sites join the consultant ward round "
        "by secure video.",
        "A tablet on the ward round and a short etiquette guide let students "
        "follow and ask questions without crowding the bay.",
        "Students at community sites took part in twice as many ward rounds, "
        "with no complaints from patients.",
    ),
    (
        "qr-codes-for-just-in-time-learning",
        "QR codes for just-in-time learning",
        [DIGITAL, QI_RESEARCH],
        "Eastmoor Community Health NHS Trust",
        "Two-minute videos behind QR codes on equipment, tested in PDSA cycles.",
        "The team tested one video at a time on infusion pumps and changed each "
        "after feedback from the night staff.",
        "Calls to the practice educator about pump set-up fell from 12 to 3 a month.",
    ),
    (
        "shared-deterioration-training",
        "Paramedics and nurses train together on deterioration",
        [INTERDISCIPLINARY],
        "Coastal Ambulance Service NHS Trust",
        "Joint training on the deteriorating patient for paramedics and "
        "emergency department nurses.",
        "Half-day sessions with mixed groups, built around handovers that had "
        "gone wrong.",
        "Handover checklist use rose from 55% to 90%, a shift on the run chart "
        "that has held for a year.",
    ),
    (
        "pharmacy-and-medicine-teaching-rounds",
        "Pharmacists teach on the medical take",
        [INTERDISCIPLINARY, QI_RESEARCH],
        "Pennine Acute Care NHS Trust",
        "Pharmacists lead a weekly teaching round on the acute medical unit.",
        "Each week a pharmacist picks one prescribing error from the unit's own "
        "data and teaches the team around it.",
        "Omitted critical doses fell by a third over nine months.",
    ),
    (
        "qi-projects-as-student-research",
        "QI projects count as student research",
        [QI_RESEARCH],
        "University of Northbridge",
        "Final-year students can do a supervised QI project in place of a "
        "literature review.",
        "The university and two trusts agreed a marking scheme for QI projects "
        "and paired each student with a fellow as a supervisor.",
        "Twenty-two projects in two years; five were presented at the regional "
        "conference.",
    ),
    (
        "peer-support-workers-teach-recovery",
        "Peer support workers teach recovery-focused care",
        [SERVICE_USERS, QI_RESEARCH],
        "Riverside Community Recovery College",
        "People with lived experience teach staff what recovery-focused care means.",
        "A recovery college course co-written by peer support workers, offered "
        "to every new member of staff.",
        "Ward teams' scores on the recovery audit rose on every ward that took part.",
    ),
]

SUBMITTED = {
    "title": "A carers' café for students on placement",
    "summary": "Students on community placements meet carers over coffee once a month.",
    "what_was_done": "A local carers' group hosts an informal café where "
    "students ask what helps and what does not.",
    "evidence": "Students' reflective logs mention carers' views three times "
    "as often as before.",
    "organisation": "Saltmarsh Primary Care Partnership",
    "link": "",
    "document": None,
    "contact_email": "carers.cafe@example.org",
}


def load(home):
    """Create what is missing; return how many objects were created."""
    created = 0
    index = GoodPracticeIndexPage.objects.child_of(home).first()
    if index is None:
        index = GoodPracticeIndexPage(
            title="Good practice",
            slug="good-practice",
            intro="Examples of good practice in healthcare education and quality "
            "improvement, shared by fellows and partners, under the regional "
            "repository's four themes.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        created += 1
    themes = {theme.slug: theme for theme in Theme.objects.filter(good_practice=True)}
    organisations = {org.name: org for org in Organisation.objects.all()}
    for i, (slug, title, slugs, source, summary, done, evidence) in enumerate(EXAMPLES):
        if GoodPracticePage.objects.child_of(index).filter(slug=slug).exists():
            continue
        example = GoodPracticePage(
            title=title,
            slug=slug,
            summary=summary,
            what_was_done=done,
            evidence=evidence,
            organisation=organisations.get(source),
            organisation_name="" if source in organisations else source,
            live=False,
        )
        example.themes = [themes[theme] for theme in slugs]
        example.projects = list(
            FellowProjectPage.objects.filter(themes__slug=slugs[0]).order_by("pk")[
                i % 3 : i % 3 + 2
            ]
        )
        example.organisations = list(Organisation.objects.order_by("pk")[i + 1 : i + 2])
        index.add_child(instance=example)
        example.save_revision().publish()
        created += 1
    if not Page.objects.child_of(index).filter(title=SUBMITTED["title"]).exists():
        submit({**SUBMITTED, "themes": [themes[SERVICE_USERS]]}, index)
        created += 1
    return created
