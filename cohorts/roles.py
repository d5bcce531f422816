"""Who may do what with a fellow's project and record: the rules in one place.

The three roles are groups created by migration 0003_roles. A group is the role;
the links that programme staff keep on the records are its scope:

- Programme staff work through ordinary Wagtail permissions (page permissions on
  the home page, model permissions on the records), so nothing here limits them.
  Who counts as staff, and what only staff may do (the reports, the imports,
  approving), is defined once below: is_programme_staff and the can_* abilities.
- A member of "Fellows" whose account is linked to a Fellow gets the "add" and
  "change" page actions on the projects that Fellow is linked to (the project's
  "Fellow" rows), and on nothing else: they edit the project and create and edit
  its updates. They never get "publish", so they submit to the workflow. They
  change their own Fellow record, and only its public fields (the other fields'
  panels carry FELLOW_RECORD_PERMISSION).
- A member of "Coaches" whose account is linked to a Coach may open the projects
  of that coach's fellows in the editor to read the drafts, preview them and
  comment. The form keeps every field read-only for them, so saving stores the
  comments and nothing else, and they cannot submit, delete, move or copy. (What
  they see is a read-only editor with one "Save comments" button,
  cohorts.access.pages.)

Admin views that list records or pages follow the same scope (cohorts.access).
The rules live here, in a lower layer than cohorts.access, because the models,
the imports and the measures use them too (pyproject.toml, import-linter).

A fellow's page rights are Wagtail page permissions that nobody stored: the page
permission policy (ProjectPagePermissionPolicy, registered for every page type in
CohortsConfig.ready) gives them "add" and "change" on each of their projects, as
a group page permission on that project would. So every part of the admin that
asks the policy (the editor, its preview, the page listing, the page search, the
history) answers a fellow as it would an editor of that part of the tree, and
their rights stop at the edge of their project. A coach's reading is decided per
page by ProjectPermissionTester, which the project and update page classes
return from permissions_for_user.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.forms.formsets import BaseFormSet

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import GroupPagePermission, Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.forms import EditorPageForm

STAFF_GROUP = "Programme staff"
FELLOWS_GROUP = "Fellows"
COACHES_GROUP = "Coaches"

FELLOW_RECORD_PERMISSION = "cohorts.change_fellow_record"
# What makes a user programme staff: the "Programme staff" group has it, and so
# has a superuser; a fellow or a coach never has it.
STAFF_PERMISSION = "cohorts.add_fellow"


def is_programme_staff(user):
    """Programme staff: those who keep the programme's records, i.e. may add a
    fellow (STAFF_PERMISSION)."""
    return user.has_perm(STAFF_PERMISSION)


def can_view_reports(user):
    """The staff reports (cohorts.reports)."""
    return is_programme_staff(user)


def can_import_records(user):
    """The bulk import of records (cohorts.imports): open it at all; which kinds
    of record then follows the add and change permission on each."""
    return is_programme_staff(user)


def can_enter_kpi_values(user):
    """Import a programme KPI's entered values (cohorts.kpis): programme staff,
    who may change the KPI."""
    return is_programme_staff(user) and user.has_perm("cohorts.change_programmekpi")


def can_approve(user, page):
    """Approve a fellow's work on a project: publish it, which also approves its
    pending measure data (cohorts.models.PointApproval)."""
    return page.permissions_for_user(user).can_publish()


def roles(user):
    """The names of the fellow and coach groups the user belongs to (cached on
    the user)."""
    if not hasattr(user, "_fellowship_roles"):
        user._fellowship_roles = (
            frozenset(
                user.groups.filter(name__in=[FELLOWS_GROUP, COACHES_GROUP]).values_list(
                    "name", flat=True
                )
            )
            if user.is_authenticated and user.is_active
            else frozenset()
        )
    return user._fellowship_roles


def is_fellow(user):
    return FELLOWS_GROUP in roles(user) and not user.is_superuser


def is_coach(user):
    return COACHES_GROUP in roles(user) and not user.is_superuser


def has_narrow_role(user):
    """A fellow or coach who is not also programme staff: their admin is their
    dashboard panel and what it links to."""
    return (is_fellow(user) or is_coach(user)) and not is_programme_staff(user)


# The records that carry a login (model name → the role their account gets).
RECORD_ROLES = {"fellow": FELLOWS_GROUP, "coach": COACHES_GROUP}


def accounts_staff_may_manage(role):
    """The accounts that programme staff may link to a record of `role`, invite,
    deactivate and reactivate: any other account (a superuser's, a staff account
    (is_staff or "Programme staff"), one in any group but `role`, or one linked
    to a record of another kind) is a superuser's to manage, so that staff cannot
    lock out the administrator or hand a login a second role."""
    other_groups = Group.objects.exclude(name=role)
    other_records = Q()
    for kind, kind_role in RECORD_ROLES.items():
        if kind_role != role:
            other_records |= Q(**{f"{kind}__isnull": False})
    return (
        get_user_model()
        .objects.filter(is_superuser=False, is_staff=False)
        .exclude(groups__in=other_groups)
        .exclude(other_records)
    )


def may_manage_account(user, account, role):
    """Whether `user` may link, invite, deactivate or reactivate `account` on a
    record of `role` (see accounts_staff_may_manage)."""
    return (
        user.is_superuser
        or accounts_staff_may_manage(role).filter(pk=account.pk).exists()
    )


def project_paths(user):
    """The tree paths of the projects the user works on as a fellow, and of those
    they follow as a coach (cached on the user for the request)."""
    if not hasattr(user, "_fellowship_project_paths"):
        own = followed = ()
        if is_fellow(user):
            own = tuple(
                Page.objects.filter(
                    fellowprojectpage__project_fellows__fellow__user=user
                ).values_list("path", flat=True)
            )
        if is_coach(user):
            followed = tuple(
                Page.objects.filter(
                    fellowprojectpage__project_fellows__fellow__coach__user=user
                ).values_list("path", flat=True)
            )
        user._fellowship_project_paths = (own, followed)
    return user._fellowship_project_paths


# What a fellow may do with their own projects and everything under them.
FELLOW_PAGE_ACTIONS = ("add", "change")


class ProjectPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with a fellow's own projects granted to
    them (see the module docstring)."""

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        own, _ = project_paths(user)
        if not own:
            return permissions
        actions = list(
            Permission.objects.filter(
                content_type__app_label="wagtailcore",
                codename__in=[f"{action}_page" for action in FELLOW_PAGE_ACTIONS],
            )
        )
        return [
            *permissions,
            *(
                GroupPagePermission(page=project, permission=action)
                for project in Page.objects.filter(path__in=own)
                for action in actions
            ),
        ]


