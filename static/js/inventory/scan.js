/* Keyboard-wedge barcode scanners on the inventory staff screens.
 *
 * Wiring (no inline script: the page's Content-Security-Policy forbids it):
 *   <input data-scan="product|bin|lot|reference|tracking">  a field that takes a scanned code
 *   <select data-scan="product">                           options may carry data-code="<UPC>"
 *   <div id="inventory-scan-config" data-url="/dashboard/inventory/scan/" hidden>
 *
 * A scanner "types" the code very fast and ends with Enter. In a data-scan
 * field such an Enter does not submit the form: the code stays in the
 * field, focus moves to the next field, and the server says what the code
 * is (product title and units available, bin, lot) next to the field. A
 * <select> gets the option of the scanned product selected. A person typing
 * slowly and pressing Enter submits the form as usual.
 */
(function () {
  "use strict";
  var FAST_MS = 50; // keystrokes closer together than this come from a scanner
  var MIN_CHARS = 4;

  function config() {
    var node = document.getElementById("inventory-scan-config");
    return node ? node.getAttribute("data-url") : null;
  }

  function focusable(el) {
    return !el.disabled && el.type !== "hidden" && el.tabIndex !== -1 &&
      ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].indexOf(el.tagName) !== -1;
  }

  function nextField(field) {
    var form = field.form;
    if (!form) { return null; }
    var items = Array.prototype.filter.call(form.elements, focusable);
    var i = items.indexOf(field);
    return i >= 0 && i + 1 < items.length ? items[i + 1] : null;
  }

  function feedback(field) {
    var id = (field.id || field.name) + "-scan-feedback";
    var node = document.getElementById(id);
    if (!node) {
      node = document.createElement("small");
      node.id = id;
      node.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", node);
    }
    return node;
  }

  function show(field, text, ok) {
    var node = feedback(field);
    node.textContent = text;
    node.className = "d-block small " + (ok ? "text-success" : "text-danger");
  }

  function selectOption(select, code, id) {
    var wanted = (code || "").trim().toLowerCase();
    for (var i = 0; i < select.options.length; i++) {
      var opt = select.options[i];
      var text = ((opt.getAttribute("data-code") || "") + " " + opt.text).toLowerCase();
      if ((id && String(opt.value) === String(id)) || (wanted && text.indexOf(wanted) !== -1)) {
        select.selectedIndex = i;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        return true;
      }
    }
    return false;
  }

  function resolve(field, code) {
    var url = config();
    if (!url || !code || !window.fetch) { return; }
    fetch(url + "?code=" + encodeURIComponent(code), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.error) { show(field, data.error, false); return; }
        var wanted = field.getAttribute("data-scan");
        if (["product", "bin", "lot"].indexOf(wanted) !== -1 && data.kind !== wanted) {
          show(field, data.label + " (" + data.kind + ")", false);
          return;
        }
        if (field.tagName === "SELECT" && !selectOption(field, data.code, data.id)) {
          show(field, data.label, false);
          return;
        }
        var extra = typeof data.available === "number" ? " · " + data.available : "";
        show(field, data.label + extra, true);
      })
      .catch(function () { /* offline: the server checks the code on submit anyway */ });
  }

  function wire(field) {
    var buffer = "", last = 0, fastCount = 0;
    field.addEventListener("keydown", function (event) {
      var now = Date.now();
      if (event.key === "Enter") {
        var scanned = fastCount >= MIN_CHARS - 1;
        if (scanned || field.tagName === "SELECT") {
          event.preventDefault();
          var code = field.tagName === "SELECT" ? buffer : field.value;
          if (field.tagName === "SELECT" && code) { selectOption(field, code, null); }
          resolve(field, code.trim());
          var next = nextField(field);
          if (next) { next.focus(); if (next.select) { next.select(); } }
        }
        buffer = ""; fastCount = 0; last = 0;
        return;
      }
      if (event.key && event.key.length === 1) {
        fastCount = last && now - last < FAST_MS ? fastCount + 1 : 0;
        buffer = fastCount ? buffer + event.key : event.key;
        last = now;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-scan]"), wire);
  });
})();
