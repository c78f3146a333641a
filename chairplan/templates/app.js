// chairplan web page: the reader's today, the timeline's views, the body and owner filters and
// the feed links; no framework, no inline script (CSP), nothing fetched.
//
// The page is built once and opens on the view timeline.py drew, with the plan's revision day
// marked. This script adds what only the reader's browser knows (today) and draws the other
// views with the same geometry (timeline.GEOMETRY) and the same first-fit row packing, from the
// page's data: every event is there once, with its lane, days and label.
"use strict";

(function () {
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var G = data.geometry;
  var svg = document.querySelector("svg.timeline");
  var scroller = document.querySelector("#timeline .scroll");

  // Days are UTC midnights, so no zone or daylight-saving change moves one.
  function parseDay(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  function isoDay(t) {
    return new Date(t).toISOString().slice(0, 10);
  }
  function readerToday() {
    var now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }
  function daysIn(year, month) {
    return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  }
  // A day as a fractional count of months, as timeline.x_of counts them.
  function monthIndex(t) {
    var d = new Date(t);
    var y = d.getUTCFullYear(), m = d.getUTCMonth();
    return y * 12 + m + (d.getUTCDate() - 1) / daysIn(y, m);
  }
  function round1(v) {
    return Math.round(v * 10) / 10;
  }
  function addMonths(t, n) {
    var d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1);
  }
  // A day as the page writes it (labels.window_label): "2 December 2026", "2/12/2026".
  function dayWords(t) {
    var d = new Date(t);
    if (data.lang === "vi") {
      return d.getUTCDate() + "/" + (d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
    }
    return d.getUTCDate() + " " + data.month_names[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  var today = readerToday();
  var planFirst = parseDay(data.plan[0]), planMonths = data.plan[1];
  var planEnd = addMonths(planFirst, planMonths) - DAY;

  // --- the views ------------------------------------------------------------------------------

  // A view: its first and last day, and the width of a month in it.
  function span(kind, at) {
    var d = new Date(at), y = d.getUTCFullYear();
    var room = Math.max(0, (scroller ? scroller.clientWidth : 1000) - G.LABEL_WIDTH - 12);
    if (kind === "whole") return { kind: kind, first: planFirst, last: planEnd, month: G.MONTH_WIDTH };
    if (kind === "year") {
      return { kind: kind, first: Date.UTC(y, 0, 1), last: Date.UTC(y, 11, 31),
        month: Math.max(G.MONTH_WIDTH * 1.5, room / 12) };
    }
    if (kind === "quarter") {
      var q = Math.floor(d.getUTCMonth() / 3) * 3;
      return { kind: kind, first: Date.UTC(y, q, 1), last: Date.UTC(y, q + 3, 0),
        month: Math.max(160, room / 3) };
    }
    return { kind: kind, first: at, last: at + 41 * DAY, month: Math.max(300, room / 1.38) };
  }

  function periodWords(view) {
    var d = new Date(view.first);
    if (view.kind === "year") return String(d.getUTCFullYear());
    if (view.kind === "quarter") {  // as labels.window_label writes a quarter
      var q = Math.floor(d.getUTCMonth() / 3) + 1;
      return data.lang === "vi" ? "Quý " + q + " năm " + d.getUTCFullYear() : "Q" + q + " " + d.getUTCFullYear();
    }
    if (view.kind === "weeks") return dayWords(view.first) + " – " + dayWords(view.last);
    return "";
  }

  // The events, from the page's data (html.timeline_rows): one row per event, whatever filter
  // hides it and whichever page of a large plan's agenda lists it.
  function events() {
    var lanes = Array.prototype.slice.call(svg.querySelectorAll("g.lane"));
    return data.events.map(function (row) {
      var lane = lanes[row[1]];
      var status = data.statuses[row[4]], firm = row[5] === 1, codes = row[9];
      var mark = data.marks[status];
      var title = row[7] || row[6];
      return {
        id: row[0],
        lane: lane.getAttribute("data-lane"),
        body: lane.getAttribute("data-body"),
        start: row[2] * DAY,
        end: (row[2] + row[3] - 1) * DAY,
        label: (codes ? "⚠ " : "") + (mark ? mark + " " : "") + row[6],
        firm: firm,
        flagged: Boolean(codes),
        status: status,
        colour: (lane.getAttribute("class").match(/\b(c\d)\b/) || [])[1] || "c0",
        // as timeline.html words a bar's tooltip
        tip: title + " · " + row[8] + (firm ? "" : " (" + data.words.fuzzy + ")") +
          (codes ? " · ⚠ " + data.words.checks + ": " + codes : ""),
      };
    });
  }

  function el(name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The bar of an event and where its label goes: inside, right of it, else left of it.
  function place(e, x, chartEnd) {
    var left = x(e.start);
    var width = Math.max(G.MIN_BAR, x(e.end + DAY) - left);
    var textWidth = e.label.length * G.CHAR_WIDTH;
    if (textWidth + 2 * G.LABEL_GAP <= width) {
      return { e: e, x: left, width: width, tx: left + G.LABEL_GAP, anchor: "start", inside: true,
        lo: left, hi: left + width };
    }
    if (left + width + G.LABEL_GAP + textWidth <= chartEnd) {
      var right = left + width + G.LABEL_GAP;
      return { e: e, x: left, width: width, tx: right, anchor: "start", inside: false,
        lo: left, hi: right + textWidth };
    }
    return { e: e, x: left, width: width, tx: left - G.LABEL_GAP, anchor: "end", inside: false,
      lo: left - G.LABEL_GAP - textWidth, hi: left + width };
  }

  // First fit: each bar takes the lowest row whose last occupant ends before it starts.
  function pack(placed) {
    var ends = [];
    placed.forEach(function (p) {
      var row = 0;
      while (row < ends.length && ends[row] + G.LABEL_GAP > p.lo) row += 1;
      ends[row] = p.hi;
      p.row = row;
    });
    return ends.length;
  }

  function drawAxis(axis, view, x, width, height) {
    var weekly = view.kind === "quarter" || view.kind === "weeks";
    for (var m = addMonths(view.first, 0); m <= view.last; m = addMonths(m, 1)) {
      var d = new Date(m);
      var x0 = Math.max(G.LABEL_WIDTH, x(m));
      var x1 = Math.min(width - 10, x(addMonths(m, 1)));
      var january = d.getUTCMonth() === 0;
      axis.appendChild(el("line", { "class": "grid" + (january ? " year" : ""),
        "data-month": isoDay(m).slice(0, 7), x1: x0, y1: january ? 22 : 26, x2: x0, y2: height }));
      var name = data.months[d.getUTCMonth()];
      if (weekly) {
        axis.appendChild(el("text", { "class": "year", x: x0 + 4, y: 16 },
          data.month_names[d.getUTCMonth()] + " " + d.getUTCFullYear()));
      } else {
        if (january || m === addMonths(view.first, 0)) {
          axis.appendChild(el("text", { "class": "year", x: x0 + 4, y: 16 }, d.getUTCFullYear()));
        }
        axis.appendChild(el("text", { "class": "month", x: (x0 + x1) / 2, y: 38 }, name));
      }
    }
    if (weekly) {  // Mondays, with their day of the month
      var t = view.first;
      while (new Date(t).getUTCDay() !== 1) t += DAY;
      for (; t <= view.last; t += 7 * DAY) {
        axis.appendChild(el("line", { "class": "grid week", x1: x(t), y1: 28, x2: x(t), y2: height }));
        axis.appendChild(el("text", { "class": "month day", x: x(t) + 3, y: 38,
          "text-anchor": "start" }, new Date(t).getUTCDate()));
      }
    }
    axis.appendChild(el("line", { "class": "axis-line", x1: 0, y1: G.AXIS_HEIGHT, x2: width,
      y2: G.AXIS_HEIGHT }));
  }

  function marker(kind, at, x, height, words) {
    var group = el("g", { "class": kind });
    group.appendChild(el("title", {}, words));
    group.appendChild(el("line", { x1: x, y1: G.AXIS_HEIGHT - 4, x2: x, y2: height }));
    group.appendChild(el("circle", { cx: x, cy: G.AXIS_HEIGHT - 4, r: 3 }));
    group.setAttribute("data-day", isoDay(at));
    return group;
  }

  // Draws `view` into the page's SVG, replacing what was there: axis, lanes, bars, both days.
  function draw(view, all) {
    var origin = monthIndex(view.first);
    var x = function (t) { return round1(G.LABEL_WIDTH + (monthIndex(t) - origin) * view.month); };
    var width = round1(x(view.last + DAY) + 10);
    var chartEnd = width - 10;
    var lanes = Array.prototype.slice.call(svg.querySelectorAll("g.lane")).map(function (g) {
      return { key: g.getAttribute("data-lane"), body: g.getAttribute("data-body"),
        cls: g.getAttribute("class"), title: g.querySelector(".lane-title"),
        hidden: g.classList.contains("is-hidden") };
    });
    var byLane = {};
    all.forEach(function (e) {
      if (e.end < view.first || e.start > view.last) return;
      var shown = Object.assign({}, e, {
        start: Math.max(e.start, view.first), end: Math.min(e.end, view.last) });
      (byLane[e.lane] = byLane[e.lane] || []).push(shown);
    });
    Array.prototype.slice.call(svg.childNodes).forEach(function (n) {
      if (n.nodeName !== "title" && n.nodeName !== "defs") svg.removeChild(n);
    });
    var axis = el("g", { "class": "axis" });
    svg.appendChild(axis);
    var y = G.AXIS_HEIGHT;
    lanes.forEach(function (lane) {
      var mine = (byLane[lane.key] || []).sort(function (a, b) {
        return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1);
      });
      var placed = mine.map(function (e) { return place(e, x, chartEnd); });
      placed.sort(function (a, b) { return a.lo - b.lo || (a.e.id < b.e.id ? -1 : 1); });
      var rows = pack(placed);
      var height = 2 * G.LANE_PAD + Math.max(1, rows) * G.ROW_HEIGHT;
      var g = el("g", { "class": lane.cls, "data-body": lane.body, "data-lane": lane.key,
        "data-height": height, transform: "translate(0 " + y + ")" });
      g.appendChild(el("rect", { "class": "lane-bg", x: 0, y: 0, width: width, height: height }));
      g.appendChild(el("line", { "class": "lane-sep", x1: 0, y1: height, x2: width, y2: height }));
      var title = lane.title.cloneNode(true);  // its shortened name and the whole one
      title.setAttribute("y", height / 2 + 4);
      g.appendChild(title);
      placed.forEach(function (p) {
        var e = p.e;
        var top = G.LANE_PAD + p.row * G.ROW_HEIGHT + (G.ROW_HEIGHT - G.BAR_HEIGHT) / 2;
        var bar = el("g", { "class": "event " + (e.firm ? "firm" : "fuzzy") +
          (e.flagged ? " flagged" : "") + " status-" + e.status, "data-event": e.id,
          "data-body": e.body, "data-start": isoDay(e.start), "data-end": isoDay(e.end),
          "data-firm": e.firm ? "true" : "false", tabindex: "0" });
        bar.appendChild(el("title", {}, e.tip));
        if (e.flagged) {
          bar.appendChild(el("rect", { "class": "flag", x: round1(p.x - 3), y: round1(top - 3),
            width: round1(p.width + 6), height: G.BAR_HEIGHT + 6, rx: 5 }));
        }
        var rect = el("rect", { "class": "bar", x: p.x, y: top, width: p.width,
          height: G.BAR_HEIGHT, rx: 3 });
        if (!e.firm) rect.setAttribute("fill", "url(#hatch-" + e.colour + ")");
        bar.appendChild(rect);
        bar.appendChild(el("text", { "class": "label" + (p.inside ? " inside" : ""), x: p.tx,
          y: top + G.BAR_HEIGHT - 3, "text-anchor": p.anchor }, e.label));
        g.appendChild(bar);
      });
      if (lane.hidden) g.classList.add("is-hidden");
      svg.appendChild(g);
      y += height;
    });
    drawAxis(axis, view, x, width, y);
    var revised = parseDay(data.revised);
    if (revised >= view.first && revised <= view.last) {
      svg.appendChild(marker("revised", revised, x(revised), y, data.words.revised_line));
    }
    svg.setAttribute("width", width);
    svg.setAttribute("data-first", isoDay(view.first));
    svg.setAttribute("data-view", view.kind);
    restack();
  }

  // --- today, on the page as built and in every view -------------------------------------------

  function todayX() {
    var first = parseDay(svg.getAttribute("data-first"));
    var view = svg.getAttribute("data-view") || "built";
    var month = view === "built" ? G.MONTH_WIDTH : current.month;
    var last = view === "built" ?
      addMonths(first, +svg.getAttribute("data-months")) - DAY : current.last;
    if (today < first || today > last) return null;
    return round1(G.LABEL_WIDTH + (monthIndex(today) - monthIndex(first)) * month);
  }

  function drawToday() {
    var old = svg.querySelector("g.today");
    if (old) old.parentNode.removeChild(old);
    var x = todayX();
    if (x === null) return;
    var height = parseFloat(svg.getAttribute("height"));
    svg.appendChild(marker("today", today, x, height, data.words.today + " " + dayWords(today)));
  }

  function scrollToToday() {
    if (!scroller || scroller.scrollWidth <= scroller.clientWidth) return;
    var x = todayX();
    if (x !== null) scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 3);
  }

  // --- filters ---------------------------------------------------------------------------------

  // Hidden lanes collapse: the visible ones are stacked again under the axis.
  function restack() {
    if (!svg) return;
    var y = G.AXIS_HEIGHT;
    svg.querySelectorAll("g.lane").forEach(function (lane) {
      if (lane.classList.contains("is-hidden")) return;
      lane.setAttribute("transform", "translate(0 " + y + ")");
      y += parseFloat(lane.getAttribute("data-height"));
    });
    var width = svg.getAttribute("width");
    svg.setAttribute("height", y);
    svg.setAttribute("viewBox", "0 0 " + width + " " + y);
    svg.querySelectorAll("g.axis line.grid, g.today line, g.revised line").forEach(function (l) {
      l.setAttribute("y2", y);
    });
  }

  function applyFilter() {
    var shown = {};
    document.querySelectorAll("#filter input").forEach(function (box) {
      shown[box.value] = box.checked;
    });
    document.querySelectorAll("[data-body]").forEach(function (el) {
      el.classList.toggle("is-hidden", shown[el.getAttribute("data-body")] === false);
    });
    var owner = document.getElementById("owner-filter");
    var who = owner ? owner.value : "";
    document.querySelectorAll("#checklist li.deliverable").forEach(function (li) {
      li.classList.toggle("not-owner", who !== "" && li.getAttribute("data-owner") !== who);
    });
    document.querySelectorAll("#checklist article.priority").forEach(function (p) {
      p.classList.toggle("not-owner", who !== "" && !p.querySelector("li.deliverable:not(.not-owner)"));
    });
    document.querySelectorAll("#checklist section.body-check").forEach(function (b) {
      b.classList.toggle("not-owner", who !== "" && !b.querySelector("article.priority:not(.not-owner)"));
    });
    document.querySelectorAll("#agenda section.month").forEach(function (month) {
      var any = month.querySelector("li.item:not(.is-hidden)");
      month.classList.toggle("is-hidden", !any);
    });
    restack();
  }

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

  // --- wiring ----------------------------------------------------------------------------------

  var all = null;
  var current = null;
  var views = document.getElementById("views");

  function show(view) {
    all = all || events();
    current = view;
    draw(view, all);
    drawToday();
    views.querySelectorAll("button[data-view]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-view") === view.kind));
    });
    views.querySelector(".step").hidden = view.kind === "whole";
    document.getElementById("period").textContent = periodWords(view);
    scrollToToday();
  }

  function step(by) {
    if (current.kind === "year") return span("year", addMonths(current.first, 12 * by));
    if (current.kind === "quarter") return span("quarter", addMonths(current.first, 3 * by));
    return span("weeks", current.first + 42 * by * DAY);
  }

  // The day a view opens on: today when the plan reaches it, else the nearest end of the plan.
  function anchor() {
    return Math.min(Math.max(today, planFirst), planEnd);
  }

  if (svg && views) {
    var opening = svg.getAttribute("data-first") === data.plan[0] &&
      +svg.getAttribute("data-months") === planMonths ? "whole" : "year";
    views.hidden = false;
    views.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-view")) {
        var kind = button.getAttribute("data-view");
        show(span(kind, kind === "weeks" ? today : anchor()));
      } else {
        show(step(+button.getAttribute("data-step")));
      }
    });
    current = span(opening, opening === "year" ? parseDay(data.shown[0]) : planFirst);
    views.querySelector('button[data-view="' + opening + '"]').setAttribute("aria-pressed", "true");
    views.querySelector(".step").hidden = opening === "whole";
    document.getElementById("period").textContent = periodWords(current);
    drawToday();
    scrollToToday();

    // Print: the view is drawn again to fit A4 at full size, so no label prints below 8 pt.
    var printing = window.matchMedia("print");
    var onScreen = null;
    var toPrint = function (on) {
      if (on && !onScreen) {
        onScreen = current;
        var months = monthIndex(current.last + DAY) - monthIndex(current.first);
        show(Object.assign({}, current, { month: (data.print_width - G.LABEL_WIDTH - 10) / months }));
      } else if (!on && onScreen) {
        var back = onScreen;
        onScreen = null;
        show(back);
      }
    };
    printing.addEventListener("change", function () { toPrint(printing.matches); });
    window.addEventListener("beforeprint", function () { toPrint(true); });
    window.addEventListener("afterprint", function () { toPrint(false); });
  }

  var note = document.getElementById("today-note");
  if (note) {
    document.getElementById("today").textContent = dayWords(today);
    document.getElementById("today").setAttribute("datetime", isoDay(today));
    note.hidden = false;
  }
  var legend = document.querySelector(".legend-today");
  if (legend) {
    document.getElementById("legend-today").textContent = dayWords(today);
    legend.hidden = false;
  }

  var filter = document.getElementById("filter");
  if (filter && (data.bodies.length > 1 || document.getElementById("owner-filter"))) {
    filter.hidden = false;
    filter.addEventListener("change", applyFilter);
  }
  // A focused bar shows its whole title, as hovering shows its tooltip.
  if (svg && scroller) {
    var tip = document.createElement("div");
    tip.className = "tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    scroller.parentNode.insertBefore(tip, scroller);
    svg.parentNode.addEventListener("focusin", function (event) {
      var bar = event.target.closest && event.target.closest("g.event");
      if (!bar) return;
      var box = bar.querySelector("rect.bar").getBoundingClientRect();
      var frame = tip.parentNode.getBoundingClientRect();
      tip.textContent = bar.querySelector("title").textContent;
      tip.style.left = Math.max(0, box.left - frame.left) + "px";
      tip.style.top = (box.bottom - frame.top + 4) + "px";
      tip.hidden = false;
    });
    svg.parentNode.addEventListener("focusout", function () { tip.hidden = true; });
  }
  upgradeFeedLinks();
})();
