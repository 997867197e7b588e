/*
 * Dashboard start-up, replacing the inline {% block onbodyload %} code of
 * Oscar's dashboard templates (see static/js/site/oscar-init.js for why).
 * Pages are told apart by <body data-view-name>; what a template decided
 * server-side is read back from the page (form errors, request method).
 */
(function ($) {
    'use strict';

    var body = document.body;
    var viewName = body.getAttribute('data-view-name') || '';
    var wasPost = body.getAttribute('data-request-method') === 'POST';

    // The advanced-search modal reopens when its form came back with errors.
    function showSearchModalOnErrors() {
        var modal = $('#SearchModal');
        if (modal.find('.is-invalid, .invalid-feedback, .error-block, .errorlist').length) {
            modal.modal('show');
        }
    }

    var pageInits = {
        'dashboard:order-list': function () {
            oscar.dashboard.bulk_actions.init();
            showSearchModalOnErrors();
        },
        'dashboard:order-detail': function () {
            // Oscar 4.2's dashboard.js has initTabs only (initTable is gone).
            oscar.dashboard.orders.initTabs();
        },
        'dashboard:voucher-list': showSearchModalOnErrors,
        'dashboard:offer-list': showSearchModalOnErrors,
        'dashboard:offer-benefit': function () { oscar.dashboard.offers.init(); },
        'dashboard:range-products': function () {
            oscar.dashboard.ranges.init();
            oscar.dashboard.reordering.init({
                wrapper: '.product_list',
                // range-products is <pk>/products/, range-reorder <pk>/reorder/.
                submit_url: window.location.pathname.replace(/products\/$/, 'reorder/')
            });
        },
        'dashboard:reports-index': function () { oscar.dashboard.reports.init(); },
        'dashboard:catalogue-product-list': function () {
            oscar.dashboard.product_lists.init();
            oscar.dashboard.bulk_actions.init();
        },
        'dashboard:catalogue-category-list': function () { oscar.dashboard.bulk_actions.init(); },
        'dashboard:catalogue-category-detail-list': function () { oscar.dashboard.bulk_actions.init(); },
        'dashboard:catalogue-attribute-option-group-create': function () { oscar.dashboard.product_attributes.init(); },
        'dashboard:catalogue-attribute-option-group-update': function () { oscar.dashboard.product_attributes.init(); },
        'dashboard:catalogue-class-create': function () { oscar.dashboard.product_attributes.init(); },
        'dashboard:catalogue-class-update': function () { oscar.dashboard.product_attributes.init(); },
        'dashboard:catalogue-product-bulk-action': function () {
            oscar.dashboard.product_bulk_action.init({formBound: wasPost});
        }
    };

    // Oscar's dashboard/layout.html: open the tab named in the URL's #hash
    // and keep the hash in step with the open tab.
    function initTabLinks() {
        var url = document.location.toString();
        if (url.match('#')) {
            $('.bs-docs-sidenav a[href="#' + url.split('#')[1] + '"]').tab('show');
        }
        $('.nav-list a').on('shown.bs.tab', function (event) {
            window.location.hash = event.target.hash;
        });
    }

    // The email preview of dashboard:comms-update (written into an iframe).
    function initEmailPreview() {
        var frame = document.getElementById('preview_box');
        if (!frame || !frame.contentWindow) { return; }
        var doc = frame.contentWindow.document;
        doc.open();
        doc.write($(frame).text());
        doc.close();
    }

    // "cancel" links that were onclick="history.go(-1)" (oscar/partials/form.html).
    function initActions() {
        $(document).on('click', '[data-action="history-back"]', function (event) {
            event.preventDefault();
            window.history.back();
        });
    }

    $(function () {
        initActions();
        if (!window.oscar) { return; }
        oscar.init();
        // The login page ran no dashboard code in Oscar's template either.
        if (viewName !== 'dashboard:login') {
            initTabLinks();
            oscar.dashboard.init({languageCode: document.documentElement.lang});
            if (pageInits[viewName]) { pageInits[viewName](); }
        }
        initEmailPreview();
    });
})(jQuery);
