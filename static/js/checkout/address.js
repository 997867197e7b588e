// Checkout address step: "collect at the center" hides the delivery address
// fields (the server ignores them then); no inline script for the CSP.
(function () {
  "use strict";
  var pickup = document.querySelector("[data-checkout-pickup]");
  if (!pickup) { return; }
  var names = ["line1", "line2", "line3", "line4", "state", "postcode", "country", "notes"];
  function rowOf(name) {
    var input = document.getElementById("id_" + name);
    return input ? input.closest(".form-group") : null;
  }
  function sync() {
    names.forEach(function (name) {
      var row = rowOf(name);
      if (row) { row.hidden = pickup.checked; }
    });
  }
  pickup.addEventListener("change", sync);
  sync();
})();
