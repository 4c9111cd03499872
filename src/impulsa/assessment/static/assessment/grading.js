// Grading an open answer: the points of the levels checked so far, added up as the
// grader chooses (the server computes the grade again when it is saved). Without
// JavaScript the page shows the maximum only.
(function () {
  "use strict";

  function total(form, table) {
    var sum = 0;
    var chosen = 0;
    table.forEach(function (levels, criterion) {
      var checked = form.querySelector(
        "input[data-points-criterion='" + criterion + "']:checked"
      );
      if (checked) {
        sum += Number(levels[Number(checked.value)]);
        chosen += 1;
      }
    });
    return { sum: sum, chosen: chosen };
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-grading-form]");
    var data = document.getElementById("rubric-points");
    var output = form && form.querySelector("[data-points-total]");
    if (!form || !data || !output) {
      return;
    }
    var table = JSON.parse(data.textContent);
    function show() {
      var result = total(form, table);
      if (result.chosen === 0) {
        return;
      }
      // Decimal points added in hundredths, so 0.1 + 0.2 reads 0.3.
      var points = Math.round(result.sum * 100) / 100;
      output.textContent = output.dataset.template
        .replace("{points}", String(points))
        .replace("{max}", output.dataset.max);
    }
    form.addEventListener("change", show);
    show();
  });
})();
