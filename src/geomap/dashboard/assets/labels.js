// Place labels for the map, drawn in the page (HTML), not by MapLibre: map text needs glyph files that
// would be fetched from a remote host. The figure carries its labels in layout.meta.labels, each
// {lat, lon, text, rank}; lower rank first. A label goes beside its place's markers (the markers at its point
// and those touching them, such as a spread stack): right, else left, above, below; a side where it would
// cover another place's marker, overlap a label already placed or run off the map is not taken, and a label
// with no side free is left out, so labels show wherever they fit and never hide a marker. A label keeps the
// side it had in the last drawing while that side is free: as the slider or Play moves, or the map pans, two
// places whose markers touch would otherwise trade sides whenever their ranks did.
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

  // Every marker drawn on the map, in pixels: {x, y, r, group, spot}; markers that nearly touch (within TOUCH
  // px) share a group, and so do the markers of one spread stack (the legs trace joins each to its true spot,
  // `spot`), found through a grid of CELL px so thousands stay cheap. A label's own markers are the groups of
  // those within AT px of its point, or whose spot is.
  var CELL = 32, TOUCH = 2, AT = 12;
  var key = function (lat, lon) { return lat.toFixed(6) + ":" + lon.toFixed(6); };
  function markers(gd, map, width, height) {
    var out = [], spots = new Map();  // a spread marker's "lat:lon" -> its true spot [lon, lat]
    (gd._fullData || []).forEach(function (trace) {
      var meta = trace.meta || {};
      if (meta.layer !== "legs" && meta.window !== "legs") return;
      for (var i = 0; i + 1 < (trace.lat || []).length; i += 3) {
        if (trace.lat[i] === null || trace.lat[i + 1] === null) continue;
        spots.set(key(trace.lat[i + 1], trace.lon[i + 1]), [trace.lon[i], trace.lat[i]]);
      }
    });
    (gd._fullData || []).forEach(function (trace) {
      if (trace.type !== "scattermap" || trace.visible !== true || !trace.lat || !/markers/.test(trace.mode || "")) return;
      var size = trace.marker && trace.marker.size;
      for (var i = 0; i < trace.lat.length; i++) {
        if (trace.lat[i] === null || trace.lon[i] === null || trace.lat[i] === undefined) continue;
        var p = map.project([trace.lon[i], trace.lat[i]]);
        var r = (Array.isArray(size) ? Number(size[i]) : Number(size)) / 2 || 3;
        if (p.x < -r || p.y < -r || p.x > width + r || p.y > height + r) continue;
        var spot = spots.get(key(trace.lat[i], trace.lon[i]));
        out.push({x: p.x, y: p.y, r: r, spot: spot ? map.project(spot) : null, stack: spot ? spot.join(":") : null});
      }
    });
    var parent = out.map(function (_, i) { return i; });
    var root = function (i) { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
    var stacks = new Map();
    out.forEach(function (m, i) {
      if (m.stack === null) return;
      if (stacks.has(m.stack)) parent[root(i)] = root(stacks.get(m.stack));
      else stacks.set(m.stack, i);
    });
    var grid = new Map();
    out.forEach(function (m, i) {
      var cx = Math.floor(m.x / CELL), cy = Math.floor(m.y / CELL);
      for (var dx = -1; dx <= 1; dx++) {
        for (var dy = -1; dy <= 1; dy++) {
          (grid.get((cx + dx) + ":" + (cy + dy)) || []).forEach(function (j) {
            var o = out[j];
            if (Math.hypot(m.x - o.x, m.y - o.y) <= m.r + o.r + TOUCH) parent[root(i)] = root(j);
          });
        }
      }
      var key = cx + ":" + cy;
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(i);
    });
    var boxes = new Map(), spotted = [];  // each group's bounding box; the markers drawn away from their spot
    out.forEach(function (m, i) {
      m.group = root(i);
      var b = boxes.get(m.group);
      if (!b) boxes.set(m.group, b = {left: m.x - m.r, right: m.x + m.r, top: m.y - m.r, bottom: m.y + m.r});
      b.left = Math.min(b.left, m.x - m.r); b.right = Math.max(b.right, m.x + m.r);
      b.top = Math.min(b.top, m.y - m.r); b.bottom = Math.max(b.bottom, m.y + m.r);
      if (m.spot) spotted.push(m);
    });
    var widest = out.reduce(function (r, m) { return Math.max(r, m.r); }, 0);
    return {all: out, grid: grid, boxes: boxes, spotted: spotted, reach: Math.ceil((widest + AT) / CELL)};
  }

  // The markers whose circles meet box `a`, other than those of `own` groups.
  function coversMarker(a, drawn, own) {
    for (var cx = Math.floor((a.x - CELL) / CELL); cx <= Math.floor((a.x + a.w + CELL) / CELL); cx++) {
      for (var cy = Math.floor((a.y - CELL) / CELL); cy <= Math.floor((a.y + a.h + CELL) / CELL); cy++) {
        var cell = drawn.grid.get(cx + ":" + cy) || [];
        for (var k = 0; k < cell.length; k++) {
          var m = drawn.all[cell[k]];
          if (own.has(m.group)) continue;
          var nx = Math.max(a.x, Math.min(m.x, a.x + a.w)), ny = Math.max(a.y, Math.min(m.y, a.y + a.h));
          if (Math.hypot(m.x - nx, m.y - ny) < m.r + 1) return true;
        }
      }
    }
    return false;
  }

  // The box around a label's own markers (the groups of the markers at its point), or the point alone: the
  // markers near the point are in the grid cells around it (`reach`: AT plus the widest radius), those drawn
  // away from it are the spread ones whose spot it is.
  function ownBox(p, drawn) {
    var own = new Set(), box = {left: p.x, right: p.x, top: p.y, bottom: p.y};
    var cx = Math.floor(p.x / CELL), cy = Math.floor(p.y / CELL);
    for (var dx = -drawn.reach; dx <= drawn.reach; dx++) {
      for (var dy = -drawn.reach; dy <= drawn.reach; dy++) {
        (drawn.grid.get((cx + dx) + ":" + (cy + dy)) || []).forEach(function (j) {
          var m = drawn.all[j];
          if (Math.hypot(m.x - p.x, m.y - p.y) <= m.r + AT) own.add(m.group);
        });
      }
    }
    drawn.spotted.forEach(function (m) {
      if (Math.hypot(m.spot.x - p.x, m.spot.y - p.y) <= AT) own.add(m.group);
    });
    own.forEach(function (g) {
      var b = drawn.boxes.get(g);
      box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
    });
    return {own: own, box: box};
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
    var drawn = labels.length ? markers(gd, map, canvas.width, canvas.height)
      : {all: [], grid: new Map(), boxes: new Map(), spotted: [], reach: 0};
    var placed = [], html = [], named = {}, sides = gd.__geomapSides || new Map(), kept = new Map();
    for (var i = 0; i < labels.length; i++) {
      var label = labels[i], p = map.project([label.lon, label.lat]);
      if (p.x < 0 || p.y < 0 || p.x > canvas.width || p.y > canvas.height) continue;
      // one name once within a few label heights: spots a few hundred metres apart read as one place
      var near = named[label.text];
      if (near && near.some(function (q) { return Math.abs(q.x - p.x) < 60 && Math.abs(q.y - p.y) < 3 * HEIGHT; })) continue;
      (named[label.text] = near || []).push(p);
      var w = Math.ceil(measure.measureText(label.text).width) + 6;
      var mine = ownBox(p, drawn), b = mine.box;
      var options = [{x: Math.max(p.x + GAP, b.right + 3), y: p.y - HEIGHT / 2, w: w, h: HEIGHT},
                     {x: Math.min(p.x - GAP, b.left - 3) - w, y: p.y - HEIGHT / 2, w: w, h: HEIGHT},
                     {x: p.x - w / 2, y: Math.min(p.y - GAP, b.top - 2) - HEIGHT, w: w, h: HEIGHT},
                     {x: p.x - w / 2, y: Math.max(p.y + GAP, b.bottom + 2), w: w, h: HEIGHT}];
      var spot = label.text + "@" + label.lat + "," + label.lon, before = sides.get(spot);
      var order = before === undefined ? [0, 1, 2, 3] : [before].concat([0, 1, 2, 3].filter(function (k) { return k !== before; }));
      for (var j = 0; j < order.length; j++) {
        var o = options[order[j]];
        if (o.x < 2 || o.x + o.w > canvas.width - 2 || o.y < 2 || o.y + o.h > canvas.height - 2) continue;
        if (overlaps(o, placed) || coversMarker(o, drawn, mine.own)) continue;
        placed.push(o);
        kept.set(spot, order[j]);
        html.push({text: label.text, x: o.x + left0, y: o.y + top0});
        break;
      }
    }
    // a place left out of this drawing keeps its side for when it comes back; the memory stays bounded
    sides.forEach(function (side, spot) { if (!kept.has(spot) && kept.size < 2000) kept.set(spot, side); });
    gd.__geomapSides = kept;
    // the spans of the last drawing are reused, and one left where it was is not touched: a step that moves no
    // label costs the page no style, layout or paint
    var div = parts.div, spans = div.children;
    html.forEach(function (h, k) {
      var span = spans[k];
      if (!span) {
        span = document.createElement("span");
        span.className = "map-label";
        div.appendChild(span);
      }
      if (span.textContent !== h.text) span.textContent = h.text;  // text, never markup: place names come from reports
      var left = h.x + "px", top = h.y + "px";
      if (span.style.left !== left) span.style.left = left;
      if (span.style.top !== top) span.style.top = top;
    });
    while (spans.length > html.length) div.removeChild(div.lastChild);
  }

  function attach(gd) {
    var full = gd._fullLayout, sub = full && full.map && full.map._subplot;
    if (!sub || !sub.map) return;
    if (gd.__geomapMap !== sub.map) {
      gd.__geomapMap = sub.map;
      var redraw = function () { draw(gd); };
      var size = "";
      sub.map.on("move", redraw);
      // a resize of the canvas's drawing buffer alone (assets/time.js draws a moving window at fewer pixels)
      // moves no label
      sub.map.on("resize", function () {
        var canvas = sub.map.getCanvas(), now = canvas.clientWidth + "x" + canvas.clientHeight;
        if (now !== size) { size = now; redraw(); }
      });
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
