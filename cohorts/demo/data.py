"""The demo's made-up names, organisations, projects and modules."""

from cohorts.models import Fellow, FellowOutcome
from modules.models import ModuleKind

TRUSTS = [
    ("Northbridge Teaching Hospitals NHS Trust", "North West"),
    ("Eastmoor Community Health NHS Trust", "North West"),
    ("Riverside Mental Health NHS Foundation Trust", "North West"),
    ("Hallam Valley NHS Foundation Trust", "Yorkshire and the Humber"),
    ("Coastal Ambulance Service NHS Trust", "North West"),
    ("Westfield Children's Hospital NHS Trust", "North West"),
    ("Pennine Acute Care NHS Trust", "Yorkshire and the Humber"),
    ("Saltmarsh Primary Care Partnership", "North West"),
]
UNIVERSITY = ("University of Northbridge", "North West")
RUNNER = ("North Coast Health Education", "North West")

STATUSES = [
    ("Enrolled", 10, False),
    ("Module credits awarded", 20, False),
    ("Postgraduate certificate awarded", 30, True),
    ("Withdrawn", 90, False),
]

FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Eleanor",
    "Farhan",
    "Grace",
    "Hamish",
    "Isla",
    "Jide",
    "Kirsty",
    "Liam",
    "Maya",
    "Niamh",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Sanjay",
    "Tamsin",
    "Usman",
    "Vicky",
    "Wei",
    "Yasmin",
    "Zac",
    "Aoife",
    "Bilal",
    "Catrin",
    "Dominic",
    "Esther",
    "Femi",
    "Gethin",
    "Hannah",
    "Imran",
    "Jess",
]
LAST_NAMES = [
    "Adeyemi",
    "Brennan",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fletcher",
    "Gallagher",
    "Hussain",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lloyd",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Shah",
    "Thompson",
    "Umeh",
    "Vaughan",
    "Walsh",
]

JOB_TITLES = {
    Fellow.Profession.DOCTOR: ["Specialty registrar", "Consultant physician", "GP"],
    Fellow.Profession.NURSE: [
        "Ward manager",
        "Clinical nurse specialist",
        "Staff nurse",
    ],
    Fellow.Profession.MIDWIFE: ["Community midwife", "Labour ward coordinator"],
    Fellow.Profession.SCIENTIST: ["Clinical scientist", "Biomedical scientist"],
    Fellow.Profession.ALLIED_HEALTH: ["Physiotherapist", "Dietitian", "Paramedic"],
    Fellow.Profession.MANAGER: ["Service manager", "Operational lead"],
    Fellow.Profession.OTHER: ["Pharmacist", "Patient experience lead"],
}

PROJECT_IDEAS = [
    (
        "Reducing inpatient falls",
        "Older people's medicine",
        "Reduce falls per 1,000 bed days on two elderly care wards by 30% by March",
    ),
    (
        "Earlier sepsis treatment",
        "Emergency medicine",
        "Give antibiotics within an hour to 90% of adults with red-flag sepsis by June",
    ),
    (
        "Fewer missed outpatient appointments",
        "Outpatients",
        "Cut the did-not-attend rate in the diabetes clinic from 14% to 8% by April",
    ),
    (
        "Safer insulin prescribing",
        "Diabetes",
        "Halve insulin prescribing errors on medical wards within nine months",
    ),
    (
        "Quicker discharge letters",
        "General medicine",
        "Send 95% of discharge summaries to GPs within 24 hours by May",
    ),
    (
        "Better pain scores after surgery",
        "Surgery",
        "Raise the share of patients with controlled pain on day one to 85% by July",
    ),
    (
        "Preventing pressure ulcers",
        "Community nursing",
        "Reduce category 2 pressure ulcers in community caseloads by 40% in a year",
    ),
    (
        "Skin-to-skin contact after caesarean",
        "Maternity",
        "Offer skin-to-skin contact in theatre to 80% of mothers by March",
    ),
    (
        "Faster stroke imaging",
        "Stroke",
        "Scan 90% of suspected stroke patients within an hour of arrival by June",
    ),
    (
        "Reducing agency staff use",
        "Workforce",
        "Cut agency shifts on three wards by a quarter by the end of the year",
    ),
    (
        "Calmer mealtimes on dementia wards",
        "Mental health",
        "Raise protected-mealtime compliance to 90% on two wards within six months",
    ),
    (
        "Timely blood culture results",
        "Pathology",
        "Report 95% of positive blood cultures within 48 hours by April",
    ),
]

UPDATE_TITLES = [
    "Baseline data collected",
    "First PDSA cycle on one ward",
    "Adapting the change after feedback",
    "Spreading to a second team",
]

MODULES = [
    (
        ModuleKind.IMPROVEMENT_SCIENCE,
        "Improvement science in practice",
        "The Model for Improvement, measurement for improvement and PDSA cycles.",
    ),
    (
        ModuleKind.LEADERSHIP,
        "Leading improvement",
        "Leading teams through change without formal authority.",
    ),
    (
        ModuleKind.CHANGE,
        "Making change happen",
        "Understanding resistance, engaging people and planning change.",
    ),
    (
        ModuleKind.SELF_DEVELOPMENT,
        "Self-development",
        "Reflective practice, feedback and a personal development plan.",
    ),
    (
        ModuleKind.PERSONAL_IMPACT,
        "Personal impact",
        "Presenting, influencing and telling the story of your project.",
    ),
    (
        ModuleKind.INNOVATION,
        "Innovation and creativity",
        "Generating change ideas and learning from other sectors.",
    ),
    (
        ModuleKind.SUSTAINING_SPREADING,
        "Sustaining and spreading",
        "Making improvements stick and helping other teams adopt them.",
    ),
    (
        ModuleKind.ACTION_LEARNING_SET,
        "Action learning sets",
        "Small facilitated groups working on real problems, every six weeks.",
    ),
    (
        ModuleKind.COACHING,
        "One-to-one coaching",
        "Regular coaching sessions with an experienced improvement coach.",
    ),
    (
        ModuleKind.EXTERNAL_VISIT,
        "External visits",
        "Visits to organisations outside healthcare to see improvement at work.",
    ),
]

OUTCOME_TITLES = {
    FellowOutcome.Kind.PRESENTATION: "Talk at the regional patient safety conference",
    FellowOutcome.Kind.POSTER: "Poster at the national quality improvement forum",
    FellowOutcome.Kind.PUBLICATION: "Article in a peer-reviewed quality journal",
    FellowOutcome.Kind.AWARD: "Team highly commended at the trust's staff awards",
    FellowOutcome.Kind.PROMOTION: "Promoted to a quality improvement lead role",
    FellowOutcome.Kind.SPREAD: "Change adopted by a neighbouring trust",
}

STANDARD_PAGES = [
    (
        "about",
        "About the fellowships",
        "Who runs the fellowships, who they are for and how they work.",
    ),
    (
        "accessibility-statement",
        "Accessibility statement",
        "How accessible this website is and how to report a problem.",
    ),
    (
        "privacy-notice",
        "Privacy notice",
        "What personal information we publish about fellows, and why.",
    ),
    ("contact", "Contact us", "How to get in touch with the programme team."),
]
