"""GOV.UK Notify for email, text and letter.

Each channel uses one generic Notify template with ((subject)) and ((body)) placeholders
(letters also ((address_line_1)) … ((address_line_7))): the words come from our own
templates. Notify's `reference` carries our idempotency key, so a message whose worker
died can be looked up before it is sent again.
"""

import base64
import http.client
import json
import select
import socket
import time
from urllib.parse import unquote, urlencode, urljoin, urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.authentication import create_jwt_token
from notifications_python_client.errors import HTTPError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient

from engagement.messaging.channels.base import Channel, Delivery, DeliveryError

PROVIDER = "notify"
# Notify allows up to 7 address lines; the last must be a UK postcode (or a country).
MAX_ADDRESS_LINES = 7
# Words in a 400 response that mean the recipient's details, not our request, were refused.
_RECIPIENT_FIELDS = ("phone_number", "email_address", "address", "postcode", "not a valid")


class _NotifyChannel(Channel):
    template_setting = ""

    def __init__(self):
        if not settings.NOTIFY_API_KEY:
            raise ImproperlyConfigured("NOTIFY_API_KEY must be set to send through GOV.UK Notify")
        self.template_id = getattr(settings, self.template_setting)
        if not self.template_id:
            raise ImproperlyConfigured(f"{self.template_setting} must be set to send through GOV.UK Notify")
        # One client (and so one kept-alive HTTP connection) per worker process; it is not thread-safe.
        self.client = _NotifyClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT_SECONDS
        )
        self.client.request_session = KeptAliveSession(settings.NOTIFY_BASE_URL)
        # All channels on one API key share Notify's limit.
        self.rate_limit_name = f"{PROVIDER}:{self.client.service_id}"

    def send(self, *, to, message, idempotency_key):
        try:
            response = self._send(to, message, idempotency_key)
        except HTTPError as error:
            raise _delivery_error(error) from error
        except InvalidResponse as error:
            raise DeliveryError(f"Notify's answer made no sense: {error}", permanent=False, maybe_sent=True) from error
        return Delivery(to=_describe(to), provider=PROVIDER, reference=response["id"])

    def already_sent(self, idempotency_key):
        try:
            found = self.client.get_all_notifications(reference=idempotency_key)["notifications"]
        except (HTTPError, InvalidResponse) as error:
            # Sending again now could send it twice: leave it for the next try.
            raise DeliveryError(f"Could not ask Notify about {idempotency_key}: {error}", permanent=False) from error
        if not found:
            return None
        notification = found[0]
        to = notification.get("email_address") or notification.get("phone_number") or notification.get("line_1", "")
        return Delivery(to=to or "", provider=PROVIDER, reference=notification["id"])

    def _send(self, to, message, idempotency_key):
        raise NotImplementedError


def _describe(to) -> str:
    return ", ".join(to) if isinstance(to, (list, tuple)) else str(to)


def _delivery_error(error: HTTPError) -> DeliveryError:
    status = error.status_code
    reason = f"Notify said {status}: {error.message}"
    if status == 429:
        return DeliveryError(reason, permanent=False, slow_down=True)
    if status >= 500:
        # The client also reports 503 when no answer came back at all (a timeout): it may have been sent.
        return DeliveryError(reason, permanent=False, slow_down=True, maybe_sent=status in (502, 503, 504))
    if status == 400:
        words = str(error.message).lower()
        return DeliveryError(reason, permanent=True, bad_recipient=any(word in words for word in _RECIPIENT_FIELDS))
    # 403: our key or template is wrong. No resident is at fault, and retrying cannot help.
    return DeliveryError(reason, permanent=True)


class _NotifyClient(NotificationsAPIClient):
    """Notify's own client, signing one token every few seconds instead of one per request.

    Notify accepts a token up to 30 seconds after it was issued; reusing it for 5 seconds still
    leaves 25 seconds for our clock and Notify's to differ, as a fresh token does with 30.
    """

    token_reuse_seconds = 5

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._token = ""
        self._token_until = 0.0

    def _create_request_objects(self, url, data, params):
        now = time.monotonic()
        if now >= self._token_until:
            self._token = create_jwt_token(self.api_key, self.service_id)
            self._token_until = now + self.token_reuse_seconds
        kwargs = {"headers": self.generate_headers(self._token), "timeout": self.timeout}
        if data is not None:
            kwargs["data"] = self._serialize_data(data)
        if params is not None:
            kwargs["params"] = params
        return urljoin(str(self.base_url), str(url)), kwargs


