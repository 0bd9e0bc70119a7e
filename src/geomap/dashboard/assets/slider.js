// Slider tooltips show dates: the slider's unit is days since 1970-01-01.
window.dccFunctions = window.dccFunctions || {};
window.dccFunctions.geomapDayToDate = function (value) {
  return new Date(value * 86400000).toISOString().slice(0, 10);
};
