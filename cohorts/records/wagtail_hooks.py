from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import modeladmin_register

from cohorts.access.policy import FellowPermissionPolicy
from cohorts.models import Fellow

from .outcome_admin import OutcomesGroup

# Before the viewsets look the policy up.
register_permission_policy(Fellow, FellowPermissionPolicy(Fellow))

from .viewsets import ProgrammeRecordsGroup  # noqa: E402 (after the policy)

register_snippet(ProgrammeRecordsGroup)
modeladmin_register(OutcomesGroup)
