"""schema.org structured data (JSON-LD) for the programme, cohort and project
pages, rendered into the page head by the ``json_ld`` template tag. Only
consenting fellows are named, with their public fields, and a project's
organisation only where the public may see it (``public_organisation``)."""

from cohorts.models import (
    CohortPage,
    FellowIndexPage,
    FellowProjectPage,
    GoodPracticePage,
    ProgrammePage,
)

CONTEXT = "https://schema.org"


def organisation(org):
    return {"@type": "Organization", "name": org.name} if org else None


def person(request, fellow):
    url = FellowIndexPage.profile_url(request, fellow)
    return {
        "@type": "Person",
        "name": fellow.name,
        "jobTitle": fellow.job_title or None,
        "url": request.build_absolute_uri(url) if url else None,
        "affiliation": organisation(fellow.organisation),
    }


def people(request, fellows):
    return [person(request, f) for f in fellows if f.public_consent]


def programme(request, page, fellows):
    return {
        "@type": "EducationalOccupationalProgram",
        "name": page.title,
        "description": page.intro,
        "url": page.get_full_url(request),
        "provider": organisation(page.run_by),
    }


def cohort(request, page, fellows):
    return {
        "@type": "EducationEvent",
        "name": page.title,
        "description": page.intro or None,
        "url": page.get_full_url(request),
        "startDate": page.start_date.isoformat(),
        "endDate": page.end_date.isoformat(),
        "attendee": people(request, fellows),
    }


def project(request, page, fellows):
    return {
        "@type": "ResearchProject",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "foundingDate": page.start_date.isoformat() if page.start_date else None,
        "parentOrganization": organisation(page.public_organisation),
        "knowsAbout": [theme.name for theme in page.themes.all()],
        "member": people(request, fellows),
    }


def good_practice(request, page, fellows):
    """An example of good practice: never its contact email."""
    source = page.organisation_display
    return {
        "@type": "CreativeWork",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "datePublished": page.first_published_at.date().isoformat()
        if page.first_published_at
        else None,
        "about": [theme.name for theme in page.themes.all()],
        "sourceOrganization": {"@type": "Organization", "name": source}
        if source
        else None,
    }


BUILDERS = {
    ProgrammePage: programme,
    CohortPage: cohort,
    FellowProjectPage: project,
    GoodPracticePage: good_practice,
}


def without_empty(value):
    """Drop None, "" and [] values, at any depth."""
    if isinstance(value, dict):
        cleaned = {key: without_empty(item) for key, item in value.items()}
        return {
            key: item for key, item in cleaned.items() if item not in (None, "", [])
        }
    if isinstance(value, list):
        return [without_empty(item) for item in value]
    return value


def structured_data(request, page, fellows=()):
    """The page's JSON-LD as a dict, or None for other page types. ``fellows``
    are the fellows the page already shows (consenting ones are kept)."""
    builder = BUILDERS.get(type(page))
    if builder is None:
        return None
    return {"@context": CONTEXT, **without_empty(builder(request, page, fellows))}