class KeptAliveSession:
    """The transport under Notify's client: one kept-alive connection, without requests on top.

    Measured (scripts/bench_fanout.py), requests cost more CPU per message than everything else
    in sending one, and urllib3 or http.client (which parses each answer's headers as an email)
    most of that again. http.client still opens the connection (TLS, a proxy's tunnel); each
    request goes out in one write and the answer is read here: a status line, headers, and a
    body of Content-Length bytes (or chunked). The client still builds each request and reads
    each answer; this speaks the part of requests' interface it uses, and raises requests'
    exceptions so the client turns them into its own errors as before (a timeout or a dropped
    connection is a 503, which may have been sent). Not thread-safe, like the client.
    """

    def __init__(self, base_url: str):
        url = urlsplit(base_url)
        self._https = url.scheme == "https"
        self._host = url.hostname
        self._port = url.port or (443 if self._https else 80)
        default_port = self._port == (443 if self._https else 80)
        self._host_header = self._host if default_port else f"{self._host}:{self._port}"
        # A proxy in the environment (HTTPS_PROXY…) is looked up once, not on every request.
        proxy = requests.utils.get_environ_proxies(base_url).get(url.scheme)
        self._proxy = urlsplit(proxy) if proxy else None
        self._sock = None
        self._reader = None

    def request(self, method, url, *, headers=None, data=None, params=None, timeout=None):
        target = urlsplit(url)
        path = (target.path or "/") + (f"?{target.query}" if target.query else "")
        if params:
            path += ("&" if target.query else "?") + urlencode(params)
        body = data.encode() if isinstance(data, str) else (data or b"")
        head = [f"{method} {path} HTTP/1.1", f"Host: {self._host_header}", "Accept-Encoding: identity"]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body or method in ("POST", "PUT"):
            head.append(f"Content-Length: {len(body)}")
        request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        try:
            self._connect(timeout)
            self._sock.sendall(request)
            status, content, keep_alive = self._read_answer(method)
        except TimeoutError as error:
            self.close()
            raise requests.Timeout(str(error)) from error
        except (OSError, ValueError, http.client.HTTPException) as error:
            self.close()
            raise requests.ConnectionError(str(error) or type(error).__name__) from error
        if not keep_alive:
            self.close()
        return _Response(status, content)

    def close(self) -> None:
        if self._sock is not None:
            self._reader.close()
            self._sock.close()
            self._sock = self._reader = None

    def _connect(self, timeout) -> None:
        if self._sock is not None and _dropped(self._sock):
            # The server closed it while it was idle: a new one, rather than a send that fails half-way.
            self.close()
        if self._sock is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            if self._proxy is not None:
                connection = kind(self._proxy.hostname, self._proxy.port, timeout=timeout)
                connection.set_tunnel(self._host, self._port, headers=_proxy_authorization(self._proxy))
            else:
                connection = kind(self._host, self._port, timeout=timeout)
            connection.connect()
            self._sock = connection.sock
            # Each request is one write: nothing gains from waiting to fill a packet.
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._reader = self._sock.makefile("rb")
        self._sock.settimeout(timeout)

    def _read_answer(self, method) -> tuple[int, bytes, bool]:
        reader = self._reader
        status_line = reader.readline(_MAX_LINE)
        if not status_line:
            raise http.client.RemoteDisconnected("Notify closed the connection without answering")
        version, status, *_ = status_line.decode("latin-1").split(None, 2) + [""]
        if not version.startswith("HTTP/1.") or not status.isdigit():
            raise http.client.BadStatusLine(status_line)
        headers = {}
        while True:
            line = reader.readline(_MAX_LINE)
            if line in (b"\r\n", b"\n"):
                break
            if not line:
                raise http.client.IncompleteRead(b"")
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        keep_alive = headers.get("connection", "").lower() != "close" and version != "HTTP/1.0"
        if method == "HEAD" or int(status) in (204, 304):
            return int(status), b"", keep_alive
        if "chunked" in headers.get("transfer-encoding", "").lower():
            content = self._read_chunks()
        elif "content-length" in headers:
            content = _read_exactly(reader, int(headers["content-length"]))
        else:
            content, keep_alive = reader.read(), False
        return int(status), content, keep_alive

    def _read_chunks(self) -> bytes:
        reader, parts = self._reader, []
        while True:
            size = int(reader.readline(_MAX_LINE).split(b";", 1)[0].strip(), 16)
            if size == 0:
                while reader.readline(_MAX_LINE) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(_read_exactly(reader, size))
            reader.readline(_MAX_LINE)


_MAX_LINE = 65536


def _proxy_authorization(proxy) -> dict:
    if not proxy.username:
        return {}
    credentials = f"{unquote(proxy.username)}:{unquote(proxy.password or '')}".encode()
    return {"Proxy-Authorization": "Basic " + base64.b64encode(credentials).decode()}


def _read_exactly(reader, size: int) -> bytes:
    content = reader.read(size)
    if len(content) != size:
        raise http.client.IncompleteRead(content, size - len(content))
    return content


def _dropped(sock) -> bool:
    """An idle kept-alive connection has nothing to read: if it has, the server closed it."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


class _Response:
    def __init__(self, status: int, content: bytes):
        self.status_code = status
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.content)

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code} from Notify", response=self)


class NotifyEmailChannel(_NotifyChannel):
    name = "notify_email"
    template_setting = "NOTIFY_EMAIL_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        return self.client.send_email_notification(
            email_address=to,
            template_id=self.template_id,
            personalisation={"subject": message.subject, "body": message.body},
            reference=idempotency_key,
            one_click_unsubscribe_url=message.unsubscribe_url or None,
        )


class NotifyTextChannel(_NotifyChannel):
    name = "notify_text"
    template_setting = "NOTIFY_TEXT_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        return self.client.send_sms_notification(
            phone_number=to,
            template_id=self.template_id,
            personalisation={"body": message.body},
            reference=idempotency_key,
        )


class NotifyLetterChannel(_NotifyChannel):
    name = "notify_letter"
    template_setting = "NOTIFY_LETTER_TEMPLATE_ID"

    def _send(self, to, message, idempotency_key):
        lines = list(to)
        if len(lines) > MAX_ADDRESS_LINES:
            # Keep the name and the postcode; fold the middle lines together.
            lines = [*lines[:5], ", ".join(lines[5:-1]), lines[-1]]
        address = {f"address_line_{number}": line for number, line in enumerate(lines, start=1)}
        return self.client.send_letter_notification(
            template_id=self.template_id,
            personalisation={**address, "subject": message.subject, "body": message.body},
            reference=idempotency_key,
        )
