"""The public producer pages under /<lang>/shop/producers/: the directory of
approved producers, a producer's profile with its products, and the online
OTOP registration (form, thanks, emailed verification link). Their URLs are
``catalog.producers.urls.producer_urls`` (namespace ``producers``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from shop.common.page_versions import CATALOGUE, CMS, page_depends
from shop.common.ratelimit import client_ip, rate_limit_hit

from ...fragment_cache import fragment_versions
from ...selectors import producers_approved, products_by_producer
from ..forms import ProducerRegistrationForm, form_errors_attach
from ..services.applications import ApplicationInput, producer_application_email_verify, producer_application_submit


def producer_list(request):
    page_depends(request=request, names=[CATALOGUE])
    return render(request, "catalog/producer_list.html", {"producers": producers_approved()})


def producer_detail(request, slug: str):
    # Only approved producers have a public page; others 404 so that pending
    # applications are not discoverable by slug.
    page_depends(request=request, names=[CATALOGUE])
    fragment_versions(request=request, names=[CATALOGUE, CMS], before_data=True)  # its product cards, the chrome
    producer = get_object_or_404(producers_approved(), slug=slug)
    return render(
        request,
        "catalog/producer_detail.html",
        {"producer": producer, "products": products_by_producer(producer=producer)},
    )


# --- Online registration ----------------------------------------------------------------

_SESSION_APPLICATION = "producer_application_id"


@never_cache
@sensitive_post_parameters("password1", "password2")
def producer_register(request):
    """The public registration form (Thai first; /en/ too). POSTs are
    rate-limited per client IP; every rule is checked by the service, and a
    rejected form writes nothing."""
    if request.method == "POST":
        if rate_limit_hit(
            scope="producer-register",
            key=client_ip(request),
            limit=settings.PRODUCER_REGISTRATION_RATE_LIMIT,
            window_seconds=settings.PRODUCER_REGISTRATION_RATE_WINDOW,
        ):
            return render(request, "catalog/register_rate_limited.html", status=429)
        form = ProducerRegistrationForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            cleaned = form.cleaned_data
            data = ApplicationInput(
                name_th=cleaned["name_th"],
                name_en=cleaned["name_en"].strip(),
                kind=cleaned["kind"],
                otop_registration_number=cleaned["otop_registration_number"].strip(),
                district=cleaned["district"],
                tambon=cleaned["tambon"],
                village=cleaned["village"].strip(),
                address=cleaned["address"].strip(),
                postcode=cleaned["postcode"],
                contact_name=cleaned["contact_name"].strip(),
                phone=cleaned["phone"],
                line_id=cleaned["line_id"].strip(),
                email=cleaned["email"],
                product_types=tuple(cleaned["product_types"]),
                story=cleaned["story"].strip(),
            )
            try:
                application = producer_application_submit(
                    data=data,
                    photos=cleaned["photos"],
                    language=get_language() or settings.LANGUAGE_CODE,
                    user=request.user if request.user.is_authenticated else None,
                    password=cleaned.get("password1", ""),
                )
            except ValidationError as exc:
                form_errors_attach(form, exc)
            else:
                request.session[_SESSION_APPLICATION] = application.pk
                return redirect("producers:register-done")
    else:
        form = ProducerRegistrationForm(user=request.user)
    return render(request, "catalog/register.html", {"form": form})


def producer_register_done(request):
    if not request.session.get(_SESSION_APPLICATION):
        return redirect("producers:register")
    return render(request, "catalog/register_done.html")


@never_cache
def producer_register_verify(request, token: str):
    """The emailed link. GET only shows a button: mail scanners fetch links,
    and must not be the ones who verify the address."""
    if request.method != "POST":
        return render(request, "catalog/register_verify.html", {"token": token})
    try:
        application = producer_application_email_verify(token=token)
    except ValidationError as exc:
        return render(request, "catalog/register_verify.html", {"error": exc.messages[0]}, status=400)
    return render(request, "catalog/register_verify.html", {"verified": True, "application": application})
