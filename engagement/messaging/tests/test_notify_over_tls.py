"""The Notify channel over HTTPS, as Notify is: the fake Notify with a certificate from its own CA,
trusted through REQUESTS_CA_BUNDLE (as a proxy's or an organisation's CA would be); and through a proxy."""

import subprocess

import pytest

from engagement.messaging import channels
from engagement.messaging.models import Message
from engagement.messaging.services import message_queue
from engagement.messaging.testing.notify_stub import NotifyStub
from engagement.messaging.tests.fixtures import NOTIFY_CHANNELS, TEST_API_KEY, notify_settings

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def certificates(tmp_path):
    """A CA of the test's own, and a certificate it signed for 127.0.0.1."""

    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, cwd=tmp_path)

    openssl(
        *("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Test CA"),
        *("-keyout", "ca.key", "-out", "ca.pem"),
    )
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "stub.key", "-out", "stub.csr")
    (tmp_path / "san.cnf").write_text("subjectAltName=IP:127.0.0.1\n")
    openssl(
        *("x509", "-req", "-in", "stub.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"),
        *("-days", "1", "-extfile", "san.cnf", "-out", "stub.pem"),
    )
    return tmp_path


@pytest.fixture
def notify_over_tls(certificates, settings):
    stub = NotifyStub(TEST_API_KEY, tls=(str(certificates / "stub.pem"), str(certificates / "stub.key"))).start()
    for name, value in notify_settings(stub.url).items():
        setattr(settings, name, value)
    settings.MESSAGING_CHANNELS = NOTIFY_CHANNELS
    settings.MESSAGING_RATE_LIMIT_PER_MINUTE = 0
    channels.reset()
    yield stub
    stub.stop()
    channels.reset()


def invite(resident):
    return message_queue(
        template="engagement.invitation",
        key="invitation:tls",
        resident=resident,
        personalisation={"subject": "Roadshow", "body": "Come along."},
    )


def test_an_email_goes_to_notify_over_https_trusting_the_ca_in_requests_ca_bundle(
    notify_over_tls, certificates, engaged_resident, monkeypatch
):
    assert notify_over_tls.url.startswith("https://")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(certificates / "ca.pem"))

    message = invite(engaged_resident)

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    [sent] = notify_over_tls.sent_to("invitation:tls")
    assert sent["email_address"] == engaged_resident.email


def test_a_certificate_from_a_ca_we_do_not_trust_is_refused_and_nothing_is_sent(
    notify_over_tls, engaged_resident, monkeypatch
):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)

    message = invite(engaged_resident)

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert "CERTIFICATE_VERIFY_FAILED" in message.last_error
    assert notify_over_tls.stats()["accepted"] == 0


def test_an_email_goes_through_the_proxy_named_in_the_environment(engaged_resident, settings, monkeypatch):
    # The fake Notify stands in for the proxy too: the send reaches it only if HTTP_PROXY is honoured,
    # as "notify.invalid" cannot be resolved.
    stub = NotifyStub(TEST_API_KEY).start()
    for name, value in notify_settings("http://notify.invalid").items():
        setattr(settings, name, value)
    settings.MESSAGING_CHANNELS = NOTIFY_CHANNELS
    settings.MESSAGING_RATE_LIMIT_PER_MINUTE = 0
    for name in ("NO_PROXY", "no_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", stub.url)
    channels.reset()
    try:
        message = invite(engaged_resident)
    finally:
        stub.stop()
        channels.reset()

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(stub.sent_to("invitation:tls")) == 1
