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

  // Tables in a page's main part show each row as a card on a phone (.table-stack in phone.css):
  // each body cell is labelled with its column's heading, unless the template labelled it
  // already or marked the table .table-keep (a table that reads well as it is).
  function stackTables(root) {
    root.querySelectorAll("main table.table").forEach(function (table) {
      if (table.classList.contains("table-keep") || !table.tHead) return;
      var headings = [];
      var headRow = table.tHead.rows[table.tHead.rows.length - 1];
      Array.prototype.forEach.call(headRow.cells, function (cell) {
        for (var i = 0; i < (cell.colSpan || 1); i++) headings.push(cell.textContent.trim());
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            var heading = headings[column];
            if (heading && cell.tagName === "TD" && !cell.hasAttribute("data-label")) {
              cell.setAttribute("data-label", heading);
            }
            column += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("table-stack");
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
    stackTables(document);
  });
  // Fragments swapped in by htmx (job progress, a list's rows) carry their own bars and tables.
  document.addEventListener("htmx:load", function (event) {
    applyWidths(event.target);
    stackTables(event.target.closest ? event.target.closest("main") || document : document);
  });
})();
