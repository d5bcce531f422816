from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home import pagecache
from home.forms import refuse_autosave_after_a_refusal
from home.views import UNLOCK_PERMISSION, SignInLockoutsView


@hooks.register("register_admin_urls")
def register_sign_in_lockout_urls():
    return [
        path(
            "sign-in-lockouts/",
            SignInLockoutsView.as_view(),
            name="home_sign_in_lockouts",
        )
    ]


class SignInLockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(UNLOCK_PERMISSION)


@hooks.register("register_settings_menu_item")
def register_sign_in_lockouts_menu_item():
    return SignInLockoutsMenuItem(
        "Sign-in lockouts", reverse("home_sign_in_lockouts"), icon_name="lock"
    )


@hooks.register("register_permissions")
def register_unlock_permission():
    """Lets administrators give "Can delete access attempt" to a group
    (Settings → Groups), so that its members can unlock sign-ins."""
    app_label, codename = UNLOCK_PERMISSION.split(".")
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    )


@hooks.register("insert_editor_js")
def keep_the_loaded_revision_in_step_with_autosave():
    """home/static/home/js/autosaved_revision.js: the stale-save check
    (home.forms) then tells a person's own autosave from someone else's save."""
    return format_html(
        '<script src="{}"></script>', static("home/js/autosaved_revision.js")
    )


hooks.register("before_serve_page", pagecache.remember_served_page)
hooks.register("before_edit_page", refuse_autosave_after_a_refusal)
