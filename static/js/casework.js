// Casework pages. Everything works without this file; it only makes the forms quicker.
(function () {
  "use strict";

  // The case form: the cause suggestions follow the chosen case type.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id !== "id_case_type") {
      return;
    }
    var cause = document.getElementById("id_cause");
    var list = "cause-options-" + (target.value || "all");
    if (cause && document.getElementById(list)) {
      cause.setAttribute("list", list);
    }
  });
})();
