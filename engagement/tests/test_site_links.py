from engagement.links import site_url


def test_links_in_messages_name_the_public_site(settings):
    settings.SITE_URL = "https://voice.example.gov.uk"
    assert site_url("contact_us").startswith("https://voice.example.gov.uk/")
    assert site_url("surveys:answer", "abc").endswith("/abc/")
    assert site_url("tenants_associations:detail", slug="oak-estate").endswith("/oak-estate/")
