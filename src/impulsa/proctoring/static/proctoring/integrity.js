// What the exam page notices (the tab hidden, the window left, copy and paste,
// leaving full screen, the network dropping and coming back), reported to the server
// in small batches. Each event is kept in this browser until the server has it, as
// answers are, so an offline period loses none; the server places each at the moment
// it happened by how long ago it was. Events inform the proctor; they decide nothing.
(function () {
  "use strict";

  var SEND_MS = 5000;
  var BATCH = 40;
  var MAX_KEPT = 500;

  function setUp(page) {
    var url = page.dataset.eventsUrl;
    var csrf = page.dataset.csrf;
    var store = "impulsa-exam-events-" + page.dataset.attempt;
    var offlineStore = store + "-offline";
    var sending = false;
    var wasFullscreen = false;

    function load() {
      try {
        return JSON.parse(localStorage.getItem(store) || "[]");
      } catch (e) {
        return [];
      }
    }

    var queue = load();

    function keep() {
      try {
        localStorage.setItem(store, JSON.stringify(queue));
      } catch (e) {
        // A full or private store: the events still in memory are sent all the same.
      }
    }

    function note(kind, detail, at) {
      if (queue.length >= MAX_KEPT) {
        return;
      }
      queue.push({ kind: kind, t: at || Date.now(), detail: detail || {} });
      keep();
    }

    function send() {
      if (sending || !queue.length || !navigator.onLine) {
        return;
      }
      sending = true;
      var batch = queue.slice(0, BATCH);
      var now = Date.now();
      var body = JSON.stringify({
        events: batch.map(function (e) {
          return { kind: e.kind, ago_ms: Math.max(0, now - e.t), detail: e.detail };
        }),
      });
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "Content-Type": "application/json" },
      })
        .then(function (response) {
          sending = false;
          // Kept, or refused for good (a closed attempt, a bad batch): either way
          // these are done. Too many requests: they wait for the next round.
          if (response.status !== 429 && response.status < 500) {
            queue = queue.slice(batch.length);
            keep();
          }
        })
        .catch(function () {
          sending = false;
        });
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        note("tab_hidden");
        send();
      }
    });
    window.addEventListener("blur", function () {
      if (document.visibilityState !== "hidden") {
        note("focus_lost");
      }
    });
    document.addEventListener("copy", function () {
      var selection = window.getSelection ? String(window.getSelection()) : "";
      note("copy", { length: selection.length });
    });
    document.addEventListener("cut", function () {
      var selection = window.getSelection ? String(window.getSelection()) : "";
      note("copy", { length: selection.length });
    });
    document.addEventListener("paste", function (event) {
      var text = event.clipboardData ? event.clipboardData.getData("text") : "";
      note("paste", { length: text.length });
    });
    document.addEventListener("fullscreenchange", function () {
      if (document.fullscreenElement) {
        wasFullscreen = true;
      } else if (wasFullscreen) {
        wasFullscreen = false;
        note("fullscreen_exit");
      }
    });
    window.addEventListener("offline", function () {
      try {
        localStorage.setItem(offlineStore, String(Date.now()));
      } catch (e) {
        // Without a store the drop is still reported if the page stays open.
      }
      page.dataset.offlineSince = String(Date.now());
    });
    window.addEventListener("online", function () {
      var since = Number(localStorage.getItem(offlineStore) || page.dataset.offlineSince || 0);
      if (since) {
        var seconds = Math.round((Date.now() - since) / 1000);
        note("network_dropped", {}, since);
        note("network_returned", { seconds: seconds });
        localStorage.removeItem(offlineStore);
        delete page.dataset.offlineSince;
      }
      send();
    });
    setInterval(send, SEND_MS);
    send();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.querySelector("[data-exam-page][data-events-url]");
    if (page) {
      setUp(page);
    }
  });
})();
