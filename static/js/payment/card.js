/* Card payment page: Stripe's Payment Element (card details and 3-D Secure
 * stay with Stripe). Needs https://js.stripe.com/v3/ loaded first (the CSP
 * allows it when STRIPE_PUBLISHABLE_KEY is set). After confirmPayment Stripe
 * returns the browser to our return URL, which checks the payment and moves
 * on to the thank-you page. */
(function () {
    "use strict";
    var form = document.getElementById("card-payment-form");
    if (!form || typeof window.Stripe !== "function") { return; }
    var locale = (form.getAttribute("data-locale") || "auto").replace("zh-hans", "zh");
    var stripe = window.Stripe(form.getAttribute("data-publishable-key"), {locale: locale});
    var elements = stripe.elements({clientSecret: form.getAttribute("data-client-secret")});
    var paymentElement = elements.create("payment");
    var errorBox = document.getElementById("card-payment-error");
    var submit = document.getElementById("card-payment-submit");
    paymentElement.mount("#payment-element");

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        submit.disabled = true;
        errorBox.classList.add("d-none");
        stripe.confirmPayment({
            elements: elements,
            confirmParams: {return_url: form.getAttribute("data-return-url")}
        }).then(function (result) {
            // Only reached when there is an immediate error: success redirects.
            if (result.error) {
                errorBox.textContent = result.error.message || form.getAttribute("data-error-generic");
                errorBox.classList.remove("d-none");
                submit.disabled = false;
            }
        });
    });
})();
