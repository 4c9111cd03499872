// Searchable pickers (Tom Select, vendored from npm). Without JavaScript the field is a
// plain search box whose text the server resolves (e.g. a group's name); with it, the
// box becomes a combobox that asks the option endpoint as the user types and submits
// the chosen option's id under the field's real name.
(function () {
  "use strict";

  function fetchOptions(url, query, callback) {
    var separator = url.indexOf("?") === -1 ? "?" : "&";
    fetch(url + separator + "q=" + encodeURIComponent(query), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { callback(data.results); })
      .catch(function () { callback(); });
  }

  function enhance(input) {
    var name = input.dataset.autocompleteName;
    var hidden = input.form && input.form.querySelector('input[type="hidden"][name="' + name + '"]');
    var select = document.createElement("select");
    select.name = name;
    select.id = input.id;
    select.className = input.className;
    // Tom Select points the label at its own control and keeps this select (hidden but
    // still read by assistive technology), so the select carries the label's text too.
    var label = input.labels && input.labels[0];
    if (label) {
      select.setAttribute("aria-label", label.textContent.trim());
    }
    if (input.getAttribute("aria-describedby")) {
      select.setAttribute("aria-describedby", input.getAttribute("aria-describedby"));
    }
    select.appendChild(new Option(input.dataset.autocompleteEmpty || "", ""));
    if (hidden && hidden.value) {
      select.appendChild(new Option(input.value || hidden.value, hidden.value, true, true));
    }
    input.replaceWith(select);
    if (hidden) {
      hidden.remove();
    }
    var url = input.dataset.autocompleteUrl;
    new window.TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 20,
      allowEmptyOption: true,
      preload: "focus",
      load: function (query, callback) { fetchOptions(url, query, callback); },
      render: {
        no_results: function () {
          return '<div class="no-results">' + (input.dataset.autocompleteNone || "") + "</div>";
        },
      },
    });
  }

  function init() {
    if (!window.TomSelect) {
      return;
    }
    document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
