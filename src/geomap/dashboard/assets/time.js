// Time in the browser: the date window and Play never wait on the server.
//
// On a filter change the server sends every placement the filters keep, over all dates, as compact columns
// (geomap.figures.window_points) with the map they go on (window_map_figure). Each slider step or Play tick
// then cuts the points of its window here, spreads those that share a spot, and writes them into the
// graph's point traces, halo layers and labels in place: a frame costs a few milliseconds plus MapLibre's
// own drawing, where a Plotly.restyle of a map costs hundreds (it re-adds every map layer and resizes).
// Larger views (too many points to send) come drawn by the server, as clusters: mode "figure".
(function () {
  "use strict";
  const GOLDEN = Math.PI * (3 - Math.sqrt(5));
  const DAY_MS = 86400000;
  const iso = day => new Date(day * DAY_MS).toISOString().slice(0, 10);
  let last = null;  // the last frame's inputs, redrawn when the zoom changes the spread
  let lastData = null;  // the map data the page draws from (its count words too)

  function graph() {
    return document.querySelector("#map .js-plotly-plot");
  }

  function subplotOf(gd) {
    const full = gd && gd._fullLayout, sub = full && full.map && full.map._subplot;
    return sub && sub.map ? sub : null;
  }

  // The points whose [start, end] days meet the window, as geomap.filters does. Under all dates
  // (geomap.dashboard.callbacks.all_dates: a window as wide as the slider, or no dated incident) there is no
  // date condition, as on the server: the undated ones and history dated outside the slider's span (a
  // ceasefire decades ago, which the slider's bounds leave out) are all kept.
  function inWindow(points, low, high, all) {
    const keep = [];
    for (let k = 0; k < points.id.length; k++) {
      const start = points.start[k];
      if (all || (start !== null && start <= high && points.end[k] >= low)) keep.push(k);
    }
    return keep;
  }

  function allDates(data, low, high) {
    return !data.span || (low <= data.span[0] && high >= data.span[1]);
  }

  // geomap.figures.spread_stacked: points sharing a spot on a sunflower a few pixels wide at this zoom.
  function spread(points, keep, zoom) {
    const groups = new Map();
    for (const k of keep) {
      const key = Math.round(points.lat[k] * 1e4) + ":" + Math.round(points.lon[k] * 1e4);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(k);
    }
    const perPixel = 360 / (512 * Math.pow(2, zoom)), out = new Map();
    for (const members of groups.values()) {
      members.sort((a, b) => (points.id[a] < points.id[b] ? -1 : points.id[a] > points.id[b] ? 1 : 0));
      const lat0 = Math.round(points.lat[members[0]] * 1e4) / 1e4, lon0 = Math.round(points.lon[members[0]] * 1e4) / 1e4;
      members.forEach(function (k, rank) {
        if (members.length === 1) {
          out.set(k, [points.lat[k], points.lon[k], 1]);
          return;
        }
        const radius = points.spread_pixels * Math.sqrt(rank + 0.6) * perPixel, angle = rank * GOLDEN;
        out.set(k, [lat0 + radius * Math.sin(angle),
                    lon0 + radius * Math.cos(angle) / Math.max(0.2, Math.cos(lat0 * Math.PI / 180)),
                    members.length]);
      });
    }
    return out;
  }

  function circle(lat, lon, km) {
    const ring = [], dy = km / 111.32, dx = km / (111.32 * Math.max(0.05, Math.cos(lat * Math.PI / 180)));
    for (let k = 0; k <= 28; k++) {
      const angle = 2 * Math.PI * (k % 28) / 28;
      ring.push([lon + dx * Math.cos(angle), lat + dy * Math.sin(angle)]);
    }
    return ring;
  }

  // Everything the map shows for one window: the arrays of each window trace, halos, labels, count, places.
  function frame(data, low, high, selected, zoom) {
    const all = allDates(data, low, high);
    const points = data.points, keep = inWindow(points, low, high, all), at = spread(points, keep, zoom);
    const empty = () => ({lat: [], lon: [], customdata: [], hovertext: [], size: [], color: [], opacity: []});
    const traces = {legs: empty(), undated: empty(), incidents: empty(), claims: empty(), "claim-centres": empty(), denied: empty(),
                    reviewed: empty(), selected: empty()};
    const add = function (name, k, size, colour, opacity, hover) {
      const t = traces[name], p = at.get(k);
      t.lat.push(p[0]); t.lon.push(p[1]); t.customdata.push(points.id[k]);
      t.size.push(size); t.color.push(colour); t.opacity.push(opacity);
      if (hover !== undefined) t.hovertext.push(hover);
    };
    const ids = new Set(), undatedIds = new Set(), labelCount = new Map(), halos = new Map();
    for (const k of keep) {
      const p = at.get(k), colour = data.points.colours[points.colour[k]], size = points.size[k];
      ids.add(points.id[k]);
      if (p[2] > 1) {
        traces.legs.lat.push(points.lat[k], p[0], null);
        traces.legs.lon.push(points.lon[k], p[1], null);
      }
      const stacked = p[2] > 1 ? "<br>one of " + p[2] + " at this spot (spread apart)" : "";
      if (points.start[k] === null) {  // the grey rim under an undated incident's marker
        undatedIds.add(points.id[k]);
        add("undated", k, size + points.undated_rim, "", 1);
      }
      if (points.claim[k]) {
        add("claims", k, size, colour, points.opacity[k], points.hover[k] + stacked);
        add("claim-centres", k, size - points.claim_inset, "white", 1);
        if (points.denied[k]) add("denied", k, 4, "#1b1b1b", 1);
      } else {
        add("incidents", k, size, colour, points.opacity[k], points.hover[k] + stacked);
      }
      if (points.reviewed[k]) add("reviewed", k, 5, "white", 1);
      if (points.id[k] === selected && !traces.selected.lat.length) {
        add("selected", k, size + points.selected_ring, "rgba(241,196,15,0.45)", 1);
      }
      if (points.label[k] >= 0) labelCount.set(points.label[k], (labelCount.get(points.label[k]) || 0) + 1);
      if (points.halo[k] >= 0) halos.set(points.halo[k], true);
    }
    const ranked = Array.from(labelCount.entries()).map(([i, n]) => [n, points.labels[i]])
      .sort((a, b) => b[0] - a[0] || (a[1][2] < b[1][2] ? -1 : a[1][2] > b[1][2] ? 1 : 0));
    const labels = ranked.slice(0, 400).map(([, l], rank) => ({lat: l[0], lon: l[1], text: l[2], rank: rank}));
    // per precision: its circles, and which halos they are (a window that shows the same ones rewrites nothing);
    // a halo no wider on screen than the smallest marker is hidden under its marker and left out
    const rings = new Map(), ringKeys = new Map(), metresPerPixel = 40075016.686 / (512 * Math.pow(2, zoom));
    for (const h of Array.from(halos.keys()).sort((a, b) => a - b)) {
      const spot = points.halo_spots[h];
      const pixels = points.halo_km[String(spot[2])] * 1000 / (metresPerPixel * Math.cos(spot[0] * Math.PI / 180));
      if (pixels <= (points.halo_min_pixels || 0)) continue;
      if (!rings.has(spot[2])) { rings.set(spot[2], []); ringKeys.set(spot[2], []); }
      rings.get(spot[2]).push([circle(spot[0], spot[1], points.halo_km[String(spot[2])])]);
      ringKeys.get(spot[2]).push(h);
    }
    let unplaced = 0;
    const days = data.unplaced || {start: [], end: []};
    for (let k = 0; k < days.start.length; k++) {
      if (all || (days.start[k] <= high && days.end[k] >= low)) unplaced++;
    }
    // the undated ones with no place count under all dates too (the server's map_view counts them so)
    const undated = data.undated || 0, unplacedUndated = all ? undated - undatedIds.size : 0;
    return {traces: traces, labels: labels, rings: rings, ringKeys: ringKeys, shown: ids.size + unplaced + unplacedUndated,
            drawn: keep.length, all: all, undated_shown: all ? undated : 0, undated_left: all ? 0 : undated,
            places: Array.from(new Set(labels.map(l => l.text))).sort()};
  }

  function haloSource(rings, precision) {
    const polygons = rings.get(precision) || [];
    return {type: "FeatureCollection", features: polygons.length ? [{
      type: "Feature", properties: {precision: precision},
      geometry: {type: "MultiPolygon", coordinates: polygons}}] : []};
  }

  function traceUpdate(t) {
    return {lat: t.lat, lon: t.lon, customdata: t.customdata, hovertext: t.hovertext,
            "marker.size": t.size, "marker.color": t.color, "marker.opacity": t.opacity};
  }

  // The figure of the window, for a graph that does not show this map yet.
  function wholeFigure(data, f) {
    const figure = data.figure, layers = figure.layout.map.layers.slice();
    for (const [precision, index] of figure.layout.meta.halo_layers) {
      const source = haloSource(f.rings, precision);
      layers[index] = Object.assign({}, layers[index], {source: source});
      layers[index + 1] = Object.assign({}, layers[index + 1], {source: source});
    }
    const traces = figure.data.map(function (trace) {
      const name = trace.meta && trace.meta.window, t = name && f.traces[name];
      if (!t) return trace;
      const marker = Object.assign({}, trace.marker || {});
      if (name !== "legs") {
        marker.size = t.size;
        if (!(trace.marker && typeof trace.marker.color === "string")) marker.color = t.color;
        if (!(trace.marker && typeof trace.marker.opacity === "number")) marker.opacity = t.opacity;
      }
      return Object.assign({}, trace, {lat: t.lat, lon: t.lon, customdata: t.customdata, hovertext: t.hovertext,
                                       marker: marker});
    });
    const map = Object.assign({}, figure.layout.map, {layers: layers});
    const meta = Object.assign({}, figure.layout.meta, {labels: f.labels});
    return {data: traces, layout: Object.assign({}, figure.layout, {map: map, meta: meta})};
  }

  // One trace's new arrays taken into plotly's full trace and calcdata (what hover and clicks read) and handed
  // to its MapLibre sources: plotly's own steps for a trace (its module's calc, the trace's update), without
  // the replot of the whole map that Plotly.restyle does.
  function recalc(gd, sub, i) {
    const trace = gd.data[i], full = gd._fullData[i];
    for (const key of ["lat", "lon", "customdata", "hovertext"]) full[key] = trace[key];
    full._length = trace.lat.length;
    if (trace.marker && full.marker) {
      for (const key of ["size", "color", "opacity"]) {
        if (trace.marker[key] !== undefined) full.marker[key] = trace.marker[key];
      }
    }
    let cd = full._module.calc(gd, full);
    if (!Array.isArray(cd) || !cd[0]) cd = [{x: undefined, y: undefined}];
    if (!cd[0].t) cd[0].t = {};
    cd[0].trace = full;
    gd.calcdata[i] = cd;
    sub.traceHash[full.uid].update(cd);
  }

  const haloDrawn = new WeakMap();  // a halo layer of the graph -> which halos its source holds
  let deferred = 0;  // the latest window held until the map's style has loaded

  function sameArray(a, b) {
    if (a === b) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  }

  // The window written into the graph as it is: the point traces and halo sources whose contents differ from
  // the last window's recomputed and handed to their MapLibre sources, the labels redrawn. Two neighbouring
  // days mostly show the same halos and some traces alike: what a step leaves as it was is not sent again
  // (each source rewritten is cut into tiles again in MapLibre's worker and uploaded). Plotly's own restyle
  // would replot the whole map.
  // A map whose style is still loading (its first draw, a new size) takes no source or layer change, from us or
  // from a plotly relayout: MapLibre throws "Style is not done loading".
  function styleLoading(map) {
    return !!(map.style && !map.style._loaded);
  }

  // Plotly clears a hover label on a pointer event; a window written in place (Play, a slider step) comes with
  // none. A label whose marker the new window no longer holds at the same spot goes, one whose marker stayed
  // stays.
  function dropStaleHover(gd, changed) {
    const hovered = gd._hoverdata;
    if (!Array.isArray(hovered) || !hovered.length || !window.Plotly || !window.Plotly.Fx) return;
    const stale = hovered.some(function (pt) {
      if (changed.indexOf(pt.curveNumber) < 0) return false;
      const t = gd._fullData[pt.curveNumber];
      if (!t || !t.customdata) return true;
      for (let k = 0; k < t.customdata.length; k++) {  // its index may change as other points come and go
        if (t.customdata[k] === pt.customdata && t.lat[k] === pt.lat && t.lon[k] === pt.lon) return false;
      }
      return true;
    });
    if (stale) window.Plotly.Fx.unhover(gd);
  }

  function drawInPlace(gd, data, f) {
    const sub = subplotOf(gd);
    if (sub && styleLoading(sub.map)) {
      // the latest window is written once it has loaded
      const pending = ++deferred;
      const retry = function () {
        if (pending !== deferred) return;
        if (styleLoading(sub.map)) { setTimeout(retry, 50); return; }
        const g = graph();
        if (g === gd && g.layout && g.layout.meta && g.layout.meta.key === data.key) drawInPlace(gd, data, f);
      };
      setTimeout(retry, 50);
      return true;
    }
    deferred++;
    const indexes = [], names = [];
    gd.data.forEach(function (trace, i) {
      if (trace.meta && trace.meta.window) { indexes.push(i); names.push(trace.meta.window); }
    });
    const fixed = name => name === "undated" || name === "claim-centres" || name === "denied" || name === "reviewed" || name === "selected";
    const changed = [];
    indexes.forEach(function (i, j) {
      const t = f.traces[names[j]], trace = gd.data[i], marker = trace.marker || {};
      const same = sameArray(t.lat, trace.lat || []) && sameArray(t.lon, trace.lon || [])
        && sameArray(t.customdata, trace.customdata || []) && sameArray(t.hovertext, trace.hovertext || [])
        && (names[j] === "legs" || (sameArray(t.size, marker.size)
          && (fixed(names[j]) || (sameArray(t.color, marker.color) && sameArray(t.opacity, marker.opacity)))));
      if (same) return;
      changed.push(i);
      Object.assign(trace, {lat: t.lat, lon: t.lon, customdata: t.customdata, hovertext: t.hovertext});
      if (names[j] !== "legs") {
        trace.marker = Object.assign({}, trace.marker, {size: t.size});
        if (!fixed(names[j])) Object.assign(trace.marker, {color: t.color, opacity: t.opacity});
      }
    });
    const halos = data.figure.layout.meta.halo_layers, rewritten = [];
    for (const [precision, index] of halos) {
      const key = (f.ringKeys.get(precision) || []).join(","), layer = gd.layout.map.layers[index];
      if (haloDrawn.get(layer) === key) continue;
      const source = haloSource(f.rings, precision);
      layer.source = source;
      gd.layout.map.layers[index + 1].source = source;
      haloDrawn.set(layer, key);
      rewritten.push(index);
    }
    gd.layout.meta.labels = f.labels;
    const inside = sub && sub.traceHash && gd._fullData && gd.calcdata;
    if (inside && indexes.every(i => gd._fullData[i] && gd._fullData[i]._module && sub.traceHash[gd._fullData[i].uid])) {
      if (changed.length || rewritten.length) holdPainting(sub.map);
      for (const i of changed) recalc(gd, sub, i);
      dropStaleHover(gd, changed);
      for (const index of rewritten) {
        for (const k of [index, index + 1]) {
          const layer = sub.layerList[k], source = layer && sub.map.getSource(layer.idSource);
          if (source && source.setData) source.setData(gd.layout.map.layers[k].source);
        }
      }
      if (window.geomapLabels) window.geomapLabels.draw(gd);
      return changed.length + rewritten.length > 0;
    }
    window.Plotly.react(gd, gd.data, gd.layout);  // no internals to write into: the slow, public way
    return true;
  }

  function sourcesLoaded(map) {
    const caches = map.style && (map.style.tileManagers || map.style.sourceCaches);
    return !caches || Object.keys(caches).every(id => map.isSourceLoaded(id));
  }

  // MapLibre paints a frame whenever one of the sources a step rewrote has its data back, then again when its
  // tiles are cut: three frames a step, two of them half-loaded. On a software-rendered WebGL (SwiftShader,
  // any machine without a GPU) each frame costs the whole canvas, and the page waits for it to be read back.
  // So a step holds the map's painting until every source has loaded (at most HOLD_MS), then paints once.
  // On such a WebGL a frame's cost also grows with the canvas's pixels (its clear, drawing and read-back), so
  // while the window moves (steps, Play) the map draws at MOVING_PIXEL_RATIO of its resolution, and at full
  // resolution again once its last frame has been on screen SHARPEN_AFTER_MS, or, while windows keep coming (Play,
  // a held key) less than CADENCE_MS apart, a quarter longer than the time between the last two: a sharp frame
  // costs more than two light ones, and one drawn between two frames of Play is at once replaced. The canvas is
  // resized inside the paint that draws it: resized apart, it would show blank until the next paint. A GPU draws
  // a frame in a few milliseconds: there the map keeps its full resolution.
  const HOLD_MS = 600, MOVING_PIXEL_RATIO = 0.6, SHARPEN_AFTER_MS = 500, CADENCE_MS = 1200;
  const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software/i;
  function softwareRendered(map) {
    let renderer = "";
    try {
      const gl = map.painter && map.painter.context && map.painter.context.gl;
      const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
      renderer = String((gl && gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) || "");
    } catch (e) {
      renderer = "";
    }
    return SOFTWARE_RENDERER.test(renderer);
  }
  function holdPainting(map) {
    if (!map.__geomapHold) {
      const render = map._render;
      const hold = map.__geomapHold = {until: 0, ratio: null, light: softwareRendered(map) && !!map.setPixelRatio,
                                       sharpen: 0, last: 0, gap: Infinity};
      map._render = function (time) {
        if (hold.until > performance.now() && !sourcesLoaded(map)) return this;  // the last load repaints
        hold.until = 0;
        if (hold.light && (map._overridePixelRatio === undefined ? null : map._overridePixelRatio) !== hold.ratio) {
          map.setPixelRatio(hold.ratio);
          // the resize asks for another frame, which would draw this one again: this paint draws the new size
          if (map._frameRequest) { map._frameRequest.abort(); map._frameRequest = null; }
        }
        const drawn = render.call(this, time);
        if (hold.light && hold.ratio !== null) {  // sharp again once this frame has been on screen a while
          clearTimeout(hold.sharpen);
          const after = hold.gap < CADENCE_MS ? Math.max(SHARPEN_AFTER_MS, 1.25 * hold.gap) : SHARPEN_AFTER_MS;
          hold.sharpen = setTimeout(function () { hold.ratio = null; map.triggerRepaint(); }, after);
        }
        return drawn;
      };
    }
    const hold = map.__geomapHold, now = performance.now();
    hold.gap = hold.last ? now - hold.last : Infinity;  // since the window before
    hold.last = now;
    hold.until = now + HOLD_MS;
    if (hold.light) {
      hold.ratio = (window.devicePixelRatio || 1) * MOVING_PIXEL_RATIO;
      clearTimeout(hold.sharpen);
    }
    // paints what there is if a load never ends; a frame painted since released the hold (until 0), and a
    // second one would cost a whole software-rendered frame for nothing
    setTimeout(() => { if (hold.until !== 0) map.triggerRepaint(); }, HOLD_MS + 10);
  }

  // Tells whoever watches (tests, benchmarks) which window the map has drawn: data-drawn-window on the graph,
  // set at the first MapLibre render after every source of the map has taken its new data.
  // A window that changed nothing on the map (labels and count aside, which are HTML) is drawn as it stands.
  let marking = 0;
  function markDrawn(gd, low, high, repaint) {
    const sub = subplotOf(gd);
    if (!sub) return;
    const map = sub.map, mine = ++marking;
    if (repaint === false && !map.__geomapHold?.until && sourcesLoaded(map)) {
      gd.setAttribute("data-drawn-window", low + ":" + high);
      return;
    }
    const check = function () {
      if (mine !== marking) { map.off("render", check); return; }
      if (!sourcesLoaded(map)) return;
      map.off("render", check);
      gd.setAttribute("data-drawn-window", low + ":" + high);
    };
    map.on("render", check);
    map.triggerRepaint();
  }

  // markDrawn once the graph shows the figure of `key` (a whole figure is drawn after the callback returns).
  function markWhenShown(key, low, high, then) {
    let tries = 0;
    const look = function () {
      const gd = graph();
      if (gd && subplotOf(gd) && gd.layout && gd.layout.meta && gd.layout.meta.key === key) {
        if (then) then(gd);
        markDrawn(gd, low, high);
      } else if (++tries < 600) {
        setTimeout(look, 100);
      }
    };
    setTimeout(look, 0);
  }

  // The first map of a page with no view in its URL frames the store's incidents at the size the map really
  // has (data.fit: west-south and east-north corners), and again when that size changes, until the user
  // moves the map: the server's centre and zoom are its guess for a desktop window, which on a phone shows
  // none of them. The view is set as a relayout, so plotly keeps it (a camera moved behind its back is put
  // back at its next redraw) and the URL and the server's view follow.
  let fitted = false;
  function fitOnce(gd, data) {
    const sub = subplotOf(gd);
    if (fitted || !sub || !Array.isArray(data.fit)) return;
    fitted = true;
    const map = sub.map;
    let touched = false;
    const fit = function () {
      if (styleLoading(map)) { setTimeout(fit, 50); return; }  // fit once it has loaded
      const camera = !touched && map.cameraForBounds(data.fit, {padding: 12, maxZoom: 9});
      if (!camera) return;
      const c = camera.center, lat = c.lat !== undefined ? c.lat : c[1], lon = c.lng !== undefined ? c.lng : c[0];
      if (Math.abs(map.getZoom() - camera.zoom) < 0.01 && Math.abs(map.getCenter().lat - lat) < 1e-4
          && Math.abs(map.getCenter().lng - lon) < 1e-4) return;
      window.Plotly.relayout(gd, {"map.center": {lat: lat, lon: lon}, "map.zoom": camera.zoom});
    };
    map.on("movestart", function (event) { if (event.originalEvent) touched = true; });
    map.on("resize", fit);
    fit();
  }

  function watchZoom(gd) {
    const sub = subplotOf(gd);
    if (!sub || sub.map.__geomapZoom) return;
    sub.map.__geomapZoom = true;
    sub.map.on("zoomend", function () {
      if (!last || !last.inPlace) return;
      const g = graph();
      if (g && g.layout && g.layout.meta && g.layout.meta.key === last.data.key) {
        drawInPlace(g, last.data, frame(last.data, last.low, last.high, last.selected, sub.map.getZoom()));
      }
    });
  }

  // geomap.dashboard.components.count_text's words for a frame's numbers (the server sends them in the page's
  // data as COUNT_WORDS, so the wording is written once, in Python; tests/browser checks the two agree).
  function countText(count) {
    const words = (lastData && lastData.count_words) || {};
    const n = v => Number(v || 0).toLocaleString("en");
    const fill = (template, v) => template.replace("{n}", n(v)).replace("{total}", n(count.total));
    let main = fill(words.of_total || " of {total} incidents", count.shown);
    if (count.undated_shown) main += fill(words.undated_shown || ", {n} undated", count.undated_shown);
    let notes = "";
    if (count.undated_left) notes += fill(words.undated_left || " · {n} undated", count.undated_left);
    if (count.clustered) notes += words.clustered || " · grouped into clusters";
    else if (count.shown) notes += fill(words.points || " · {n} map points", count.drawn);
    notes = notes.replace(/^ +/, "");
    return {shown: n(count.shown), main: main, notes: notes, title: notes.replace(/^[· ]+/, "")};
  }

  // The count, the dates and the (visually hidden) list of places are written as text straight into their
  // elements: as Dash outputs, each frame would make the renderer walk the page's components again.
  function writeText(count, label, places) {
    const countBox = document.getElementById("shown-count"), labelBox = document.getElementById("date-label");
    const list = document.getElementById("shown-places");
    // the count as last written: a frame that does not change it writes nothing
    const said = count && ["shown", "total", "drawn", "undated_shown", "undated_left", "clustered"].map(k => count[k]).join(":");
    if (countBox && count && countBox.__geomapCount !== said) {
      countBox.__geomapCount = said;
      const text = countText(count);
      const main = document.createElement("span"), strong = document.createElement("strong");
      main.className = "count-main";
      strong.textContent = text.shown;
      main.replaceChildren(strong, text.main);
      const parts = [main];
      if (text.notes) {
        const span = document.createElement("span");
        span.className = "count-notes muted";
        span.textContent = text.notes;
        span.title = text.title;
        parts.push(span);
      }
      countBox.replaceChildren(...parts);
    }
    if (labelBox && labelBox.textContent !== label) labelBox.textContent = label;
    if (list && places && list.__geomapPlaces !== places.join("\n")) {
      list.__geomapPlaces = places.join("\n");
      list.replaceChildren(...places.map(function (name) {
        const item = document.createElement("li");
        item.textContent = name;
        return item;
      }));
    }
  }

  let settling = 0;  // the latest window settleWindow waits on
  const SETTLE_WAIT_MS = 1500, SETTLE_REST_MS = 250;

  // The timeline's shaded window (the rectangle geomap.figures names TIMELINE_WINDOW) follows the slider at
  // once, Play included (the server redraws the timeline only for a settled window). Its drawn path is moved
  // in place: a Plotly.relayout would have the graph's component re-render the timeline on every frame.
  function shadeTimeline(low, high) {
    const gd = document.querySelector("#timeline .js-plotly-plot");
    const shapes = gd && gd.layout && gd.layout.shapes, full = gd && gd._fullLayout;
    const k = Array.isArray(shapes) ? shapes.findIndex(s => s && s.name === "window") : -1;
    const path = k >= 0 && gd.querySelector('.shapelayer path[data-index="' + k + '"]');
    const axis = full && full.xaxis, size = full && full._size;
    if (!path || !axis || !axis.d2p || !size) return;
    const x0 = iso(low), x1 = iso(high) + " 23:59:59";
    const left = axis._offset + axis.d2p(x0), right = axis._offset + axis.d2p(x1);
    if (!Number.isFinite(left) || !Number.isFinite(right)) return;
    path.setAttribute("d", "M" + left + "," + (size.t + size.h) + "H" + right + "V" + size.t + "H" + left + "Z");
    Object.assign(shapes[k], {x0: x0, x1: x1.replace(" ", "T")});
  }

  // For Play (assets/play.js): whether the page draws each window itself (and marks it drawn).
  window.geomapTime = {drawsInPage: () => !!(last && lastData && lastData.mode === "points")};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.geomap = Object.assign(window.dash_clientside.geomap || {}, {
    // The map figure for the slider's window: drawn in place when the graph shows this data's map already,
    // else a whole figure; a server-drawn map ("figure" mode) is handed on as it is. Count, dates and places
    // are written as text (writeText).
    drawWindow: function (data, value, selected) {
      const noUpdate = window.dash_clientside.no_update;
      const low = Array.isArray(value) ? Number(value[0]) : NaN, high = Array.isArray(value) ? Number(value[1]) : NaN;
      if (data) lastData = data;
      // the server's _date_label: the window's days, "all dates" for the slider's whole span
      const label = data && !data.span ? "no incident has a date"
        : !Number.isFinite(low) || !Number.isFinite(high) || (data && allDates(data, low, high)) ? "all dates"
        : iso(low) + " → " + iso(high);
      if (!data || !data.figure) {
        writeText(null, label, null);
        return noUpdate;
      }
      const gd = graph();
      if (Number.isFinite(low) && Number.isFinite(high) && data.span) shadeTimeline(low, high);
      if (data.mode !== "points") {
        const fresh = !gd || !gd.layout || !gd.layout.meta || gd.layout.meta.key !== data.key;
        writeText(fresh ? data : null, label, fresh ? data.places : null);
        if (fresh) markWhenShown(data.key, low, high);
        return fresh ? data.figure : noUpdate;
      }
      if (!Number.isFinite(low) || !Number.isFinite(high)) return noUpdate;
      const sub = subplotOf(gd);
      const inPlace = !!(sub && gd.layout && gd.layout.meta && gd.layout.meta.key === data.key);
      const zoom = sub ? sub.map.getZoom() : data.figure.layout.map.zoom;
      const f = frame(data, low, high, selected, zoom);
      last = {data: data, low: low, high: high, selected: selected, inPlace: true};
      writeText({shown: f.shown, total: data.total, drawn: f.drawn, undated_shown: f.undated_shown,
                 undated_left: f.undated_left}, label, f.places);
      if (inPlace) {
        markDrawn(gd, low, high, drawInPlace(gd, data, f));
        return noUpdate;
      }
      markWhenShown(data.key, low, high, function (shown) { watchZoom(shown); fitOnce(shown, data); });
      return wholeFigure(data, f);
    },

    // The window the server's views follow (grid, timeline, lists, URL): the slider's, once Play is not running,
    // the map has drawn it and it has rested SETTLE_REST_MS. Their answers redraw much of the page, and a redraw
    // begun while the map paints its frame holds that frame up; so the map comes first (at most SETTLE_WAIT_MS),
    // then the rest, and a key held down or a thumb dragged asks the server once it stops, not at every day.
    settleWindow: function (value, stopped, settled) {
      const noUpdate = window.dash_clientside.no_update;
      if (stopped === false || !Array.isArray(value)) return noUpdate;
      if (Array.isArray(settled) && settled[0] === value[0] && settled[1] === value[1]) return noUpdate;
      const setProps = window.dash_clientside.set_props, gd = graph();
      if (!setProps || !gd || !window.geomapTime.drawsInPage()) return value;
      const mine = ++settling, wanted = value[0] + ":" + value[1], since = performance.now();
      let drawn = 0;
      const look = function () {
        if (mine !== settling) return;  // a later window replaced this one
        const g = graph(), now = performance.now();
        if (g && g.getAttribute("data-drawn-window") !== wanted && now - since < SETTLE_WAIT_MS) {
          setTimeout(look, 20);
          return;
        }
        if (!drawn) drawn = now;
        if (now - drawn < SETTLE_REST_MS) {
          setTimeout(look, SETTLE_REST_MS - (now - drawn));
          return;
        }
        setProps("settled-window", {data: value});
      };
      setTimeout(look, 0);
      return noUpdate;
    },

    togglePlay: function (_clicks, disabled) {
      const playing = disabled !== false;
      return [!playing, playing ? "❚❚ Pause" : "▶ Play"];
    },
  });
})();
