// Slider tooltips show dates: the slider's unit is days since 1970-01-01.
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.geomapDayToDate = function (value) {
  return new Date(value * 86400000).toISOString().slice(0, 10);
};

// The date slider's mark labels never overlap, at any width: its two ends (which carry the year) are kept, and a
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

  var pending = new Set();
  function later(slider) {
    if (!pending.size) requestAnimationFrame(function () { pending.forEach(declutter); pending.clear(); });
    pending.add(slider);
  }

  var watched = new WeakSet();
  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { later(e.target); });
  }) : null;
  new MutationObserver(function () {
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