class ProjectPermissionTester(PagePermissionTester):
    """Page permissions for a fellow project and its updates (see module docstring)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.reads_as_coach = False
        if not user.is_active or user.is_superuser:
            return
        _, followed = project_paths(user)
        if page.path.startswith(followed) and not super().can_edit():
            self.reads_as_coach = True

    def can_edit(self):
        return self.reads_as_coach or super().can_edit()

    def can_copy(self):
        return not self.reads_as_coach and super().can_copy()

    def can_submit_for_moderation(self):
        return not self.reads_as_coach and super().can_submit_for_moderation()


class RecordAccountForm(WagtailAdminModelForm):
    """The admin form of a record that carries a login (Fellow, Coach): its
    "user" offers staff only the accounts they may manage (and the one already
    linked), so that choosing any other is refused as an invalid choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if "user" not in self.fields or user is None or user.is_superuser:
            return
        role = RECORD_ROLES[self._meta.model._meta.model_name]
        self.fields["user"].queryset = get_user_model().objects.filter(
            Q(pk__in=accounts_staff_may_manage(role).values("pk"))
            | Q(pk=self.instance.user_id)
        )
        self.fields["user"].help_text += (
            " Superusers, staff and accounts with another role are not listed: "
            "only a superuser may link those."
        )


class ReadOnlyRows:
    """Mixed into a nested formset whose rows the user may not change.

    Its forms are the rows the page has, all of their inputs (id, "Delete" and
    order included) disabled, so a browser posts nothing for them. Whatever is
    posted in their place is ignored: the rows come from the page, not from the
    row ids and counts in the post, disabled fields keep their values, no row is
    added or deleted, and saving leaves the page's rows exactly as they are (also
    those only in an unpublished draft, which have no id yet and which the
    formset's own save would drop)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(self.get_queryset())
        self.max_num = len(self.rows)  # the editor offers no "Add" for them

    def initial_form_count(self):
        return len(self.rows)

    def total_form_count(self):
        return len(self.rows)

    def _construct_form(self, i, **kwargs):
        # Not the base class's: it looks each row up by the id that was posted.
        form = BaseFormSet._construct_form(self, i, instance=self.rows[i], **kwargs)
        freeze(form)
        return form

    def save(self, commit=True):
        return []


def read_only_rows(form, name):
    """Replace the form's nested formset `name` by one with ReadOnlyRows."""
    formset = form.formsets[name]
    formset_class = type(formset)
    form.formsets[name] = type(
        formset_class.__name__, (ReadOnlyRows, formset_class), {}
    )(
        form.data if form.is_bound else None,
        form.files if form.is_bound else None,
        instance=form.instance,
        prefix=formset.prefix,
        form_kwargs=formset.form_kwargs,
    )


def freeze(form, keep=()):
    """Make a form read-only, with its nested formsets except those named in
    `keep`: a disabled field keeps its initial value whatever is posted, and
    the rows of the nested formsets are ReadOnlyRows."""
    for field in form.fields.values():
        field.disabled = True
    for name in getattr(form, "formsets", {}):
        if name not in keep:
            read_only_rows(form, name)


class ProjectPageForm(EditorPageForm):
    """The editor form of projects and updates.

    - Which fellows a project belongs to is part of the programme record: the
      "Fellow" rows are read-only without FELLOW_RECORD_PERMISSION.
    - A coach's form is read-only except for the comments.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if self.instance.pk and self.instance.permissions_for_user(user).reads_as_coach:
            freeze(self, keep={"comments"})
            if "comment_notifications" in self.fields:
                self.fields["comment_notifications"].disabled = False
        elif "project_fellows" in self.formsets and not user.has_perm(
            FELLOW_RECORD_PERMISSION
        ):
            read_only_rows(self, "project_fellows")


class ProjectPermissionsMixin:
    """For the page classes of a fellow's project: FellowProjectPage and
    ProjectUpdatePage."""

    base_form_class = ProjectPageForm

    def permissions_for_user(self, user):
        return ProjectPermissionTester(user, self)
