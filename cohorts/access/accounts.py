"""Staff give a fellow or a coach their login from the record: create (or link) the
user, put it in the role's group, and email a set-password link made by Django's
password-reset machinery. Deactivating the account blocks the login and keeps
everything the person published; reactivating lets them sign in again.

Staff manage only the accounts that cohorts.roles.accounts_staff_may_manage
allows: a superuser's, a staff account or one with another role is left to
superusers, and an invitation never takes over such an account by its email."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import TemplateView

from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views.account import AccountView as WagtailAccountView
from wagtail.admin.views.account import NameEmailSettingsPanel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cohorts.models import Coach, Fellow
from cohorts.roles import (
    COACHES_GROUP,
    FELLOW_RECORD_PERMISSION,
    FELLOWS_GROUP,
    accounts_staff_may_manage,
    has_narrow_role,
    may_manage_account,
)
from home.models import SiteSettings

# What staff need to manage each kind of record's account, and the role it gets.
RECORDS = {
    "fellow": (Fellow, FELLOW_RECORD_PERMISSION, FELLOWS_GROUP),
    "coach": (Coach, "cohorts.change_coach", COACHES_GROUP),
}


PROTECTED_ACCOUNT = (
    "Only a superuser can invite, deactivate or reactivate this account: it is a "
    "superuser's or staff account, or it has another role. Nothing was changed."
)


class InvitationForm(PasswordResetForm):
    """Django's password-reset email, sent to one chosen user, who may have no
    password yet (the stock form skips those). Unlike a password reset, a failure
    to hand the message over is raised, so that staff are told. The site's email
    backend queues it as a task (home/mail.py): the worker sends it, and logs a
    mail server's refusal."""

    def __init__(self, user):
        super().__init__({"email": user.email})
        self.user = user

    def get_users(self, email):
        return [self.user]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,  # plain text only
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        EmailMultiAlternatives(subject, body, from_email, [to_email]).send()


def link_account(record, group_name):
    """The record's user, created or found by email if needed, active and in the
    role's group. Raises ValidationError with a message for staff."""
    if not record.email:
        raise ValidationError("Add an email address to the record first.")
    User = get_user_model()
    user = record.user
    if user is None:
        user = User.objects.filter(email__iexact=record.email).first()
        if user is None:
            first_name, _, last_name = record.name.partition(" ")
            user = User(
                username=unique_username(record.email),
                email=record.email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
        elif type(record).objects.filter(user=user).exists():
            raise ValidationError(
                f"The account with {record.email} already belongs to another "
                f"{record._meta.verbose_name}."
            )
        elif not accounts_staff_may_manage(group_name).filter(pk=user.pk).exists():
            raise ValidationError(
                f"An account with {record.email} already exists and has another "
                "role (superuser, staff, another group or another record), so the "
                "invitation was not sent and nothing was changed. Check the email "
                "address on this record; if this person really should have both "
                "roles, ask a superuser to link the account on the record."
            )
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=group_name))
    if record.user_id != user.pk:
        record.user = user
        record.save(update_fields=["user"])
    return user


def unique_username(email):
    User = get_user_model()
    base = slugify(email.split("@")[0]) or "user"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


class AccountView(WagtailAdminTemplateMixin, TemplateView):
    """GET: the account of a fellow or coach. POST action=invite: create or link
    the account and email the invitation; action=deactivate: block the login;
    action=reactivate: allow it again. Each refused, changing nothing, for an
    account the user may not manage (cohorts.roles.may_manage_account)."""

    template_name = "cohorts/admin/account.html"
    header_icon = "user"

    def dispatch(self, request, kind, pk):
        if kind not in RECORDS:
            raise PermissionDenied
        model, permission, self.group_name = RECORDS[kind]
        if not request.user.has_perm(permission):
            raise PermissionDenied
        self.record = get_object_or_404(model.objects.select_related("user"), pk=pk)
        return super().dispatch(request, kind, pk)

    def get_page_title(self):
        return f"Account: {self.record}"

    def get_context_data(self, **kwargs):
        account = self.record.user
        return super().get_context_data(
            record=self.record,
            account=account,
            role=self.group_name,
            may_manage=account is None
            or may_manage_account(self.request.user, account, self.group_name),
            edit_url=reverse(
                f"wagtailsnippets_cohorts_{self.record._meta.model_name}:edit",
                args=[self.record.pk],
            ),
            **kwargs,
        )

    def refuse(self, error, status=400):
        return self.render_to_response(
            self.get_context_data(error=error), status=status
        )

    def post(self, request, kind, pk):
        action = request.POST.get("action")
        account = self.record.user
        if action not in ("invite", "deactivate", "reactivate"):
            return self.refuse("Choose an action.")
        if account and not may_manage_account(request.user, account, self.group_name):
            return self.refuse(PROTECTED_ACCOUNT, status=403)
        if action == "invite":
            self.invite()
        elif account is None:
            return self.refuse("There is no account yet: send the invitation.")
        elif account == request.user:
            return self.refuse("You cannot deactivate or reactivate your own account.")
        else:
            account.is_active = action == "reactivate"
            account.save(update_fields=["is_active"])
            messages.success(
                request,
                f"{self.record}'s account is active again."
                if account.is_active
                else f"{self.record}'s account is deactivated. "
                "Everything they published stays on the site.",
            )
        return redirect(request.path)

    def invite(self):
        try:
            with transaction.atomic():
                user = link_account(self.record, self.group_name)
                form = InvitationForm(user)
                form.full_clean()
                form.save(
                    request=self.request,
                    use_https=self.request.is_secure(),
                    subject_template_name="cohorts/admin/invitation_subject.txt",
                    email_template_name="cohorts/admin/invitation_email.txt",
                    extra_email_context={
                        "record": self.record,
                        "role": self.group_name,
                        # The organisation, not the host the request came to.
                        "site_name": SiteSettings.for_request(
                            self.request
                        ).organisation_name,
                    },
                )
        except ValidationError as error:
            messages.error(self.request, error.message)
        except OSError:
            messages.error(
                self.request,
                "The invitation could not be sent: nothing was changed. "
                "Try again later.",
            )
        else:
            messages.success(
                self.request, f"Invitation sent to {self.record} at {user.email}."
            )


class NameForm(NameEmailForm):
    email = None

    class Meta(NameEmailForm.Meta):
        fields = ["first_name", "last_name"]


class NameSettingsPanel(NameEmailSettingsPanel):
    title = "Name"
    form_class = NameForm


class AccountSettingsView(WagtailAccountView):
    """Wagtail's "Account" settings, where a fellow or coach changes their name
    but not their email: the email is how an invitation finds an existing
    account, so changing it to someone else's was a way into a second role. A
    superuser changes it for them (Users); staff and superusers still change
    their own here."""

    def get_panels(self):
        panels = super().get_panels()
        if not has_narrow_role(self.request.user):
            return panels
        return [
            NameSettingsPanel(panel.request, panel.user, panel.profile)
            if type(panel) is NameEmailSettingsPanel
            else panel
            for panel in panels
        ]
