from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_api_docs_render_every_endpoint_from_this_site_alone(server, page):
    """Reached from the footer, the documentation lists the endpoints, and to
    show it the browser asks no host but this site for anything."""
    page.goto(server + "/")
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.get_by_role("link", name="Open data API").click()
    page.wait_for_url("**/api/docs/")
    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/projects/" in paths
    assert "/api/measures/{measure_id}/" in paths
    assert hosts == {urlsplit(server).netloc}
