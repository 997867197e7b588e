/* PromptPay payment page: countdown to the QR's expiry and a poll of our
 * own status endpoint every 3 seconds. Moves to the thank-you page when the
 * payment is in; shows "QR expired — get a new QR" when it ran out.
 * Data comes from data-* attributes on #promptpay-payment (no inline JS). */
(function () {
    "use strict";
    var box = document.getElementById("promptpay-payment");
    if (!box) { return; }
    var statusUrl = box.getAttribute("data-status-url");
    var expiresAt = Date.parse(box.getAttribute("data-expires-at") || "");
    var countdown = document.getElementById("promptpay-countdown");
    var expiredBox = document.getElementById("promptpay-expired");
    var pollTimer = null;
    var tickTimer = null;
    var OPEN = ["created", "requires_action", "processing"];

    function showExpired() {
        window.clearInterval(tickTimer);
        window.clearInterval(pollTimer);
        box.classList.add("d-none");
        expiredBox.classList.remove("d-none");
    }

    function tick() {
        if (isNaN(expiresAt)) { return; }
        var left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
        var minutes = Math.floor(left / 60);
        var seconds = left % 60;
        countdown.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
        // At zero, one more poll lets the server expire the attempt (or find
        // a payment made at the last second) before we say it expired.
        if (left === 0) { poll(); }
    }

    function poll() {
        fetch(statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (data) {
                if (!data) { return; }
                if (data.redirect_url) {
                    window.clearInterval(pollTimer);
                    countdown.textContent = box.getAttribute("data-text-paid");
                    window.location.assign(data.redirect_url);
                } else if (OPEN.indexOf(data.status) === -1) {
                    showExpired();
                }
            })
            .catch(function () { /* network hiccup: the next poll tries again */ });
    }

    tick();
    tickTimer = window.setInterval(tick, 1000);
    pollTimer = window.setInterval(poll, 3000);
})();
