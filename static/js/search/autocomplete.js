/*
 * Autocomplete for the storefront search boxes (the header's #id_q and the
 * search page's [data-search-autocomplete]). Suggestions come from the JSON
 * endpoint next to the form's action (<action>suggest/?q=...), at most one
 * request in flight, after a short pause in typing. Results are rendered with
 * textContent only: names are producers' own text, never trusted as HTML.
 */
(function () {
    "use strict";

    var DELAY_MS = 150;
    var MIN_CHARS = 1;

    function endpointFor(form) {
        var action = form.getAttribute("action") || "";
        return action.replace(/\/?$/, "/") + "suggest/";
    }

    function attach(input) {
        var form = input.form;
        if (!form || input.dataset.autocompleteReady) {
            return;
        }
        input.dataset.autocompleteReady = "1";
        input.setAttribute("autocomplete", "off");
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");

        var list = document.createElement("ul");
        list.className = "otop-autocomplete list-group position-absolute w-100 d-none";
        list.id = (input.id || "q") + "-suggestions";
        list.setAttribute("role", "listbox");
        input.setAttribute("aria-controls", list.id);
        var holder = input.parentNode;
        holder.classList.add("position-relative");
        holder.appendChild(list);

        var timer = null;
        var controller = null;
        var lastQuery = "";

        function close() {
            list.classList.add("d-none");
            input.setAttribute("aria-expanded", "false");
        }

        function render(data) {
            while (list.firstChild) {
                list.removeChild(list.firstChild);
            }
            var items = [];
            (data.products || []).forEach(function (p) { items.push({ text: p.title, url: p.url, kind: "product" }); });
            (data.producers || []).forEach(function (p) { items.push({ text: p.name, url: p.url, kind: "producer" }); });
            if (!items.length) {
                close();
                return;
            }
            items.forEach(function (item) {
                var li = document.createElement("li");
                li.className = "list-group-item list-group-item-action";
                li.setAttribute("role", "option");
                var a = document.createElement("a");
                a.href = item.url;
                a.textContent = item.text;
                a.dataset.kind = item.kind;
                li.appendChild(a);
                list.appendChild(li);
            });
            list.classList.remove("d-none");
            input.setAttribute("aria-expanded", "true");
        }

        function fetchSuggestions() {
            var q = input.value.trim();
            if (q.length < MIN_CHARS || q === lastQuery) {
                if (!q) { close(); }
                return;
            }
            lastQuery = q;
            if (controller) {
                controller.abort();
            }
            controller = window.AbortController ? new AbortController() : null;
            fetch(endpointFor(form) + "?q=" + encodeURIComponent(q), {
                headers: { Accept: "application/json" },
                signal: controller ? controller.signal : undefined
            })
                .then(function (response) { return response.ok ? response.json() : { products: [], producers: [] }; })
                .then(render)
                .catch(function () { /* aborted or offline: keep the plain search box */ });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { close(); }
            if (event.key === "ArrowDown" && list.firstChild) {
                event.preventDefault();
                list.querySelector("a").focus();
            }
        });
        list.addEventListener("keydown", function (event) {
            var current = document.activeElement && document.activeElement.closest("li");
            if (!current) { return; }
            if (event.key === "ArrowDown" && current.nextSibling) {
                event.preventDefault();
                current.nextSibling.querySelector("a").focus();
            } else if (event.key === "ArrowUp") {
                event.preventDefault();
                if (current.previousSibling) { current.previousSibling.querySelector("a").focus(); } else { input.focus(); }
            } else if (event.key === "Escape") {
                close();
                input.focus();
            }
        });
        document.addEventListener("click", function (event) {
            if (!holder.contains(event.target)) { close(); }
        });
    }

    function init() {
        document.querySelectorAll("#id_q, [data-search-autocomplete]").forEach(attach);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
