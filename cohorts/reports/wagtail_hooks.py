from wagtail import hooks

from . import feedback, views

# Staff reports, in the Reports menu for programme staff.


@hooks.register("register_admin_urls")
def register_report_urls():
    return [url for report in REPORTS for url in report.urls()]


REPORTS = [*views.REPORTS, feedback.FeedbackReportView]

for report in REPORTS:
    hooks.register("register_reports_menu_item", report.menu_item)
