// Item builder: "Agregar" buttons add a blank row to a formset. Without JavaScript
// the page already offers spare blank rows, so the buttons stay hidden.
(function () {
  "use strict";

  function addRow(fieldset) {
    var total = fieldset.querySelector("input[name$='-TOTAL_FORMS']");
    var template = fieldset.querySelector("template[data-rows-template]");
    var index = parseInt(total.value, 10);
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__num__/g, String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    fieldset.querySelector("[data-rows-list]").appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input, textarea, select");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("fieldset[data-rows]").forEach(function (fieldset) {
      var button = fieldset.querySelector("[data-rows-add]");
      button.hidden = false;
      button.addEventListener("click", function () {
        addRow(fieldset);
      });
    });
  });
})();
