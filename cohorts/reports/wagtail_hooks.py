from wagtail import hooks

from . import views

# Staff reports, in the Reports menu for programme staff.


@hooks.register("register_admin_urls")
def register_report_urls():
    return [url for report in views.REPORTS for url in report.urls()]


for report in views.REPORTS:
    hooks.register("register_reports_menu_item", report.menu_item)
