// Play runs in the browser on the wall clock: at N days a second the window's end is where N days a second
// from the start put it, however long the map takes to draw a frame. A tick comes every 1000/N ms (every 100 ms
// at months a second, each tick then moving as many days as the clock has passed: the speed is the dropdown's
// milliseconds a day, not the ticker's interval); when the
// map has not yet drawn the window the last tick set (assets/time.js marks each drawn window), the tick is
// a frame skipped, never a day: the next window jumps k days and starts no later than the day after the last
// window's end, so every day passed has been on the map (that frame's window is wider than the others). A slow
// machine draws fewer frames, not fewer days. The page may hand a tick the slider's value before the last
// tick's move has reached it: a value this playback set itself continues from the latest move, any other
// value (the user moved the slider) is a new start.
const MAX_WAIT_MS = 2000;  // a window never marked drawn (a map that is not there) does not hold Play up longer
const playback = {played: [], start: 0, end0: 0, width: 1, since: 0};
const sameWindow = (a, b) => a[0] === b[0] && a[1] === b[1];
function notDrawnYet(window_) {
  const gd = document.querySelector("#map .js-plotly-plot");
  const time = globalThis.geomapTime;
  if (!gd || !time || !time.drawsInPage()) return false;
  return gd.getAttribute("data-drawn-window") !== window_[0] + ":" + window_[1];
}

// How many days Play shows at a time when it starts from the whole range: the days one second of Play passes, a
// week at least, so that an incident stays on the map about a second however fast Play goes (a decade at three
// months a second shown a week at a time flashes each incident for a tenth of a second on a map mostly empty);
// a day for a range too short to move a week through (a six-day war played a week at a time would show its
// whole span once and stop).
function playWidth(rangeDays, perDay) {
  return rangeDays >= 14 ? Math.min(Math.floor(rangeDays / 2), Math.max(7, Math.round(1000 / perDay))) : 1;
}

// The window of the wall-clock day `end`, after the window `before`: its usual width, reaching back at least to
// the day after `before` ends.
function nextWindow(before, end, width) {
  return [Math.min(end - width + 1, before[1] + 1), end];
}

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.geomap = Object.assign(window.dash_clientside.geomap || {}, {
  // (slider window, stop?, play button text) for one tick; a crafted value stops playing.
  playStep: function (_n, value, first, last, msPerDay) {
    const noUpdate = window.dash_clientside.no_update;
    const low = Number(first), high = Number(last);
    if (!Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      return [noUpdate, true, "▶ Play"];
    }
    const perDay = Number.isFinite(Number(msPerDay)) && Number(msPerDay) > 0 ? Number(msPerDay) : 1000;
    let from = Array.isArray(value) ? Math.round(Number(value[0])) : NaN;
    let to = Array.isArray(value) ? Math.round(Number(value[1])) : NaN;
    if (!Number.isFinite(from) || !Number.isFinite(to) || from > to) {
      from = low; to = high;
    }
    from = Math.max(low, Math.min(high, from));
    to = Math.max(from, Math.min(high, to));
    const played = playback.played, now = performance.now();
    if (played.length && played.some(w => sameWindow(w, [from, to]))) {
      [from, to] = played[played.length - 1];
    } else {  // a new start: the clock starts a day before, so this tick moves one day
      played.length = 0;
      played.push([from, to]);
      if (from <= low && to >= high) {  // the whole range cannot move: play a narrower window, from its first day
        const first = [low, low + playWidth(high - low + 1, perDay) - 1];
        played.push(first);
        Object.assign(playback, {start: now, end0: first[1], width: first[1] - low + 1, since: now});
        return [first, noUpdate, noUpdate];
      }
      Object.assign(playback, {start: now - perDay, end0: to, width: to - from + 1, since: now});
    }
    if (played.length > 1 && notDrawnYet([from, to]) && now - playback.since < MAX_WAIT_MS) {
      return [noUpdate, noUpdate, noUpdate];  // a frame skipped: the next one catches up with the clock
    }
    const due = Math.min(high, playback.end0 + Math.floor((now - playback.start) / perDay));
    if (due <= to && to < high) return [noUpdate, noUpdate, noUpdate];  // a tick ahead of the clock
    const next = to >= high ? [high - (to - from), high] : nextWindow([from, to], due, playback.width);
    const stop = next[1] >= high;
    played.push(next);
    playback.since = now;
    if (played.length > 64) played.shift();
    if (stop) played.length = 0;
    return [next, stop ? true : noUpdate, stop ? "▶ Play" : noUpdate];
  },

});
