"""The three roles of the programme, and the moderation workflow, on every database.

- Programme staff edit the whole site tree and the programme records, publish,
  and review what fellows submit.
- Fellows and Coaches get admin access only: what they may do on their own
  projects follows from the fellow-project links (see cohorts/permissions.py).
- "Project update review": one group approval task for Programme staff, assigned
  to the home page so that the programme tree inherits it.

Idempotent. Reversing it leaves the groups and the workflow in place: by then they
have members and moderation history that a rollback should not destroy.
"""

from django.db import migrations

STAFF, FELLOWS, COACHES = "Programme staff", "Fellows", "Coaches"
WORKFLOW = "Project update review"
FELLOW_RECORD = (
    "change_fellow_record",
    "Can change a fellow's programme record: cohort, coach, accreditation, "
    "consent, account and project links",
)
TASK = "Programme staff approval"

RECORD_MODELS = [
    "fellow",
    "coach",
    "organisation",
    "accreditationstatus",
    "theme",
    "fellowoutcome",
]
STAFF_PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]
# Collection permissions: staff manage media, fellows upload their own.
STAFF_MEDIA = {
    ("wagtailimages", "image"): ["add", "change", "choose"],
    ("wagtaildocs", "document"): ["add", "change", "choose"],
}
FELLOW_MEDIA = {("wagtailimages", "image"): ["add", "choose"]}


def permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model
    )
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": name or f"Can {codename.replace('_', ' ')}"},
    )
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    staff, _ = Group.objects.get_or_create(name=STAFF)
    fellows, _ = Group.objects.get_or_create(name=FELLOWS)
    coaches, _ = Group.objects.get_or_create(name=COACHES)
    for group in (staff, fellows, coaches):
        group.permissions.add(access_admin)

    staff.permissions.add(
        permission(apps, "cohorts", "fellow", *FELLOW_RECORD),
        *(
            permission(apps, "cohorts", model, f"{action}_{model}")
            for model in RECORD_MODELS
            for action in ("add", "change", "delete", "view")
        ),
    )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection:
        for group, media in ((staff, STAFF_MEDIA), (fellows, FELLOW_MEDIA)):
            for (app_label, model), actions in media.items():
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(
                            apps, app_label, model, f"{action}_{model}"
                        ),
                    )

    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None:
        return
    for action in STAFF_PAGE_ACTIONS:
        GroupPagePermission.objects.get_or_create(
            group=staff,
            page=home,
            permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
        )
    create_workflow(apps, staff, home)


def create_workflow(apps, staff, home):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(staff)
    workflow, _ = Workflow.objects.get_or_create(
        name=WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0002_good_practice_themes"),
        ("home", "0002_create_homepage"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="fellow",
            options={
                "ordering": ["name"],
                "permissions": [FELLOW_RECORD],
            },
        ),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
