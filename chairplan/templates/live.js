// chairplan serve's live preview: loaded only by the page `serve` serves, never by a built one.
// Polls the preview's state once a second: while the plan has problems, a banner lists them (the
// page below is the last good build); after each successful rebuild, the page reloads itself.
"use strict";

(function () {
  var STATE = "/__chairplan/state";
  var first = null;
  var shown = "[]"; // the problems in the banner: redrawn only when they change (role=alert speaks)

  function banner(problems) {
    var old = document.getElementById("serve-problems");
    if (old) old.parentNode.removeChild(old);
    if (!problems.length) return;
    var box = document.createElement("section");
    box.id = "serve-problems";
    box.setAttribute("role", "alert");
    var head = document.createElement("h2");
    head.textContent = "The plan has problems; this page shows the last good build";
    box.appendChild(head);
    var list = document.createElement("ul");
    problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.insertBefore(box, document.body.firstChild);
  }

  function poll() {
    fetch(STATE, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) return;
        if (first === null) first = state.generation;
        if (state.generation !== first) {
          location.reload();
          return;
        }
        var problems = JSON.stringify(state.problems);
        if (problems !== shown) banner(state.problems);
        shown = problems;
      })
      .catch(function () { /* the preview stopped: try again quietly */ })
      .then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
