// The player's small enhancements; every page works without them.
(function () {
  "use strict";

  // Time on task: seconds the page was visible, sent when it is hidden or left.
  function trackTime(page) {
    var url = page.getAttribute("data-time-url");
    var token = page.getAttribute("data-csrf");
    if (!url || !token || !navigator.sendBeacon) {
      return;
    }
    var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    function flush() {
      if (visibleSince === null) {
        return;
      }
      var seconds = Math.round((Date.now() - visibleSince) / 1000);
      visibleSince = null;
      if (seconds > 0) {
        var body = new FormData();
        body.append("csrfmiddlewaretoken", token);
        body.append("seconds", String(seconds));
        navigator.sendBeacon(url, body);
      }
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        flush();
      } else if (visibleSince === null) {
        visibleSince = Date.now();
      }
    });
    window.addEventListener("pagehide", flush);
  }

  // Ordering items: "Subir"/"Bajar" move an entry and keep the hidden field in step.
  // The first entry cannot go up nor the last down: those buttons are disabled.
  function syncMoveButtons(list) {
    var entries = list.children;
    Array.prototype.forEach.call(entries, function (li, index) {
      li.querySelector("[data-move='-1']").disabled = index === 0;
      li.querySelector("[data-move='1']").disabled = index === entries.length - 1;
    });
  }

  function moveEntry(list, button) {
    var entry = button.closest("li");
    var step = Number(button.getAttribute("data-move"));
    var other = step < 0 ? entry.previousElementSibling : entry.nextElementSibling;
    if (!other) {
      return;
    }
    list.insertBefore(entry, step < 0 ? other : other.nextElementSibling);
    syncMoveButtons(list);
    // At the top or bottom the pressed button is now disabled: keep focus on the entry.
    (button.disabled ? entry.querySelector("[data-move]:not([disabled])") : button).focus();
    var entries = Array.prototype.slice.call(list.children);
    var form = list.closest("form");
    form.querySelector("[data-order-field]").value = entries.map(function (li) {
      return li.getAttribute("data-value");
    }).join(",");
    // Announced through the item's live region (it holds the maths as text too).
    var item = list.closest(".player-item");
    var status = item && item.querySelector("[data-order-status]");
    if (status) {
      status.textContent = list.getAttribute("data-order-message")
        .replace("{item}", entry.getAttribute("data-text"))
        .replace("{n}", String(entries.indexOf(entry) + 1))
        .replace("{total}", String(entries.length));
    }
    form.querySelector("[data-order-field]").dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setUpOrdering(root) {
    root.querySelectorAll("[data-order-list]:not([data-order-ready])").forEach(function (list) {
      list.setAttribute("data-order-ready", "");
      list.closest("form").querySelectorAll(".player-nojs").forEach(function (node) {
        node.remove();
      });
      syncMoveButtons(list);
      list.addEventListener("click", function (event) {
        var button = event.target.closest("[data-move]");
        if (button && !button.disabled) {
          moveEntry(list, button);
        }
      });
    });
  }

  // Quiz items save on change: their "Guardar" buttons are only for pages without script.
  function hideFallbacks(root) {
    root.querySelectorAll("button.player-nojs").forEach(function (node) {
      node.remove();
    });
  }

  function enhance(root) {
    setUpOrdering(root);
    hideFallbacks(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.querySelector(".player-page");
    if (page) {
      trackTime(page);
    }
    enhance(document);
  });

  // After htmx swaps an item's form in (practice feedback or a hint), enhance it.
  // The feedback is announced by the item's live region, so focus stays where the
  // student was: htmx puts it back on a control with the same id, and when that
  // control is gone (the last hint) it goes to the item's "Comprobar".
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.hasAttribute("data-item-form")) {
      return;
    }
    var form = document.getElementById(target.id) || target;
    enhance(form);
    // The last move's announcement is stale once the feedback has come.
    var status = form.closest(".player-item").querySelector("[data-order-status]");
    if (status) {
      status.textContent = "";
    }
    if (!document.activeElement || document.activeElement === document.body) {
      var check = form.querySelector("button[type='submit']");
      if (check) {
        check.focus();
      }
    }
  });
})();
