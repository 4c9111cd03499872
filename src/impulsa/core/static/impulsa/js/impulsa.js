// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";

  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-focus-on-load]");
    if (summary) {
      summary.focus();
    }
  }

  // --- Tables in the shared pattern (a .table-responsive wrapper) ---------------------
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  // A header's visible words: "Acciones" hidden for the eye is not shown as a label.
  function visibleText(cell) {
    var copy = cell.cloneNode(true);
    each(copy.querySelectorAll(".visually-hidden"), function (el) { el.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  // On phones the CSS shows each row as "header: value" lines (.table-stack), so the
  // key column is never off screen. display: block drops table semantics in some
  // browsers, so the roles are spelled out.
  function stackTable(table) {
    if (table.classList.contains("table-stack") || table.hasAttribute("data-no-stack")) {
      return;
    }
    var head = table.tHead && table.tHead.rows[0];
    if (!head) {
      return;
    }
    var labels = [];
    each(head.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { labels.push(visibleText(cell)); }
    });
    table.setAttribute("role", "table");
    each(table.querySelectorAll("thead, tbody, tfoot"), function (el) { el.setAttribute("role", "rowgroup"); });
    each(table.rows, function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      each(row.cells, function (cell) {
        var span = cell.colSpan || 1;
        if (cell.tagName === "TH") {
          cell.setAttribute("role", row.parentNode === table.tHead ? "columnheader" : "rowheader");
        } else {
          cell.setAttribute("role", "cell");
        }
        if (row.parentNode !== table.tHead && span === 1 && labels[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", labels[column]);
        }
        column += span;
      });
    });
    table.classList.add("table-stack");
  }

  // A wrapper that scrolls must be reachable by keyboard (WCAG 2.1.1) and say what it
  // holds; one that does not scroll is no tab stop. Templates that mark a wrapper
  // themselves (tabindex in the HTML) are left alone.
  function markScrollable(wrapper) {
    if (wrapper.hasAttribute("tabindex") && !wrapper.hasAttribute("data-js-region")) {
      return;
    }
    var caption = wrapper.querySelector("caption");
    if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("data-js-region", "");
      if (caption && !wrapper.hasAttribute("aria-label")) {
        wrapper.setAttribute("aria-label", caption.textContent.replace(/\s+/g, " ").trim());
      }
    } else if (wrapper.hasAttribute("data-js-region")) {
      ["tabindex", "role", "aria-label", "data-js-region"].forEach(function (name) {
        wrapper.removeAttribute(name);
      });
    }
  }

  function enhanceTables(root) {
    each(root.querySelectorAll(".table-responsive > table"), stackTable);
    each(document.querySelectorAll(".table-responsive"), markScrollable);
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
    enhanceTables(document);
  });

  // Content swapped in by htmx gets the same treatment.
  document.addEventListener("htmx:load", function (event) {
    enhanceTables(event.detail.elt.parentNode || document);
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      each(document.querySelectorAll(".table-responsive"), markScrollable);
    }, 150);
  });

  // Buttons marked data-confirm ask before submitting their form.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
})();
