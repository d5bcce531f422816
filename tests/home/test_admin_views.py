from django.urls import reverse


def test_external_link_chooser_without_a_url_is_a_form_error(admin_client):
    response = admin_client.post(reverse("wagtailadmin_choose_page_external_link"))

    assert response.status_code == 200
    assert response.json()["step"] == "external_link"
    assert "This field is required" in response.json()["html"]


def test_external_link_chooser_still_chooses_a_link(admin_client):
    response = admin_client.post(
        reverse("wagtailadmin_choose_page_external_link"),
        {
            "external-link-chooser-url": "https://example.org/",
            "external-link-chooser-link_text": "",
        },
    )

    assert response.json()["result"]["url"] == "https://example.org/"
