// The exam page: every answer is sent when it changes (text after a pause in typing),
// and kept in this browser until the server acknowledges it, so a dropped network or
// a reload loses nothing; the clock follows the server's time left, and a screen
// reader hears it each minute, then every 10 s in the last minute.
(function () {
  "use strict";

  var TYPING_DELAY_MS = 1200;
  var RETRY_MS = 5000;
  var HEARTBEAT_MS = 20000;

  function setUp(page) {
    var texts = JSON.parse(document.getElementById("exam-texts").textContent);
    var csrf = page.dataset.csrf;
    var store = "impulsa-exam-" + page.dataset.attempt;
    var connection = page.querySelector("[data-exam-connection]");
    var clock = page.querySelector("[data-exam-clock]");
    var announcer = document.getElementById("exam-announcer");
    var pending = {}; // form id -> true while its latest answer is not acknowledged
    var timers = {};
    var sending = {};
    var resultUrl = null;

    function show(text, state) {
      connection.textContent = text;
      connection.dataset.state = state;
    }

    function fieldsOf(form) {
      var fields = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") {
          fields.push([name, value]);
        }
      });
      return fields;
    }

    function remember() {
      var kept = {};
      Object.keys(pending).forEach(function (id) {
        var form = document.getElementById(id);
        if (form) {
          kept[id] = fieldsOf(form);
        }
      });
      try {
        localStorage.setItem(store, JSON.stringify(kept));
      } catch (e) {
        // Private mode or a full store: the server copy is still the one that counts.
      }
    }

    function itemError(form, message) {
      var item = form.closest(".player-item");
      var region = item && item.querySelector("[id$='-feedback']");
      if (region) {
        region.textContent = message;
      }
    }

    function send(form) {
      if (sending[form.id]) {
        return Promise.resolve(false);
      }
      sending[form.id] = true;
      var body = new FormData(form);
      return fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf, "X-Exam-Autosave": "1" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (reply) {
          sending[form.id] = false;
          var data = reply.data;
          if (reply.ok && data.saved) {
            delete pending[form.id];
            remember();
            itemError(form, "");
            show(texts.saved.replace("%s", data.saved_at), "saved");
            follow(data);
            return true;
          }
          if (data.state && data.state !== "in_progress") {
            follow(data);
            return true;
          }
          // Refused (an empty answer, a rule): retrying would not help.
          delete pending[form.id];
          remember();
          itemError(form, data.message || "");
          show(texts.notSaved, "error");
          return true;
        })
        .catch(function () {
          sending[form.id] = false;
          show(texts.offline, "offline");
          return false;
        });
    }

    function schedule(form, delay) {
      clearTimeout(timers[form.id]);
      pending[form.id] = true;
      remember();
      show(texts.saving, "saving");
      timers[form.id] = setTimeout(function () {
        send(form);
      }, delay);
    }

    function flush() {
      var ids = Object.keys(pending);
      var chain = Promise.resolve(true);
      ids.forEach(function (id) {
        chain = chain.then(function (ok) {
          var form = document.getElementById(id);
          return ok && form ? send(form) : ok;
        });
      });
      return chain;
    }

    // Answers typed while offline and then reloaded: put them back and send them.
    function restore() {
      var kept;
      try {
        kept = JSON.parse(localStorage.getItem(store) || "{}");
      } catch (e) {
        kept = {};
      }
      Object.keys(kept).forEach(function (id) {
        var form = document.getElementById(id);
        if (!form) {
          return;
        }
        var values = {};
        kept[id].forEach(function (pair) {
          (values[pair[0]] = values[pair[0]] || []).push(pair[1]);
        });
        form.querySelectorAll("input, select, textarea").forEach(function (field) {
          if (!(field.name in values)) {
            if (field.type === "checkbox" || field.type === "radio") {
              field.checked = false;
            }
            return;
          }
          if (field.type === "checkbox" || field.type === "radio") {
            field.checked = values[field.name].indexOf(field.value) !== -1;
          } else {
            field.value = values[field.name][0];
          }
        });
        pending[id] = true;
      });
      if (Object.keys(pending).length) {
        flush();
      }
    }

    var endsAt = null;
    var paused = page.dataset.paused === "true";
    var frozenLeft = null;
    var announced = null;

    function setLeft(seconds) {
      if (seconds === null || seconds === undefined || seconds === "") {
        endsAt = null;
        return;
      }
      frozenLeft = Number(seconds);
      endsAt = Date.now() + frozenLeft * 1000;
    }

    function format(seconds) {
      var h = Math.floor(seconds / 3600);
      var m = Math.floor((seconds % 3600) / 60);
      var s = seconds % 60;
      var mm = h ? String(m).padStart(2, "0") : String(m);
      return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
    }

    function announce(left) {
      var text = null;
      if (left > 60 && left % 60 === 0) {
        text = texts.minutes.replace("%s", left / 60);
      } else if (left === 60) {
        text = texts.oneMinute;
      } else if (left < 60 && left > 0 && left % 10 === 0) {
        text = texts.seconds.replace("%s", left);
      }
      if (text && announced !== left) {
        announced = left;
        announcer.textContent = text;
      }
    }

    function tick() {
      if (endsAt === null || !clock) {
        return;
      }
      var left = paused ? frozenLeft : Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      clock.textContent = format(left);
      if (paused) {
        return;
      }
      announce(left);
      if (left === 0) {
        endsAt = null;
        announcer.textContent = texts.timeUp;
        flush().then(heartbeat);
      }
    }

    function follow(data) {
      if (data.result_url) {
        resultUrl = data.result_url;
      }
      if (data.state && data.state !== "in_progress" && resultUrl) {
        window.location.assign(resultUrl);
        return;
      }
      if (data.paused !== paused) {
        paused = data.paused;
        show(paused ? texts.paused : texts.resumed, paused ? "paused" : "saved");
      }
      if ("seconds_left" in data) {
        setLeft(data.seconds_left);
      }
    }

    function heartbeat() {
      return fetch(page.dataset.statusUrl, { credentials: "same-origin" })
        .then(function (response) {
          return response.json();
        })
        .then(function (data) {
          if (data.message && !data.state) {
            show(data.message, "error");
            return;
          }
          follow(data);
        })
        .catch(function () {
          show(texts.offline, "offline");
        });
    }

    page.addEventListener("change", function (event) {
      var form = event.target.closest("form[data-exam-item]");
      if (form) {
        schedule(form, 200);
      }
    });
    page.addEventListener("input", function (event) {
      var form = event.target.closest("form[data-exam-item]");
      if (form && event.target.matches("textarea, input:not([type=radio]):not([type=checkbox])")) {
        schedule(form, TYPING_DELAY_MS);
      }
    });
    page.addEventListener("submit", function (event) {
      var form = event.target.closest("form[data-exam-item]");
      if (form) {
        event.preventDefault();
        schedule(form, 0);
      }
    });
    window.addEventListener("online", flush);
    window.addEventListener("beforeunload", function (event) {
      if (Object.keys(pending).length) {
        event.preventDefault();
        event.returnValue = texts.pending;
      }
    });
    setInterval(function () {
      if (Object.keys(pending).length) {
        flush();
      }
    }, RETRY_MS);
    setInterval(heartbeat, HEARTBEAT_MS);
    setLeft(page.dataset.secondsLeft);
    setInterval(tick, 1000);
    restore();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var page = document.querySelector("[data-exam-page]");
    if (page) {
      setUp(page);
    }
  });
})();
