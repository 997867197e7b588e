"""A fake Stripe API for tests: a small threaded HTTP server that speaks
Stripe's wire format for the calls the shop makes, so the real ``stripe``
library talks to it through ``api_base`` (settings.STRIPE_API_BASE).

Wire format, as Stripe's:
  * requests are form-encoded with nested keys (``metadata[order_number]=…``,
    ``payment_method_types[0]=card``), GET parameters the same in the query
    string (``created[gte]=…``); the secret key comes as ``Authorization:
    Bearer sk_…``;
  * responses are JSON objects with ``"object": "payment_intent"`` etc.;
    errors are ``{"error": {"type", "code", "message", "param"}}`` with
    Stripe's HTTP codes (400, 401, 404);
  * POSTs honour ``Idempotency-Key``: the same key with the same parameters
    replays the first response, with different parameters it is a 400
    ``idempotency_error``.

Test controls are a Python API (``succeed``, ``fail``, ``processing``,
``require_action``, ``expire_qr``, ``refund``…): each changes a
PaymentIntent like Stripe would and returns the Event it emits. ``signed``
turns an event into (raw body, Stripe-Signature header) with the real
HMAC-SHA256 scheme; ``deliver`` POSTs it to a webhook URL.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

# A 1×1 transparent PNG: what the fake serves as a PromptPay QR image.
QR_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def stripe_signature(*, payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for ``payload``: ``t=<ts>,v1=<hex>`` where
    v1 = HMAC-SHA256(secret, f"{t}.{payload}") (Stripe's scheme)."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def form_decode(raw: str) -> dict:
    """Stripe's nested form encoding back into dicts and lists."""
    result: dict = {}
    for key, value in parse_qsl(raw, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+|\[\]", key)
        node = result
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(result)


def _lists(node):
    # {"0": a, "1": b} -> [a, b]: Stripe's encoding of arrays.
    if isinstance(node, dict):
        node = {k: _lists(v) for k, v in node.items()}
        if node and all(k.isdigit() for k in node):
            return [node[k] for k in sorted(node, key=int)]
    return node


class StripeError(Exception):
    def __init__(self, status: int, type_: str, message: str, code: str = "", param: str = ""):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": type_, "message": message, "code": code or None, "param": param or None}}


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


class FakeStripe:
    """The fake's state and its test controls; ``start()`` serves it."""

    def __init__(self, *, secret_key: str = "sk_test_fake", webhook_secret: str = "whsec_fake"):
        self.secret_key = secret_key
        self.webhook_secret = webhook_secret
        self.payment_intents: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.refunds: dict[str, dict] = {}
        self.events: list[dict] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every API call
        self.idempotency_keys: list[str] = []  # Idempotency-Key of every POST that sent one
        self._idempotency: dict[str, tuple[str, dict, int, dict]] = {}
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        self.webhook_url: str | None = None
        self.qr_minutes = 15

    # --- serving ---------------------------------------------------------------
    def start(self, host: str = "127.0.0.1", port: int = 0) -> FakeStripe:
        fake = self

        class Handler(_Handler):
            stripe = fake

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        # Polled every 10 ms, not the default 0.5 s: stop() (after every
        # payment test) waits for the loop to notice the shutdown.
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # --- API -----------------------------------------------------------------
    def fail_next(self, count: int) -> None:
        """The next ``count`` API requests get a 500 without being processed
        (Stripe having a bad minute); the stripe library retries those."""
        self._failures = count

    def handle(self, method: str, path: str, params: dict, headers: dict) -> tuple[int, dict]:
        self.requests.append((method, path))
        with self._lock:
            if getattr(self, "_failures", 0) > 0:
                self._failures -= 1
                raise StripeError(500, "api_error", "An unknown error occurred.")
        auth = headers.get("authorization", "")
        if auth != f"Bearer {self.secret_key}":
            raise StripeError(401, "invalid_request_error", "Invalid API Key provided.")
        key = headers.get("idempotency-key")
        if method == "POST" and key:
            with self._lock:
                self.idempotency_keys.append(key)
                if key in self._idempotency:
                    first_path, first_params, status, body = self._idempotency[key]
                    if (first_path, first_params) != (path, params):
                        raise StripeError(
                            400,
                            "idempotency_error",
                            "Keys for idempotent requests can only be used with the same parameters "
                            "they were first used with. Try using a key other than "
                            f"'{key}' if you meant to execute a different request.",
                        )
                    return status, body
                status, body = self._route(method, path, params)
                self._idempotency[key] = (path, params, status, copy.deepcopy(body))
                return status, body
        with self._lock:
            return self._route(method, path, params)

    def _route(self, method: str, path: str, params: dict) -> tuple[int, dict]:
        if path == "/v1/payment_intents" and method == "POST":
            return 200, self._pi_create(params)
        m = re.fullmatch(r"/v1/payment_intents/(pi_\w+)(?:/(confirm|cancel))?", path)
        if m:
            pi = self._pi(m.group(1))
            action = m.group(2)
            if method == "GET" and not action:
                return 200, copy.deepcopy(pi)
            if method == "POST" and not action:
                return 200, self._pi_update(pi, params)
            if method == "POST" and action == "confirm":
                return 200, self._pi_confirm(pi, params)
            if method == "POST" and action == "cancel":
                return 200, self._pi_cancel(pi, params)
        if path == "/v1/refunds" and method == "POST":
            return 200, self._refund_create(params)
        if path == "/v1/events" and method == "GET":
            return 200, self._events_list(params)
        raise StripeError(404, "invalid_request_error", f"Unrecognized request URL ({method}: {path}).")

    def _pi(self, pi_id: str) -> dict:
        if pi_id not in self.payment_intents:
            raise StripeError(
                404, "invalid_request_error", f"No such payment_intent: '{pi_id}'", "resource_missing", "intent"
            )
        return self.payment_intents[pi_id]

    def _pi_create(self, params: dict) -> dict:
        try:
            amount = int(params.get("amount", ""))
        except ValueError:
            raise StripeError(
                400, "invalid_request_error", "Missing required param: amount.", "parameter_missing", "amount"
            ) from None
        if amount < 1:
            raise StripeError(
                400, "invalid_request_error", "Amount must be at least ฿10.00 thb", "amount_too_small", "amount"
            )
        if not params.get("currency"):
            raise StripeError(
                400, "invalid_request_error", "Missing required param: currency.", "parameter_missing", "currency"
            )
        pi_id = _id("pi")
        pi = {
            "id": pi_id,
            "object": "payment_intent",
            "amount": amount,
            "amount_received": 0,
            "currency": params["currency"].lower(),
            "client_secret": f"{pi_id}_secret_{secrets.token_hex(8)}",
            "created": int(time.time()),
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "description": params.get("description"),
            "receipt_email": params.get("receipt_email"),
            "payment_method_types": params.get("payment_method_types", ["card"]),
            "payment_method": None,
            "status": "requires_payment_method",
            "next_action": None,
            "last_payment_error": None,
            "latest_charge": None,
            "cancellation_reason": None,
            "canceled_at": None,
        }
        self.payment_intents[pi_id] = pi
        self._emit("payment_intent.created", pi)
        if str(params.get("confirm", "")).lower() == "true":
            self._pi_confirm(pi, params)
        return copy.deepcopy(pi)

    def _pi_update(self, pi: dict, params: dict) -> dict:
        if "metadata" in params:
            pi["metadata"] = {**pi["metadata"], **params["metadata"]}
        return copy.deepcopy(pi)

    def _pi_confirm(self, pi: dict, params: dict) -> dict:
        if pi["status"] not in ("requires_payment_method", "requires_confirmation", "requires_action"):
            raise StripeError(
                400,
                "invalid_request_error",
                f"This PaymentIntent's status is {pi['status']}: it cannot be confirmed.",
                "payment_intent_unexpected_state",
            )
        kind = (params.get("payment_method_data") or {}).get("type") or pi["payment_method_types"][0]
        pi["payment_method"] = _id("pm")
        if kind == "promptpay":
            self._promptpay_qr(pi)
            self._emit("payment_intent.requires_action", pi)
        else:
            pi["status"] = "requires_confirmation"
        return copy.deepcopy(pi)

    def _promptpay_qr(self, pi: dict) -> None:
        data = f"00020101021230{pi['id']}5303764540{pi['amount'] / 100:.2f}"
        pi["status"] = "requires_action"
        pi["next_action"] = {
            "type": "promptpay_display_qr_code",
            "promptpay_display_qr_code": {
                "data": data,
                "hosted_instructions_url": f"{self.url if self._server else ''}/qr/{pi['id']}",
                "image_url_png": f"{self.url if self._server else ''}/qr/{pi['id']}.png",
                "image_url_svg": f"{self.url if self._server else ''}/qr/{pi['id']}.svg",
                # Not in Stripe's object: the fake tells when its QR stops
                # working, so tests can line it up with the shop's countdown.
                "expires_at": int(time.time()) + self.qr_minutes * 60,
            },
        }

    def _pi_cancel(self, pi: dict, params: dict) -> dict:
        if pi["status"] in ("succeeded", "canceled"):
            raise StripeError(
                400,
                "invalid_request_error",
                f"You cannot cancel this PaymentIntent because it has a status of {pi['status']}. "
                "Only a PaymentIntent with one of the following statuses may be canceled: "
                "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
                "payment_intent_unexpected_state",
            )
        pi["status"] = "canceled"
        pi["next_action"] = None
        pi["cancellation_reason"] = params.get("cancellation_reason", "requested_by_customer")
        pi["canceled_at"] = int(time.time())
        self._emit("payment_intent.canceled", pi)
        return copy.deepcopy(pi)

    def _refund_create(self, params: dict) -> dict:
        pi = self._pi(params.get("payment_intent", ""))
        charge = self.charges.get(pi["latest_charge"] or "")
        if pi["status"] != "succeeded" or charge is None:
            raise StripeError(
                400,
                "invalid_request_error",
                "This PaymentIntent does not have a successful charge to refund.",
                "charge_not_refundable",
            )
        amount = int(params.get("amount") or charge["amount"] - charge["amount_refunded"])
        if amount < 1 or charge["amount_refunded"] + amount > charge["amount"]:
            raise StripeError(
                400,
                "invalid_request_error",
                f"Refund amount (฿{amount / 100:.2f}) is greater than unrefunded amount on charge.",
                "amount_too_large",
                "amount",
            )
        # PromptPay refunds wait for the customer's bank details (Stripe
        # emails them); card refunds succeed at once.
        promptpay = "promptpay" in pi["payment_method_types"]
        refund = {
            "id": _id("re"),
            "object": "refund",
            "amount": amount,
            "currency": pi["currency"],
            "charge": charge["id"],
            "payment_intent": pi["id"],
            "reason": params.get("reason"),
            "metadata": params.get("metadata", {}),
            "status": "requires_action" if promptpay else "succeeded",
            "created": int(time.time()),
        }
        self.refunds[refund["id"]] = refund
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        charge["refunds"]["data"].insert(0, refund)
        self._emit("charge.refunded", charge)
        return copy.deepcopy(refund)

    def _events_list(self, params: dict) -> dict:
        limit = min(int(params.get("limit", 10)), 100)
        created = params.get("created") or {}
        events = sorted(self.events, key=lambda e: (e["created"], e["_seq"]), reverse=True)  # newest first
        if isinstance(created, dict) and "gte" in created:
            events = [e for e in events if e["created"] >= int(created["gte"])]
        types = params.get("types")
        if params.get("type"):
            events = [e for e in events if e["type"] == params["type"]]
        elif types:
            events = [e for e in events if e["type"] in types]
        if params.get("starting_after"):
            ids = [e["id"] for e in events]
            if params["starting_after"] not in ids:
                raise StripeError(400, "invalid_request_error", "No such event.", "resource_missing", "starting_after")
            events = events[ids.index(params["starting_after"]) + 1 :]
        page = events[:limit]
        return {
            "object": "list",
            "url": "/v1/events",
            "has_more": len(events) > limit,
            "data": [self._public(e) for e in page],
        }

    # --- events ----------------------------------------------------------------
    def _emit(self, type_: str, obj: dict) -> dict:
        event = {
            "id": _id("evt"),
            "object": "event",
            "api_version": "2024-06-20",
            "created": int(time.time()),
            "livemode": False,
            "pending_webhooks": 1,
            "request": {"id": None, "idempotency_key": None},
            "type": type_,
            "data": {"object": copy.deepcopy(obj)},
            "_seq": len(self.events),
        }
        self.events.append(event)
        return self._public(event)

    @staticmethod
    def _public(event: dict) -> dict:
        return {k: copy.deepcopy(v) for k, v in event.items() if not k.startswith("_")}

    def signed(self, event: dict, *, secret: str | None = None, timestamp: int | None = None) -> tuple[bytes, str]:
        """The raw body and Stripe-Signature header Stripe would send."""
        payload = json.dumps(event, indent=2)
        header = stripe_signature(payload=payload, secret=secret or self.webhook_secret, timestamp=timestamp)
        return payload.encode(), header

    def deliver(self, event: dict, *, url: str | None = None) -> int:
        """POST the signed event to the webhook URL; returns the HTTP status."""
        body, header = self.signed(event)
        request = urllib.request.Request(
            url or self.webhook_url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    # --- test controls (what the customer or the bank does) ---------------------
    def payment_intent(self, pi_id: str) -> dict:
        return copy.deepcopy(self._pi(pi_id))

    def processing(self, pi_id: str) -> dict:
        with self._lock:
            pi = self._pi(pi_id)
            pi["status"] = "processing"
            pi["next_action"] = None
            return self._emit("payment_intent.processing", pi)

    def require_action(self, pi_id: str, *, return_url: str = "") -> dict:
        """3-D Secure: the card needs the customer to authenticate."""
        with self._lock:
            pi = self._pi(pi_id)
            pi["status"] = "requires_action"
            pi["next_action"] = {
                "type": "redirect_to_url",
                "redirect_to_url": {"url": f"https://hooks.stripe.example/3ds/{pi_id}", "return_url": return_url},
            }
            return self._emit("payment_intent.requires_action", pi)

    def succeed(self, pi_id: str, *, amount: int | None = None) -> dict:
        """The customer paid: a captured charge for the PI's amount (or
        ``amount``, to simulate a charge that does not match)."""
        with self._lock:
            pi = self._pi(pi_id)
            charge = {
                "id": _id("ch"),
                "object": "charge",
                "amount": amount or pi["amount"],
                "amount_captured": amount or pi["amount"],
                "amount_refunded": 0,
                "currency": pi["currency"],
                "captured": True,
                "livemode": pi["livemode"],
                "paid": True,
                "refunded": False,
                "status": "succeeded",
                "payment_intent": pi_id,
                "metadata": dict(pi["metadata"]),
                "refunds": {"object": "list", "data": [], "has_more": False},
                "created": int(time.time()),
            }
            self.charges[charge["id"]] = charge
            pi["status"] = "succeeded"
            pi["amount_received"] = charge["amount"]
            pi["latest_charge"] = charge["id"]
            pi["next_action"] = None
            pi["last_payment_error"] = None
            return self._emit("payment_intent.succeeded", pi)

    def fail(self, pi_id: str, *, message: str = "Your card was declined.", code: str = "card_declined") -> dict:
        with self._lock:
            pi = self._pi(pi_id)
            pi["status"] = "requires_payment_method"
            pi["next_action"] = None
            pi["last_payment_error"] = {"type": "card_error", "code": code, "message": message}
            return self._emit("payment_intent.payment_failed", pi)

    def expire_qr(self, pi_id: str) -> dict:
        """The PromptPay QR ran out: Stripe fails the attempt (the PI goes
        back to requires_payment_method) and emits payment_failed."""
        return self.fail(pi_id, message="The PromptPay QR code expired.", code="payment_intent_payment_attempt_expired")

    def refund(self, pi_id: str, *, amount: int | None = None) -> dict:
        """A refund made in Stripe's dashboard: returns charge.refunded."""
        with self._lock:
            self._refund_create({"payment_intent": pi_id, **({"amount": str(amount)} if amount else {})})
            return self._public(self.events[-1])

    def events_of(self, type_: str) -> list[dict]:
        return [self._public(e) for e in self.events if e["type"] == type_]


class _Handler(BaseHTTPRequestHandler):
    stripe: FakeStripe
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def _respond(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Request-Id", f"req_{secrets.token_hex(7)}")
        self.end_headers()
        self.wfile.write(body)

    def _serve(self, method: str) -> None:
        url = urlsplit(self.path)
        if method == "GET" and url.path.startswith("/qr/"):
            self._respond(200, QR_PNG, "image/png")
            return
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode() if length else ""
        params = form_decode(raw if method == "POST" else url.query)
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            status, body = self.stripe.handle(method, url.path, params, headers)
        except StripeError as exc:
            status, body = exc.status, exc.body
        self._respond(status, json.dumps(body).encode())

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def do_DELETE(self):
        self._serve("DELETE")
