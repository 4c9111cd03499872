// The session's live table over a WebSocket: rows the server pushes replace their
// old copy at once, and the whole table is asked for every 30 s (connection states
// age with time). While the socket is open the page's HTMX polling stands still;
// when it closes the polling takes over again and the socket is retried.
(function () {
  "use strict";

  var REFRESH_MS = 30000;
  var RETRY_MS = 5000;
  var FORBIDDEN = 4403;

  function setUp(live) {
    var state = document.querySelector("[data-live-state]");
    var socket = null;
    var open = false;
    var refresher = null;

    function say(which) {
      if (state) {
        state.textContent = state.dataset[which === "socket" ? "textSocket" : "textPolling"];
        state.dataset.mode = which;
      }
      live.dataset.mode = which;
    }

    function address() {
      var target = live.dataset.liveSocket;
      if (/^wss?:\/\//.test(target)) {
        return target;
      }
      var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      return scheme + window.location.host + target;
    }

    function replaceRow(row) {
      var body = live.querySelector("[data-live-body]");
      var old = document.getElementById("attempt-row-" + row.id);
      if (!body) {
        refresh(); // the first attempt: the table itself is new
        return;
      }
      var holder = document.createElement("tbody");
      holder.innerHTML = row.html.trim();
      var fresh = holder.firstElementChild;
      if (old) {
        old.replaceWith(fresh);
      } else {
        body.appendChild(fresh);
      }
    }

    function refresh() {
      if (open) {
        socket.send(JSON.stringify({ type: "refresh" }));
      }
    }

    function connect() {
      socket = new WebSocket(address());
      socket.addEventListener("open", function () {
        open = true;
        say("socket");
        refresh();
        refresher = setInterval(refresh, REFRESH_MS);
      });
      socket.addEventListener("message", function (event) {
        var data = JSON.parse(event.data);
        if (data.table !== undefined) {
          live.innerHTML = data.table;
        }
        (data.rows || []).forEach(replaceRow);
      });
      socket.addEventListener("close", function (event) {
        open = false;
        clearInterval(refresher);
        say("polling");
        if (event.code !== FORBIDDEN) {
          setTimeout(connect, RETRY_MS);
        }
      });
    }

    // HTMX keeps its "every 5s" trigger; while the socket is open each poll is
    // called off before it leaves.
    live.addEventListener("htmx:beforeRequest", function (event) {
      if (open) {
        event.preventDefault();
      }
    });
    if ("WebSocket" in window) {
      connect();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var live = document.querySelector("[data-live-socket]");
    if (live) {
      setUp(live);
    }
  });
})();
