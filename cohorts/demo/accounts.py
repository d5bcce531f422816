"""The demo's accounts: one per role, with passwords that `make run` prints."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cohorts.models import Fellow
from cohorts.roles import COACHES_GROUP, FELLOWS_GROUP, STAFF_GROUP

# Development-only accounts, printed by `make run`. load_demo refuses to run with
# DEBUG off unless --force is given, so these never reach a production database.
DEMO_ACCOUNTS = {
    "admin": "fellowship-admin",
    "staff": "fellowship-staff",
    "fellow": "fellowship-fellow",
    "coach": "fellowship-coach",
    "fellow2": "fellowship-fellow2",
}


def load_accounts():
    """The demo's sign-ins, one per role (DEMO_ACCOUNTS), each in its group; the
    fellows and the coach are linked to records whose projects have measures, so
    the demo shows data entry too. Returns how many accounts it created and the
    demo fellow's record."""
    User = get_user_model()
    created_accounts = 0
    fellow, other_fellow = (
        Fellow.objects.filter(
            public_consent=True, project_links__project__measures__isnull=False
        )
        .distinct()
        .order_by("pk")[:2]
    )
    for username, password in DEMO_ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "is_superuser": username == "admin",
                "is_staff": username == "admin",
                "first_name": username.title(),
            },
        )
        if created:
            user.set_password(password)
            user.save()
        created_accounts += created
    for username, role in [
        ("staff", STAFF_GROUP),
        ("fellow", FELLOWS_GROUP),
        ("coach", COACHES_GROUP),
        ("fellow2", FELLOWS_GROUP),
    ]:
        User.objects.get(username=username).groups.add(Group.objects.get(name=role))
    for record, username in [(fellow, "fellow"), (other_fellow, "fellow2")]:
        if record.user_id is None:
            record.user = User.objects.get(username=username)
            record.save()
    coach = fellow.coach
    if coach.user_id is None:
        coach.user = User.objects.get(username="coach")
        coach.save()
    return created_accounts, fellow
