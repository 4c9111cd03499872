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
  function setUpOrdering(root) {
    root.querySelectorAll("[data-order-list]").forEach(function (list) {
      var form = list.closest("form");
      var field = form.querySelector("[data-order-field]");
      var status = form.querySelector("[data-order-status]");
      form.querySelectorAll(".player-nojs").forEach(function (node) {
        node.remove();
      });
      list.addEventListener("click", function (event) {
        var button = event.target.closest("[data-move]");
        if (!button) {
          return;
        }
        var entry = button.closest("li");
        var step = Number(button.getAttribute("data-move"));
        var other = step < 0 ? entry.previousElementSibling : entry.nextElementSibling;
        if (!other) {
          return;
        }
        list.insertBefore(entry, step < 0 ? other : other.nextElementSibling);
        button.focus();
        var entries = Array.prototype.slice.call(list.children);
        field.value = entries.map(function (li) {
          return li.getAttribute("data-value");
        }).join(",");
        if (status) {
          status.textContent = status.getAttribute("data-order-status")
            .replace("{item}", entry.firstElementChild.textContent.trim())
            .replace("{n}", String(entries.indexOf(entry) + 1))
            .replace("{total}", String(entries.length));
        }
        field.dispatchEvent(new Event("change", { bubbles: true }));
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

  // After htmx swaps an item in, enhance it and move focus to its feedback.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.classList.contains("player-item")) {
      return;
    }
    var item = document.getElementById(target.id) || target;
    enhance(item);
    var feedback = item.querySelector(".player-feedback");
    if (feedback && feedback.textContent.trim()) {
      feedback.focus();
    }
  });
})();
