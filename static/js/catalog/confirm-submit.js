/* Ask before submitting a form that carries data-confirm="question"
 * (removing a member, for instance). No inline handlers: the question is
 * in the markup, this file only wires it up. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) { return; }
    if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
  });
})();
