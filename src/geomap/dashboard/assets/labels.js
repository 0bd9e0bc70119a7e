// Place labels for the map, drawn in the page (HTML), not by MapLibre: map text needs glyph files that
// would be fetched from a remote host. The figure carries its labels in layout.meta.labels, each
// {lat, lon, text, rank}; lower rank first. A label goes right of its point, else left, and is left out
// where it would overlap one already placed or run off the map, so labels show wherever they fit.
(function () {
  "use strict";
  var measure = document.createElement("canvas").getContext("2d");
  var FONT = "600 12px Inter, 'Helvetica Neue', 'Segoe UI', Arial, sans-serif";
  var GAP = 7, HEIGHT = 16;

  function layer(gd) {
    var box = gd.closest(".map-box") || gd.parentElement;
    var div = box.querySelector(".map-labels");
    if (!div) {
      div = document.createElement("div");
      div.className = "map-labels";
      div.setAttribute("aria-hidden", "true");
      box.appendChild(div);
    }
    return {box: box, div: div};
  }

  function overlaps(a, list) {
    for (var i = 0; i < list.length; i++) {
      var b = list[i];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) return true;
    }
    return false;
  }

  function draw(gd) {
    var map = gd.__geomapMap;
    if (!map) return;
    var meta = (gd.layout && gd.layout.meta) || {};
    var labels = (meta.labels || []).slice().sort(function (a, b) { return a.rank - b.rank; });
    var parts = layer(gd);
    var canvas = map.getCanvas().getBoundingClientRect(), outer = parts.box.getBoundingClientRect();
    var left0 = canvas.left - outer.left, top0 = canvas.top - outer.top;
    measure.font = FONT;
    var placed = [], html = [], named = {};
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i], p = map.project([label.lon, label.lat]);
      if (p.x < 0 || p.y < 0 || p.x > canvas.width || p.y > canvas.height) continue;
      // one name once within a few label heights: spots a few hundred metres apart read as one place
      var near = named[label.text];
      if (near && near.some(function (q) { return Math.abs(q.x - p.x) < 60 && Math.abs(q.y - p.y) < 3 * HEIGHT; })) continue;
      (named[label.text] = near || []).push(p);
      var w = Math.ceil(measure.measureText(label.text).width) + 6;
      var options = [{x: p.x + GAP, y: p.y - HEIGHT / 2, w: w, h: HEIGHT},
                     {x: p.x - GAP - w, y: p.y - HEIGHT / 2, w: w, h: HEIGHT}];
      for (var k = 0; k < options.length; k++) {
        var o = options[k];
        if (o.x < 2 || o.x + o.w > canvas.width - 2 || o.y < 2 || o.y + o.h > canvas.height - 2) continue;
        if (overlaps(o, placed)) continue;
        placed.push(o);
        html.push({text: label.text, x: o.x + left0, y: o.y + top0});
        break;
      }
    }
    var div = parts.div;
    div.textContent = "";
    html.forEach(function (h) {
      var span = document.createElement("span");
      span.className = "map-label";
      span.textContent = h.text;  // text, never markup: place names come from reports
      span.style.left = h.x + "px";
      span.style.top = h.y + "px";
      div.appendChild(span);
    });
  }

  function attach(gd) {
    var full = gd._fullLayout, sub = full && full.map && full.map._subplot;
    if (!sub || !sub.map) return;
    if (gd.__geomapMap !== sub.map) {
      gd.__geomapMap = sub.map;
      var redraw = function () { draw(gd); };
      sub.map.on("move", redraw);
      sub.map.on("resize", redraw);
    }
    draw(gd);
  }

  // Play and the slider write points into the graph in place (assets/time.js) and redraw labels here.
  window.geomapLabels = {draw: function (gd) { if (gd.__geomapMap) draw(gd); else attach(gd); }};

  // dcc.Graph draws and redraws the figure; each draw ends with plotly_afterplot.
  new MutationObserver(function () {
    document.querySelectorAll("#map .js-plotly-plot").forEach(function (gd) {
      if (!gd.__geomapLabels && gd.on) {
        gd.__geomapLabels = true;
        gd.on("plotly_afterplot", function () { attach(gd); });
        attach(gd);
      }
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
