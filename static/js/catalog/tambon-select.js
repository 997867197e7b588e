// Tambon <select>s that follow a district <select> (catalog.producers.forms.
// tambons_follow_district): once a district is chosen, only its tambons are
// listed. data-tambons maps each district's value to [[value, label], ...];
// data-default-district is the district an empty choice means (the
// producer's own on the product form). Without this script the server
// offers every tambon and refuses one outside the district. No inline
// script (CSP).
(function () {
  "use strict";
  document.querySelectorAll("select[data-tambons][data-district-select]").forEach(function (tambon) {
    var district = document.getElementById(tambon.getAttribute("data-district-select"));
    var map;
    try {
      map = JSON.parse(tambon.getAttribute("data-tambons"));
    } catch (e) {
      return;
    }
    if (!district || !map) { return; }
    var fallback = tambon.getAttribute("data-default-district") || "";
    var blank = tambon.querySelector('option[value=""]');
    var blankLabel = blank ? blank.textContent : "---------";
    // Every tambon (grouped), as the server sent it: shown again when the
    // district is cleared.
    var everything = Array.prototype.map.call(tambon.children, function (node) { return node.cloneNode(true); });

    function fill() {
      var current = tambon.value;
      var choices = map[district.value || fallback];
      while (tambon.firstChild) { tambon.removeChild(tambon.firstChild); }
      if (!choices) {
        everything.forEach(function (node) { tambon.appendChild(node.cloneNode(true)); });
      } else {
        tambon.appendChild(new Option(blankLabel, ""));
        choices.forEach(function (choice) {
          tambon.appendChild(new Option(choice[1], choice[0]));
        });
      }
      // Keep the tambon already chosen when the new list has it.
      tambon.value = current;
      if (tambon.value !== current) { tambon.value = ""; }
      // The dashboard dresses selects with select2: refresh what it shows.
      if (window.jQuery) { window.jQuery(tambon).trigger("change.select2"); }
    }

    // select2 (dashboard) reports a choice with a jQuery event, which a
    // native listener would not see; jQuery's own listener sees both.
    if (window.jQuery) {
      window.jQuery(district).on("change", fill);
    } else {
      district.addEventListener("change", fill);
    }
    fill();
  });
})();
