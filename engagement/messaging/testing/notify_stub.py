"""A fake GOV.UK Notify API on 127.0.0.1, for tests and benchmarks: never the real Notify.

It speaks the parts of Notify's v2 API the portal uses (POST /v2/notifications/{email,sms,letter},
GET /v2/notifications?reference=…), checks the JWT each request
carries, refuses bad recipients with Notify's 400s, and counts what it accepted — per reference,
so a test can prove each message went exactly once. On demand it answers 5xx, or enforces
Notify's rate limit (429 beyond N requests in any 60 seconds).

In a test or a benchmark: `stub = NotifyStub(api_key).start()` … `stub.stop()` (see fixtures.py).
"""

import collections
import json
import re
import ssl
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UK_MOBILE = re.compile(r"^(?:\+?44|0)7\d{9}$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$", re.IGNORECASE)
_TYPES = ("email", "sms", "letter")


class NotifyStub:
    """`tls`: (certificate file, key file) to answer over HTTPS, as Notify does."""

    def __init__(self, api_key: str, *, tls: tuple[str, str] | None = None):
        self.service_id = api_key[-73:-37]
        self.secret = api_key[-36:]
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self._scheme = "https"
        self.reset()

    # --- control ------------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host}:{port}"

    def start(self) -> "NotifyStub":
        threading.Thread(target=self._server.serve_forever, name="notify-stub", daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.by_reference: dict[str, list[dict]] = collections.defaultdict(list)
            self.counts = collections.Counter()
            self.refused: set[str] = set()
            self._failures: collections.deque[int] = collections.deque()
            self.rate_limit_per_minute = 0
            # When the last `rate_limit_per_minute` sends were accepted.
            self._accepted_times: collections.deque[float] = collections.deque(maxlen=0)
            self.delay_seconds = 0.0
            self.down_status: int | None = None

    def fail_next(self, count: int, status: int = 500) -> None:
        """The next `count` sends get this HTTP status (500, 503, 429…) instead of being accepted."""
        with self._lock:
            self._failures.extend([status] * count)

    def outage(self, status: int | None = 503) -> None:
        """Answer every request, sends and lookups alike, with this status (None: back up again)."""
        with self._lock:
            self.down_status = status

    def refuse(self, recipient: str) -> None:
        """Answer sends to this email address, number (as sent, without spaces) or addressee as Notify answers a
        bad one (400)."""
        with self._lock:
            self.refused.add(recipient)

    def configure(self, *, rate_limit_per_minute: int | None = None, delay_seconds: float | None = None) -> None:
        with self._lock:
            if rate_limit_per_minute is not None:
                self.rate_limit_per_minute = rate_limit_per_minute
                self._accepted_times = collections.deque(maxlen=rate_limit_per_minute)
            if delay_seconds is not None:
                self.delay_seconds = delay_seconds

    def stats(self) -> dict:
        with self._lock:
            return {
                "accepted": self.counts["accepted"],
                "rate_limited": self.counts["429"],
                "bad_requests": self.counts["400"],
                "lookups": self.counts["lookups"],
                "references": len(self.by_reference),
                "sent_twice": sorted(ref for ref, ids in self.by_reference.items() if len(ids) > 1),
            }

    def sent_to(self, reference: str) -> list[dict]:
        with self._lock:
            return list(self.by_reference.get(reference, []))

    # --- the API ------------------------------------------------------------------
    def authorised(self, header: str) -> bool:
        if not header.startswith("Bearer "):
            return False
        try:
            claims = jwt.decode(header[7:], self.secret, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == self.service_id

    def post_notification(self, kind: str, body: dict) -> tuple[int, dict]:
        with self._lock:
            accepted = self._accepted_times
            limited = self.rate_limit_per_minute and len(accepted) == accepted.maxlen
            if self.down_status or self._failures or (limited and accepted[0] > time.monotonic() - 60):
                # A failure on demand, or beyond the rate limit: no more than `rate_limit_per_minute` in 60 seconds.
                status = self.down_status or (self._failures.popleft() if self._failures else 429)
                self.counts[str(status)] += 1
                return status, _error(
                    status, "RateLimitError" if status == 429 else "Exception", "Stub failure on demand"
                )
        problem = self._validate(kind, body)
        if problem:
            with self._lock:
                self.counts["400"] += 1
            return 400, _error(400, "ValidationError", problem)
        if self.delay_seconds:
            time.sleep(self.delay_seconds)
        notification_id = str(uuid.uuid4())
        personalisation = body.get("personalisation") or {}
        # As Notify shows a notification: what was sent, with the words and the first address line filled in.
        words = {name: personalisation.get(name) for name in ("subject", "body")}
        notification = {**body, **words, "id": notification_id, "line_1": personalisation.get("address_line_1")}
        with self._lock:
            if body.get("reference"):
                self.by_reference[body["reference"]].append(notification)
            self.counts["accepted"] += 1
            self._accepted_times.append(time.monotonic())
        # The parts of Notify's answer the portal reads.
        return 201, {"id": notification_id, "reference": body.get("reference")}

    def _validate(self, kind: str, body: dict) -> str:
        if not body.get("template_id"):
            return "template_id is a required property"
        if kind == "email":
            address = body.get("email_address") or ""
            if address in self.refused or not _EMAIL.match(address):
                return "email_address Not a valid email address"
        elif kind == "sms":
            number = re.sub(r"[\s()-]", "", body.get("phone_number") or "")
            if number in self.refused or not _UK_MOBILE.match(number):
                return "phone_number Not a UK mobile number"
        else:
            personalisation = body.get("personalisation") or {}
            lines = [line for n in range(1, 8) if (line := personalisation.get(f"address_line_{n}"))]
            if len(lines) < 3:
                return "personalisation address must be at least 3 lines"
            if not _POSTCODE.match(lines[-1].strip()) or lines[0] in self.refused:
                return "Last line of address must be a real UK postcode or another country"
        return ""

    def find(self, reference: str) -> list[dict]:
        with self._lock:
            self.counts["lookups"] += 1
            return self.by_reference.get(reference, [])[::-1]


def _error(status: int, error: str, message: str) -> dict:
    return {"status_code": status, "errors": [{"error": error, "message": message}]}


def _handler_for(stub: NotifyStub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as Notify's client expects
        # Headers and body go out in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK hold every response back 40 ms.
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def _reply(self, status: int, payload) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _refused(self) -> bool:
            """Answer 403 to a request without a valid token (True if so)."""
            if stub.authorised(self.headers.get("Authorization", "")):
                return False
            self._reply(403, _error(403, "AuthError", "Invalid token: signature, api token not found"))
            return True

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            kind = urlsplit(self.path).path.removeprefix("/v2/notifications/")
            if kind not in _TYPES:
                self._reply(404, _error(404, "NotFound", "Not found"))
            elif not self._refused():
                self._reply(*stub.post_notification(kind, body))

        def do_GET(self):
            url = urlsplit(self.path)
            if self._refused():
                return
            if stub.down_status:
                self._reply(stub.down_status, _error(stub.down_status, "Exception", "Stub outage"))
            elif url.path == "/v2/notifications":
                reference = parse_qs(url.query).get("reference", [""])[0]
                self._reply(200, {"notifications": stub.find(reference) if reference else [], "links": {}})
            else:
                self._reply(404, _error(404, "NoResultFound", "No result found"))

    return Handler
