// The portal's only script of its own. Under the Content-Security-Policy no page carries inline
// script, event-handler attributes or style attributes, so what they did is done here.
(function () {
  "use strict";

  // Progress bars: <div class="progress-bar" data-width="40"> gets width 40 % (setting a style
  // property from script is allowed; a style attribute in the markup is not).
  function applyWidths(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var value = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(value)) {
        el.style.width = Math.max(0, Math.min(100, value)) + "%";
      }
    });
  }

  // <select data-autosubmit> submits its form when changed.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]") && target.form) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    applyWidths(document);
  });
  // Fragments swapped in by htmx (job progress) carry their own bars.
  document.addEventListener("htmx:load", function (event) {
    applyWidths(event.target);
  });
})();
