/* Keyboard-wedge barcode scanners on the inventory screens.
 *
 * A scanner "types" the code very fast and ends with Enter. In a field marked
 * data-scan (product or bin code), such an Enter must not submit the form:
 * the code stays in the field and focus moves to the next field. A person
 * typing slowly and pressing Enter submits as usual.
 */
(function () {
  "use strict";
  var FAST_MS = 50; // keystrokes closer than this are a scanner
  var MIN_CHARS = 4;

  function nextField(field) {
    var form = field.form;
    if (!form) { return null; }
    var items = Array.prototype.filter.call(form.elements, function (el) {
      return !el.disabled && el.type !== "hidden" && el.tabIndex !== -1 &&
        ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].indexOf(el.tagName) !== -1;
    });
    var i = items.indexOf(field);
    return i >= 0 && i + 1 < items.length ? items[i + 1] : null;
  }

  function selectByCode(select, code) {
    // A <select> of products: pick the option whose text or data-code contains the code.
    var wanted = code.trim().toLowerCase();
    for (var i = 0; i < select.options.length; i++) {
      var opt = select.options[i];
      var text = ((opt.getAttribute("data-code") || "") + " " + opt.text).toLowerCase();
      if (wanted && text.indexOf(wanted) !== -1) { select.selectedIndex = i; return true; }
    }
    return false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var fields = document.querySelectorAll("[data-scan]");
    Array.prototype.forEach.call(fields, function (field) {
      var buffer = "", last = 0, fastCount = 0;
      field.addEventListener("keydown", function (event) {
        var now = Date.now();
        if (event.key === "Enter") {
          var scanned = fastCount >= MIN_CHARS - 1;
          if (scanned || field.tagName === "SELECT") {
            event.preventDefault();
            if (field.tagName === "SELECT" && buffer) { selectByCode(field, buffer); }
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
    });
  });
})();
