/* The listing's filters (templates/catalog/browse/_facets.html) are one
 * <details>: closed on a phone, behind the "Filter" button; on a wider
 * screen open, as the left column. The CSS shows them there even when
 * closed where the browser knows ::details-content; this keeps the open
 * state right everywhere else and when the window is resized or turned. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 576px)");
  var filters = document.querySelectorAll("details[data-filters]");
  function sync() {
    for (var i = 0; i < filters.length; i++) { filters[i].open = wide.matches; }
  }
  if (!filters.length) { return; }
  sync();
  if (wide.addEventListener) { wide.addEventListener("change", sync); }
})();
