// Play runs in the browser: each tick of the ticker moves the slider's window exactly one day, from
// the value the slider holds now, so N days a second (a tick every 1000/N ms) advances N days a
// second and never skips one, however long the server takes to draw a frame. The page may hand a tick
// the slider's value before the last tick's move has reached it: a value this playback set itself
// continues from the latest move, any other value (the user moved the slider) is the new start.
const played = [];  // the windows playback set, latest last
const sameWindow = (a, b) => a[0] === b[0] && a[1] === b[1];
// A tick waits (at most WAIT_TICKS) while the map has not yet drawn the window the last tick set: the page
// draws each window itself (assets/time.js marks it drawn), and a window replaced before MapLibre painted
// it would be a day skipped on screen. Slower than N days/s on a slow machine, but never a day missed.
const WAIT_TICKS = 8;
let waited = 0;
function notDrawnYet(window_) {
  const gd = document.querySelector("#map .js-plotly-plot");
  const time = globalThis.geomapTime;
  if (!gd || !time || !time.drawsInPage()) return false;
  return gd.getAttribute("data-drawn-window") !== window_[0] + ":" + window_[1];
}
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.geomap = Object.assign(window.dash_clientside.geomap || {}, {
  // (slider window one day later, stop?, play button text) for one tick; a crafted value stops playing.
  playStep: function (_n, value, first, last) {
    const noUpdate = window.dash_clientside.no_update;
    const low = Number(first), high = Number(last);
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      return [noUpdate, true, "▶ Play"];
    }
    let from = Array.isArray(value) ? Math.round(Number(value[0])) : NaN;
    let to = Array.isArray(value) ? Math.round(Number(value[1])) : NaN;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
      from = low; to = high;
    }
    from = Math.max(low, Math.min(high, from));
    to = Math.max(from, Math.min(high, to));
    if (played.length && played.some(w => sameWindow(w, [from, to]))) {
      [from, to] = played[played.length - 1];
    } else {  // a new start: a tick that still sees it continues from the latest move too
      played.length = 0;
      played.push([from, to]);
    }
    if (played.length > 1 && notDrawnYet([from, to]) && waited < WAIT_TICKS) {
      waited++;
      return [noUpdate, noUpdate, noUpdate];
    }
    waited = 0;
    let next, stop = false;
    if (from <= low && to >= high) {  // the whole range cannot move: play a week at a time
      next = [low, Math.min(high, low + 6)];
    } else if (to + 1 > high) {
      next = [high - (to - from), high];
      stop = true;
    } else {
      next = [from + 1, to + 1];
      stop = to + 1 >= high;
    }
    played.push(next);
    if (played.length > 64) played.shift();
    if (stop) played.length = 0;
    return [next, stop ? true : noUpdate, stop ? "▶ Play" : noUpdate];
  },

});
