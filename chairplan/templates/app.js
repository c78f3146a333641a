// chairplan web page: the body filter and feed links; no framework, no inline script (CSP).
"use strict";

(function () {
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var svg = document.querySelector("svg.timeline");

  // A relative feed link becomes webcal://host/path, so a click opens the calendar app.
  function upgradeFeedLinks() {
    if (location.protocol !== "http:" && location.protocol !== "https:") return;
    document.querySelectorAll("a.webcal").forEach(function (a) {
      var url = new URL(a.getAttribute("href"), location.href);
      if (url.protocol === "http:" || url.protocol === "https:") {
        a.href = "webcal://" + url.host + url.pathname;
      }
    });
    document.querySelectorAll("a.url").forEach(function (a) {
      a.textContent = new URL(a.getAttribute("href"), location.href).href;
    });
  }

  // Hidden lanes collapse: the visible ones are stacked again under the axis.
  function restack() {
    if (!svg) return;
    var y = data.axis;
    svg.querySelectorAll("g.lane").forEach(function (lane) {
      if (lane.classList.contains("is-hidden")) return;
      lane.setAttribute("transform", "translate(0 " + y + ")");
      y += parseFloat(lane.getAttribute("data-height"));
    });
    var width = svg.getAttribute("width");
    svg.setAttribute("height", y);
    svg.setAttribute("viewBox", "0 0 " + width + " " + y);
  }

  function applyFilter() {
    var shown = {};
    document.querySelectorAll("#filter input").forEach(function (box) {
      shown[box.value] = box.checked;
    });
    document.querySelectorAll("[data-body]").forEach(function (el) {
      el.classList.toggle("is-hidden", shown[el.getAttribute("data-body")] === false);
    });
    document.querySelectorAll("#agenda section.month").forEach(function (month) {
      var any = month.querySelector("li.item:not(.is-hidden)");
      month.classList.toggle("is-hidden", !any);
    });
    restack();
  }

  var filter = document.getElementById("filter");
  if (filter && data.bodies.length > 1) {
    filter.hidden = false;
    filter.addEventListener("change", applyFilter);
  }
  upgradeFeedLinks();
})();
