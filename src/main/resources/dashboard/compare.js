// The compare page: the selected runs overlaid (loss, validation loss and perplexity, loss per
// FLOP, learning rate, throughput, gradient norm, accuracy), their summaries, configs and
// parameter counts. In an exported report the data comes from window.TF_REPORT, not the server.
"use strict";

const AXIS_LABELS = {step: "step", tokens: "tokens", flops: "training FLOPs", time: "wall time (s)"};
const ids = window.TF_REPORT
  ? window.TF_REPORT.step.runs.map(r => r.id)
  : (new URLSearchParams(location.search).get("runs") || "").split(",").filter(s => s);
let data = null, flopsData = null;

async function fetchCompare(axis) {
  if (window.TF_REPORT) return window.TF_REPORT[axis];
  return api(`api/compare?runs=${ids.map(encodeURIComponent).join(",")}&x=${axis}`);
}

async function load() {
  try {
    if (ids.length === 0) throw new Error("no runs selected: pick runs on the runs page");
    const axis = document.getElementById("axis").value;
    data = await fetchCompare(axis);
    flopsData = axis === "flops" ? data : await fetchCompare("flops");
    showError("error", null);
    draw();
  } catch (e) {
    showError("error", e);
  }
}

function lines(source, field, opts = {}) {
  const alpha = field.startsWith("train.") ? Number(document.getElementById("smoothing").value) : 0;
  return source.runs.map((run, i) => {
    const s = source.series[run.id][field];
    if (!s || s.x.length === 0) return null;
    return {label: run.name + (opts.suffix || ""), x: s.x, y: ema(s.y, alpha), color: COLORS[i % COLORS.length],
            dash: opts.dash, axis: opts.axis};
  }).filter(l => l);
}

function draw() {
  const axis = data.x, xLabel = AXIS_LABELS[axis];
  const o = {logY: document.getElementById("logY").checked, logX: document.getElementById("logX").checked};
  lineChart(el("chart-loss"), "Loss (solid: training, dashed: validation)", xLabel,
    lines(data, "train.loss", {suffix: " train"}).concat(lines(data, "eval.val_loss", {suffix: " val", dash: [6, 4]})),
    {...o, yLabel: "cross-entropy"});
  lineChart(el("chart-val"), "Validation loss (left) and perplexity (right, dashed)", xLabel,
    lines(data, "eval.val_loss", {suffix: " val loss"}).concat(
      lines(data, "eval.val_perplexity", {suffix: " perplexity", dash: [6, 4], axis: "y2"})),
    {...o, yLabel: "val loss", y2Label: "perplexity"});
  lineChart(el("chart-flops"), "Loss against compute (training FLOPs)", "training FLOPs",
    lines(flopsData, "train.loss"), {...o, yLabel: "training loss"});
  lineChart(el("chart-lr"), "Learning rate", xLabel, lines(data, "train.lr"), {...o, yLabel: "lr"});
  lineChart(el("chart-throughput"), "Throughput", xLabel, lines(data, "train.tokens_per_sec"),
    {...o, yLabel: "tokens/s"});
  lineChart(el("chart-gradnorm"), "Gradient norm (before clipping)", xLabel, lines(data, "train.grad_norm"),
    {...o, yLabel: "L2 norm"});
  const accuracyFields = [...new Set(data.runs.flatMap(r => Object.keys(data.series[r.id])))]
    .filter(f => /acc|exact/.test(f.split(".")[1]) && !/examples|problems/.test(f));
  const accuracy = el("chart-accuracy");
  accuracy.hidden = accuracyFields.length === 0;
  if (accuracyFields.length) {
    lineChart(accuracy, "Accuracy", xLabel,
      accuracyFields.flatMap(f => lines(data, f, {suffix: " " + f.split(".")[1]})), {...o, yLabel: "accuracy"});
  }
  summary();
  configs();
  modules();
}

function el(id) { return document.getElementById(id); }

function summary() {
  const rows = [["run", r => `<span style="color:${COLORS[data.runs.indexOf(r) % 8]}">■</span> ${escapeHtml(r.name)}`],
    ["model", r => escapeHtml(r.kind ?? "–")], ["parameters", r => si(r.parameters)],
    ["best val loss", r => fmt(r.bestValLoss)], ["total TFLOPs", r => r.totalFlops == null ? "–" : fmt(r.totalFlops / 1e12, 3)],
    ["tokens/s", r => fmt(r.tokensPerSec && Math.round(r.tokensPerSec))], ["wall time", r => duration(r.wallTime)],
    ["status", r => `<span class="status ${r.status}">${r.status}</span>`]];
  el("summary").innerHTML = "<tr>" + rows.map(([label]) => `<th class="text">${label}</th>`).join("") + "</tr>" +
    data.runs.map(r => `<tr data-run="${escapeHtml(r.id)}">` + rows.map(([, f], i) => `<td class="${i < 2 ? "text" : ""}">${f(r)}</td>`).join("") + "</tr>").join("");
}

function configs() {
  const values = data.runs.map(r => data.configs[r.id].values);
  const keys = [...new Set(values.flatMap(v => Object.keys(v)))];
  const onlyDiff = el("onlyDiff").checked;
  let html = "<tr><th class=\"text\">key</th>" + data.runs.map(r => `<th class="text">${escapeHtml(r.name)}</th>`).join("") + "</tr>";
  for (const key of keys) {
    const cells = values.map(v => v[key] === undefined ? "–" : String(v[key]));
    const differs = new Set(cells).size > 1;
    if (onlyDiff && !differs) continue;
    html += `<tr class="${differs ? "diff" : ""}" data-key="${escapeHtml(key)}"><td class="text">${escapeHtml(key)}</td>` +
      cells.map(c => `<td class="text">${escapeHtml(c)}</td>`).join("") + "</tr>";
  }
  el("config").innerHTML = html;
}

function modules() {
  const perRun = data.runs.map(r => data.configs[r.id].modules || {});
  const names = [...new Set(perRun.flatMap(m => Object.keys(m)))];
  let html = "<tr><th class=\"text\">module</th>" + data.runs.map(r => `<th>${escapeHtml(r.name)}</th>`).join("") + "</tr>";
  for (const name of names) {
    html += `<tr><td class="text">${escapeHtml(name)}</td>` + perRun.map(m => `<td>${fmt(m[name] ?? null)}</td>`).join("") + "</tr>";
  }
  html += "<tr><td class=\"text\"><b>total</b></td>" + data.runs.map(r => `<td><b>${fmt(data.configs[r.id].parameters)}</b></td>`).join("") + "</tr>";
  el("modules").innerHTML = html;
}

for (const id of ["axis"]) el(id).onchange = load;
for (const id of ["logY", "logX", "onlyDiff"]) el(id).onchange = () => data && draw();
el("smoothing").oninput = () => { el("smoothingValue").textContent = el("smoothing").value; if (data) draw(); };
if (window.TF_REPORT) el("back").hidden = true;

let pending = null;
watchRuns(event => {
  if (event.changed.some(id => ids.includes(id)) || data && data.runs.some(r => event.statuses[r.id] !== r.status)) {
    clearTimeout(pending);
    pending = setTimeout(load, 100);
  }
});
load();
