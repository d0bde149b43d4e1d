// Shared by every page: fetching the API, number formats, colours, EMA and uPlot line charts.
"use strict";

window.TF_CHARTS = {}; // the uPlot instance of every drawn chart, by element id (tests read it)

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

async function api(path) {
  const response = await fetch(path);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showError(id, error) {
  const el = document.getElementById(id);
  if (el) el.textContent = error ? String(error.message || error) : "";
}

function fmt(v, digits = 4) {
  if (v === null || v === undefined) return "–";
  if (typeof v !== "number") return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return v.toLocaleString("en");
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(digits);
}

function si(v) {
  if (v === null || v === undefined) return "–";
  const units = [[1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
  for (const [scale, unit] of units) if (Math.abs(v) >= scale) return (v / scale).toFixed(2) + " " + unit;
  return v.toFixed(0);
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return "–";
  const s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return (h ? h + "h " : "") + (h || m ? m + "m " : "") + (s % 60) + "s";
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"})[c]);
}

// Exponential moving average, weight `alpha` on the past (0 = no smoothing).
function ema(ys, alpha) {
  if (!alpha) return ys;
  const out = new Array(ys.length);
  let s = null;
  for (let i = 0; i < ys.length; i++) {
    s = s === null ? ys[i] : alpha * s + (1 - alpha) * ys[i];
    out[i] = s;
  }
  return out;
}

// A line chart of series that each have their own x values: uPlot wants one shared x array,
// so the x values are merged and each series gets nulls where it has no point.
// lines: [{label, x, y, color, dash, axis: "y" | "y2"}]
function lineChart(el, title, xLabel, lines, opts = {}) {
  el.innerHTML = "";
  const h = document.createElement("h3");
  h.textContent = title;
  el.appendChild(h);
  const xs = [...new Set(lines.flatMap(l => l.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const data = [xs];
  for (const l of lines) {
    const col = new Array(xs.length).fill(null);
    l.x.forEach((x, i) => { col[index.get(x)] = l.y[i]; });
    data.push(col);
  }
  const logY = !!opts.logY;
  const axes = [{label: xLabel, values: (u, ticks) => ticks.map(t => si(t))},
                {label: opts.yLabel || "", scale: "y", size: 60}];
  const scales = {x: {time: false, distr: opts.logX ? 3 : 1}, y: {distr: logY ? 3 : 1}};
  if (lines.some(l => l.axis === "y2")) {
    axes.push({label: opts.y2Label || "", scale: "y2", side: 1, grid: {show: false}, size: 60});
    scales.y2 = {distr: logY ? 3 : 1};
  }
  const series = [{label: xLabel}].concat(lines.map(l => ({
    label: l.label, stroke: l.color, dash: l.dash, scale: l.axis || "y", spanGaps: true, width: 1.5,
    points: {show: l.x.length < 30},
  })));
  const width = Math.max(320, (el.clientWidth || 560) - 12);
  const chart = new uPlot({width, height: 260, series, axes, scales, legend: {live: true}}, data, el);
  el.dataset.series = String(lines.length);
  window.TF_CHARTS[el.id] = chart;
  return chart;
}

// Live updates: calls onChange(event) whenever the server reports changed runs or statuses.
function watchRuns(onChange) {
  if (window.TF_REPORT || !window.EventSource) return null;
  const source = new EventSource("api/events");
  source.addEventListener("runs", e => onChange(JSON.parse(e.data)));
  return source;
}
