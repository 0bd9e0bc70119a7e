// Slider tooltips show dates: the slider's unit is days since 1970-01-01.
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.geomapDayToDate = function (value) {
  return new Date(value * 86400000).toISOString().slice(0, 10);
};

// The date slider lines up with the timeline under it, and its mark labels never overlap, at any width: its two ends (which carry the year) are kept, and a
// mark between them whose label would meet one already kept is hidden. The server spaces the marks for a
// usual slider (geomap.dashboard.components.day_marks); only the page knows how wide the slider really is.
(function () {
  "use strict";
  var GAP = 6;  // pixels between two labels

  function declutter(slider) {
    var marks = Array.prototype.slice.call(slider.querySelectorAll(".dash-slider-mark"));
    marks.forEach(function (m) { m.style.visibility = ""; });  // the stylesheet decides first (a phone keeps the ends)
    var shown = marks.filter(function (m) { return getComputedStyle(m).visibility === "visible"; })
      .map(function (m) { return {mark: m, box: m.getBoundingClientRect()}; })
      .sort(function (a, b) { return a.box.left - b.box.left; });
    if (shown.length < 3) return;
    var kept = [shown[0].box, shown[shown.length - 1].box];
    shown.slice(1, -1).forEach(function (s) {
      var b = s.box;
      var meets = kept.some(function (k) { return b.left < k.right + GAP && k.left < b.right + GAP; });
      if (meets) s.mark.style.visibility = "hidden";
      else kept.push(b);
    });
  }

  // The slider sits over the timeline, and a day is at one x on both: its ends are put over the noon of the
  // first and last days on the timeline's axis (where the timeline labels a day, geomap.figures), by the
  // slider box's side paddings. The slider places a value within its root inset by half a thumb at each end.
  var DAY_MS = 86400000;
  function align(slider) {
    var box = slider.closest(".slider-box"), root = slider.querySelector(".dash-slider-root");
    var thumb = slider.querySelector("[role=slider]");
    var gd = document.querySelector("#timeline .js-plotly-plot");
    var xa = gd && gd._fullLayout && gd._fullLayout.xaxis;
    if (!box || !root || !thumb || !xa || xa.type !== "date" || xa.visible === false || !xa._length) return;
    var first = Number(thumb.getAttribute("aria-valuemin")), last = Number(thumb.getAttribute("aria-valuemax"));
    if (!(last > first)) return;
    var plot = gd.getBoundingClientRect().left + xa._offset;
    var want0 = plot + xa.l2p(first * DAY_MS + DAY_MS / 2), want1 = plot + xa.l2p(last * DAY_MS + DAY_MS / 2);
    var r = root.getBoundingClientRect(), inset = thumb.getBoundingClientRect().width / 2;
    var style = getComputedStyle(box);
    var left = parseFloat(style.paddingLeft) + want0 - (r.left + inset);
    var right = parseFloat(style.paddingRight) + (r.right - inset) - want1;
    if (!isFinite(left) || !isFinite(right) || left < 0 || right < 0) return;
    if (Math.abs(left - parseFloat(style.paddingLeft)) > 0.5) box.style.paddingLeft = left.toFixed(1) + "px";
    if (Math.abs(right - parseFloat(style.paddingRight)) > 0.5) box.style.paddingRight = right.toFixed(1) + "px";
  }

  var pending = new Set();
  function later(slider) {
    if (!pending.size) {
      requestAnimationFrame(function () {
        pending.forEach(function (s) { align(s); declutter(s); });
        pending.clear();
      });
    }
    pending.add(slider);
  }

  // a new timeline (its axis follows the store and the filters) moves where its days are
  var timelines = new WeakSet();
  function watchTimeline() {
    var gd = document.querySelector("#timeline .js-plotly-plot");
    if (!gd || timelines.has(gd) || typeof gd.on !== "function") return;
    timelines.add(gd);
    gd.on("plotly_afterplot", function () { document.querySelectorAll(".date-slider").forEach(later); });
    document.querySelectorAll(".date-slider").forEach(later);
  }

  var watched = new WeakSet();
  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { later(e.target); });
  }) : null;
  new MutationObserver(function () {
    watchTimeline();
    document.querySelectorAll(".date-slider").forEach(function (slider) {
      if (!watched.has(slider)) {
        watched.add(slider);
        if (resized) resized.observe(slider);
        // marks added or taken away (a store's other span), not the thumbs' moves nor the visibility set here
        new MutationObserver(function (records) {
          var marks = function (nodes) {
            return Array.prototype.some.call(nodes, function (n) {
              return n.nodeType === 1 && (n.classList.contains("dash-slider-mark") || n.querySelector(".dash-slider-mark"));
            });
          };
          if (records.some(function (r) { return marks(r.addedNodes) || marks(r.removedNodes); })) later(slider);
        }).observe(slider, {childList: true, subtree: true});
        later(slider);
      }
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
