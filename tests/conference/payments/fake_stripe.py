"""A small fake of Stripe's HTTP API for tests, driven by the REAL ``stripe`` library.

Implements what the site uses: Checkout Sessions (create / retrieve / expire), refunds, charges (retrieve), and a
fake hosted checkout page (``/pay/<id>``) that marks the session paid and redirects to its
``success_url``. Repeated ``Idempotency-Key`` headers get the first response back, as Stripe
does. ``signed_event()`` builds a webhook payload signed with the test secret exactly like
Stripe (``Stripe-Signature: t=<ts>,v1=<hmac-sha256("<ts>.<payload>")>``).
"""

import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlparse

import pytest

API_KEY = "sk_test_fake"
WEBHOOK_SECRET = "whsec_test_fake"


def _nested(pairs):
    """Decode Stripe's form encoding (``a[b][0][c]=v``) into dicts and lists."""
    root: dict = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


class FakeStripe:
    def __init__(self):
        self.sessions: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.idempotent: dict[str, tuple[int, dict]] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- lifecycle
    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    # --- state helpers the tests use
    def complete(self, session_id):
        with self.lock:
            session = self.sessions[session_id]
            session["status"] = "complete"
            session["payment_status"] = "paid"
            session["payment_intent"] = session["payment_intent"] or "pi_" + secrets.token_hex(8)
            charge_id = "ch_" + secrets.token_hex(8)
            self.charges[charge_id] = {
                "id": charge_id,
                "object": "charge",
                "payment_intent": session["payment_intent"],
                "amount": session["amount_total"],
                "amount_refunded": 0,
                "refunded": False,
            }
            return dict(session)

    def charge_for(self, payment_intent):
        return next(dict(c) for c in self.charges.values() if c["payment_intent"] == payment_intent)

    def refund_in_dashboard(self, payment_intent):
        """What an organiser's refund in Stripe's dashboard does to the charge."""
        with self.lock:
            for charge in self.charges.values():
                if charge["payment_intent"] == payment_intent:
                    charge["amount_refunded"] = charge["amount"]
                    charge["refunded"] = True

    def expire(self, session_id):
        with self.lock:
            session = self.sessions[session_id]
            if session["status"] == "open":
                session["status"] = "expired"
            return dict(session)

    def signed_event(self, event_type, obj, *, event_id=None, secret=WEBHOOK_SECRET, timestamp=None):
        event = {
            "id": event_id or "evt_" + secrets.token_hex(10),
            "object": "event",
            "type": event_type,
            "api_version": "2025-01-01",
            "created": int(time.time()),
            "data": {"object": obj},
            "livemode": False,
        }
        payload = json.dumps(event)
        return payload, self.signature(payload, secret=secret, timestamp=timestamp)

    @staticmethod
    def signature(payload, *, secret=WEBHOOK_SECRET, timestamp=None):
        """The ``Stripe-Signature`` header Stripe would send with this exact payload."""
        ts = int(timestamp or time.time())
        signature = hmac.new(secret.encode(), f"{ts}.{payload}".encode(), hashlib.sha256).hexdigest()
        return f"t={ts},v1={signature}"

    def deliver(self, client, event_type, obj, **kwargs):
        """POST a signed event to the site's webhook through a Django test client."""
        payload, header = self.signed_event(event_type, obj, **kwargs)
        return self.deliver_payload(client, payload, header)

    def deliver_payload(self, client, payload, header=None):
        """POST any payload (say, a malformed event), correctly signed unless ``header`` is given."""
        header = header or self.signature(payload)
        return client.post(
            "/stripe/webhook/", data=payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
        )

    def count(self, method, path_prefix):
        return sum(1 for m, p, _ in self.requests if m == method and p.startswith(path_prefix))

    # --- HTTP
    def _handler(fake):  # noqa: N805 - the closure's "self" is the fake
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status, body, headers=None):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_" + secrets.token_hex(6))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _params(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                return _nested(parse_qsl(raw, keep_blank_values=True))

            def _auth_ok(self):
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    self._send(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key"}})
                    return False
                return True

            def do_GET(self):  # noqa: N802
                path = urlparse(self.path).path
                fake.requests.append(("GET", path, {}))
                if path.startswith("/pay/"):
                    return self._pay(path.rsplit("/", 1)[-1])
                if not self._auth_ok():
                    return None
                match = re.fullmatch(r"/v1/checkout/sessions/([\w]+)", path)
                if match and match.group(1) in fake.sessions:
                    return self._send(200, fake.sessions[match.group(1)])
                match = re.fullmatch(r"/v1/charges/(\w+)", path)
                if match and match.group(1) in fake.charges:
                    return self._send(200, fake.charges[match.group(1)])
                return self._send(404, {"error": {"type": "invalid_request_error", "message": "No such object"}})

            def do_POST(self):  # noqa: N802
                path = urlparse(self.path).path
                params = self._params()
                fake.requests.append(("POST", path, params))
                if not self._auth_ok():
                    return None
                key = self.headers.get("Idempotency-Key")
                with fake.lock:
                    if key and key in fake.idempotent:
                        status, body = fake.idempotent[key]
                        return self._send(status, body, {"Idempotent-Replayed": "true"})
                    status, body = self._route(path, params)
                    if key:
                        fake.idempotent[key] = (status, body)
                return self._send(status, body)

            def _route(self, path, params):
                if path == "/v1/checkout/sessions":
                    sid = "cs_test_" + secrets.token_hex(12)
                    amount = sum(
                        int(item["price_data"]["unit_amount"]) * int(item.get("quantity", 1))
                        for item in params.get("line_items", [])
                    )
                    session = {
                        "id": sid,
                        "object": "checkout.session",
                        "url": f"{fake.base}/pay/{sid}",
                        "status": "open",
                        "payment_status": "unpaid",
                        "amount_total": amount,
                        "currency": "nok",
                        "payment_intent": None,
                        "customer_email": params.get("customer_email"),
                        "client_reference_id": params.get("client_reference_id"),
                        "metadata": params.get("metadata", {}),
                        "success_url": params.get("success_url"),
                        "cancel_url": params.get("cancel_url"),
                        "expires_at": int(params.get("expires_at") or time.time() + 3600),
                        "mode": "payment",
                    }
                    fake.sessions[sid] = session
                    return 200, session
                match = re.fullmatch(r"/v1/checkout/sessions/(\w+)/expire", path)
                if match and match.group(1) in fake.sessions:
                    session = fake.sessions[match.group(1)]
                    if session["status"] == "open":
                        session["status"] = "expired"
                    return 200, session
                if path == "/v1/refunds":
                    charge = next(
                        (c for c in fake.charges.values() if c["payment_intent"] == params.get("payment_intent")), None
                    )
                    left = charge["amount"] - charge["amount_refunded"] if charge else 0
                    if charge is not None and int(params.get("amount") or left) > left:
                        # As Stripe: never more back than is left on the charge.
                        message = "Refund amount is greater than unrefunded amount on charge"
                        return 400, {"error": {"type": "invalid_request_error", "message": message}}
                    rid = "re_" + secrets.token_hex(10)
                    refund = {
                        "id": rid,
                        "object": "refund",
                        "payment_intent": params.get("payment_intent"),
                        "amount": int(params.get("amount") or 0),
                        "currency": "nok",
                        "status": "succeeded",
                    }
                    fake.refunds[rid] = refund
                    for charge in fake.charges.values():
                        if charge["payment_intent"] == refund["payment_intent"]:
                            charge["amount_refunded"] += refund["amount"]
                            charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
                    return 200, refund
                return 404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL"}}

            def _pay(self, sid):
                """The fake hosted checkout page: pays at once and goes back to the site."""
                session = fake.sessions.get(sid)
                if session is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                fake.complete(sid)
                target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", sid)
                self.send_response(303)
                self.send_header("Location", target)
                self.end_headers()

        return Handler


@pytest.fixture
def fake_stripe(settings):
    """The fake Stripe server, with the site's settings pointing at it."""
    fake = FakeStripe().start()
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake.base
    yield fake
    fake.stop()


@pytest.fixture
def stripe_unreachable(settings):
    """Stripe configured, but nothing listens at its address."""
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    settings.STRIPE_SECRET_KEY = API_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"
