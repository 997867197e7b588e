/*
 * Storefront start-up, replacing the inline `$(function() { ... })` that
 * Oscar's templates fill through {% block onbodyload %}: the
 * Content-Security-Policy allows no inline script, so templates/oscar/base.html
 * no longer renders that block and this file calls the same init functions,
 * chosen by the URL name on <body data-view-name>.
 * Data comes from data-* attributes on <body> (templates/oscar/base.html).
 */
(function ($) {
    'use strict';

    var body = document.body;
    var viewName = body.getAttribute('data-view-name') || '';

    // One entry per Oscar storefront page whose template had onbodyload code.
    var pageInits = {
        'basket:summary': function () {
            // The voucher form is hidden with the `hidden` attribute (no style
            // attributes under the CSP); Oscar's show()/hide() need it hidden
            // by an inline display instead, which scripts may still set.
            $('#voucher_form_container').removeAttr('hidden').hide();
            oscar.basket.init({basketURL: body.getAttribute('data-basket-url')});
        },
        'search:search': function () { oscar.search.init(); },
        'catalogue:index': function () { oscar.search.init(); },
        'catalogue:category': function () { oscar.search.init(); },
        'checkout:index': function () { oscar.checkout.gateway.init(); },
        'customer:wishlists-list': function () { oscar.customer.wishlists.init(); },
        'customer:notifications-inbox': function () { oscar.notifications.init(); },
        'customer:notifications-archive': function () { oscar.notifications.init(); }
    };

    // Oscar's HTML email preview (customer:email-detail): the email's HTML is
    // written into an iframe so its CSS cannot touch the page.
    function initEmailPreview() {
        var frame = document.getElementById('preview_box');
        if (!frame || !frame.contentWindow) { return; }
        var doc = frame.contentWindow.document;
        doc.open();
        doc.write($(frame).text());
        doc.close();
    }

    // Links and buttons that used onclick="history.go(-1)" / "window.print()".
    function initActions() {
        $(document).on('click', '[data-action="history-back"]', function (event) {
            event.preventDefault();
            window.history.back();
        });
        $(document).on('click', '[data-action="print"]', function (event) {
            event.preventDefault();
            window.print();
        });
    }

    $(function () {
        if (window.oscar && !body.hasAttribute('data-no-oscar-init')) {
            oscar.init();
            if (pageInits[viewName]) { pageInits[viewName](); }
        }
        initEmailPreview();
        initActions();
    });
})(jQuery);
