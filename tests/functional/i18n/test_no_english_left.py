"""The translation check: every storefront page and every customer e-mail,
rendered in Thai and in Simplified Chinese, has no English left in it
(beyond brand names and codes), and Thai text gives years in the Buddhist
Era, never the Common Era.

Each page is one test per language, so a failure names the page and lists
the words with their surroundings."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tests.factories.order import THAI_ADDRESS

from .visible_text import ce_years, context_of, english_words, visible_text

pytestmark = pytest.mark.django_db

LANGUAGES = ["th", "zh-hans"]


def _url(name, **kwargs):
    return reverse(name, kwargs=kwargs or None)


# --- How to reach each page: (client, world) -> response ---------------------------------------


def _get(path):
    return lambda client, world: client.get(path(world) if callable(path) else path, follow=True)


def _signed_in(path):
    def fetch(client, world):
        client.force_login(world.customer)
        return client.get(path(world) if callable(path) else path, follow=True)

    return fetch


def _basket(client, world):
    client.post(_url("basket:add", pk=world.silk.pk), {"quantity": 1})


def _checkout_as_guest(client, world, *, pickup: bool):
    _basket(client, world)
    client.post(_url("checkout:index"), {"username": "tourist@example.com", "options": "anonymous"})
    if pickup:
        data = {
            "first_name": "Anna",
            "last_name": "Berg",
            "phone_number": "0812345678",
            "country": "TH",
            "pickup_only": "on",
        }
    else:
        data = {key: value for key, value in THAI_ADDRESS.items() if value and key != "country_id"}
        data.update(country="TH", phone_number="0812345678")
    response = client.post(_url("checkout:shipping-address"), data)
    assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors


def _checkout_step(step: str, *, pickup: bool = False):
    def fetch(client, world):
        if step != "gateway":
            if step == "shipping-address":
                _basket(client, world)
                client.post(_url("checkout:index"), {"username": "tourist@example.com", "options": "anonymous"})
            else:
                _checkout_as_guest(client, world, pickup=pickup)
        if step in ("payment-method", "preview"):
            if not pickup:
                client.post(_url("checkout:shipping-method"), {"method_code": "ems-thailand"})
            if step == "preview":
                client.post(_url("checkout:payment-method"), {"method": "pickup" if pickup else "card"})
        elif step == "gateway":
            _basket(client, world)
        return client.get(_url(f"checkout:{'index' if step == 'gateway' else step}"), follow=True)

    return fetch


def _thank_you(order_attr):
    def fetch(client, world):
        session = client.session
        session["checkout_order_id"] = getattr(world, order_attr).pk
        session.save()
        return client.get(_url("checkout:thank-you"))

    return fetch


def _anonymous_order(*, email_known: bool):
    def fetch(client, world):
        order = world.guest_order
        if email_known:
            session = client.session
            session["anon_order_email"] = order.guest_email
            session.save()
        return client.get(
            _url("customer:anon-order", order_number=order.number, hash=order.verification_hash()), follow=True
        )

    return fetch


PAGES = {
    "home": _get(lambda world: "/" if translation.get_language() == "th" else f"/{translation.get_language()}/"),
    "catalogue": _get(lambda world: _url("catalogue:index")),
    "category": _get(lambda world: world.categories["silk"].get_absolute_url()),
    "district": _get(lambda world: _url("district-products", slug=world.district.slug)),
    "product": _get(lambda world: world.silk.get_absolute_url()),
    "search": _get(lambda world: _url("search:search") + "?q=%E0%B9%84%E0%B8%AB%E0%B8%A1"),
    "producer list": _get(lambda world: _url("producers:producer-list")),
    "producer page": _get(lambda world: world.producer.get_absolute_url()),
    "story index": _get(lambda world: world.pages()[translation.get_language()]["index"].url),
    "story page": _get(lambda world: world.pages()[translation.get_language()]["story"].url),
    "district story page": _get(lambda world: world.pages()[translation.get_language()]["district"].url),
    "center page": _get(lambda world: world.pages()[translation.get_language()]["center"].url),
    "basket": lambda client, world: (_basket(client, world), client.get(_url("basket:summary")))[1],
    "checkout gateway": _checkout_step("gateway"),
    "checkout address": _checkout_step("shipping-address"),
    "checkout shipping method": _checkout_step("shipping-method"),
    "checkout payment method": _checkout_step("payment-method"),
    "checkout preview (delivery)": _checkout_step("preview"),
    "checkout preview (pickup)": _checkout_step("preview", pickup=True),
    "thank-you (pickup, unpaid)": _thank_you("pickup_order"),
    "thank-you (paid)": _thank_you("paid_order"),
    "order history": _signed_in(lambda world: _url("customer:order-list")),
    "order detail (pickup)": _signed_in(lambda world: _url("customer:order", order_number=world.pickup_order.number)),
    "order detail (paid)": _signed_in(lambda world: _url("customer:order", order_number=world.paid_order.number)),
    "guest order lookup": _get(lambda world: _url("checkout:order-lookup")),
    "guest order link (asks for the e-mail)": _anonymous_order(email_known=False),
    "guest order page": _anonymous_order(email_known=True),
    "login and registration": _get(lambda world: _url("customer:login")),
    "account": _signed_in(lambda world: _url("customer:summary")),
    "account profile edit": _signed_in(lambda world: _url("customer:profile-update")),
    "account addresses": _signed_in(lambda world: _url("customer:address-list")),
    "account change password": _signed_in(lambda world: _url("customer:change-password")),
    "password reset": _get(lambda world: _url("password-reset")),
}


def _problems(text: str, language: str, world) -> list[str]:
    # People's and places' own names as they typed them (the customer, the
    # address), and producers, who have names in Thai and English only:
    # Chinese visitors read the English (romanised) one, as
    # catalog.models.reference.name_for_language decides.
    proper_names = set(world.producer.name_en.split()) | {"Anna", "Berg", "Somchai", "Jaidee", "Moo"}
    words = [word for word in english_words(text) if word not in proper_names]
    problems = [f"English {word!r}: …{context_of(text, word)}…" for word in dict.fromkeys(words)]
    if language == "th":
        problems += [f"CE year {year}: …{context_of(text, year)}…" for year in dict.fromkeys(ce_years(text))]
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_name", PAGES)
def test_a_storefront_page_has_no_english_and_no_ce_years_in_thai_or_chinese(client, shop_world, page_name, language):
    with translation.override(language):
        response = PAGES[page_name](client, shop_world)
    assert response.status_code == 200, f"{page_name} in {language}: HTTP {response.status_code}"
    assert response.headers.get("Content-Language", language) == language

    problems = _problems(visible_text(response.content.decode()), language, shop_world)

    assert not problems, f"{page_name} in {language}:\n" + "\n".join(problems)


# --- E-mails ------------------------------------------------------------------------------------


def _order_email(event, *, dispatched=False):
    def send(world, language):
        from shop.order.services import order_email_send

        order = world.paid_order
        order.language = language
        if dispatched:
            order.carrier, order.tracking_number = "thailand_post", "EF123456789TH"
        order.save()
        order_email_send(order_id=order.pk, event=event)

    return send


def _pickup_email(event):
    def send(world, language):
        from shop.order.services import order_email_send

        order = world.pickup_order
        order.language = language
        order.save()
        order_email_send(order_id=order.pk, event=event)

    return send


def _oscar_email(code):
    def send(world, language):
        from oscar.core.loading import get_class

        Dispatcher = get_class("communication.utils", "Dispatcher")
        CommunicationEventType = get_class("communication.models", "CommunicationEventType")
        with translation.override(language):
            messages = CommunicationEventType.objects.get_and_render(
                code, {"user": world.customer, "site": None, "reset_url": "https://example.com/reset/"}
            )
            Dispatcher().dispatch_user_messages(world.customer, messages)

    return send


EMAILS = {
    "order received (pickup)": _pickup_email("received"),
    "order ready for pickup": _pickup_email("ready_for_pickup"),
    "order paid": _order_email("paid"),
    "order dispatched": _order_email("dispatched", dispatched=True),
    "order refunded": _order_email("refunded"),
    "registration": _oscar_email("REGISTRATION"),
    "password reset": _oscar_email("PASSWORD_RESET"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("email", EMAILS)
def test_a_customer_email_has_no_english_and_no_ce_years_in_thai_or_chinese(shop_world, email, language):
    mail.outbox.clear()

    EMAILS[email](shop_world, language)

    assert mail.outbox, f"no {email} e-mail was sent"
    message = mail.outbox[-1]
    html = next((body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
    text = "\n".join([message.subject, message.body, visible_text(html) if html else ""])
    problems = _problems(text, language, shop_world)
    assert not problems, f"{email} e-mail in {language}:\n" + "\n".join(problems)
