// Course editor enhancements; every action also works without JavaScript
// (Subir/Bajar buttons are plain forms; the image Markdown can be selected by hand).
(function () {
  "use strict";

  var dragged = null; // the row being dragged
  var list = null; // its list: rows only move among their siblings
  var before = null; // the list's rows before the drag, to undo a refused order

  function rows(l) {
    return Array.prototype.filter.call(l.children, function (child) {
      return child.hasAttribute("data-key");
    });
  }

  function keys(l) {
    return rows(l).map(function (row) { return row.getAttribute("data-key"); });
  }

  function announce(message, isError) {
    var status = document.getElementById("reorder-status");
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("text-danger", Boolean(isError));
  }

  // After a drag the first and last rows change: keep "Subir"/"Bajar" honest.
  function refreshButtons(l) {
    var all = rows(l);
    all.forEach(function (row, index) {
      var actions = row.querySelector(".authoring-actions");
      if (!actions) { return; }
      actions.querySelector(".js-move-up").disabled = index === 0;
      actions.querySelector(".js-move-down").disabled = index === all.length - 1;
    });
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function save(l, row, previous) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", csrfToken());
    keys(l).forEach(function (key) { data.append("keys", key); });
    data.append("moved", row.getAttribute("data-key"));
    var status = document.getElementById("reorder-status");
    fetch(l.getAttribute("data-reorder-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (result) {
        if (result.ok) {
          announce(result.body.message, false);
        } else {
          previous.forEach(function (r) { l.appendChild(r); });
          announce(result.body.error, true);
        }
        refreshButtons(l);
      })
      .catch(function () {
        previous.forEach(function (r) { l.appendChild(r); });
        refreshButtons(l);
        announce(status ? status.getAttribute("data-network-error") : "", true);
      });
  }

  document.addEventListener("dragstart", function (event) {
    var handle = event.target.closest && event.target.closest(".drag-handle");
    if (!handle) { return; }
    dragged = handle.closest("[data-key]");
    list = dragged.parentElement;
    before = rows(list);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", dragged.getAttribute("data-key"));
    event.dataTransfer.setDragImage(dragged, 16, 16);
    dragged.classList.add("is-dragging");
  });

  document.addEventListener("dragover", function (event) {
    if (!dragged || !event.target.closest) { return; }
    // The sibling row under the pointer (climbing out of nested lists).
    var over = event.target.closest("[data-key]");
    while (over && over.parentElement !== list) {
      over = over.parentElement.closest("[data-key]");
    }
    if (!over) { return; }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (over === dragged) { return; }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });

  document.addEventListener("drop", function (event) {
    if (dragged) { event.preventDefault(); }
  });

  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    var row = dragged;
    var l = list;
    var previous = before;
    row.classList.remove("is-dragging");
    dragged = list = before = null;
    var moved = previous.some(function (r, index) { return rows(l)[index] !== r; });
    if (moved) {
      refreshButtons(l);
      save(l, row, previous);
    }
  });

  // "Copiar" next to an image's Markdown.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".js-copy");
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    input.select();
    var status = document.getElementById("copy-status");
    navigator.clipboard.writeText(input.value).then(function () {
      if (status) { status.textContent = button.getAttribute("data-copied"); }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (navigator.clipboard) {
      document.querySelectorAll(".js-copy").forEach(function (button) { button.hidden = false; });
    }
    // After "Subir"/"Bajar" the page comes back at the moved row: put focus there.
    if (location.hash.length > 1) {
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.classList.contains("authoring-row")) { target.focus(); }
    }
  });
})();
