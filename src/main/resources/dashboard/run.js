// Inside a run: its curves and newest log records (live), the attention explorer, streaming
// sampling with each token shaded by its probability, and the loss of each token of a passage.
"use strict";

const runId = new URLSearchParams(location.search).get("run") || "";
const base = `api/runs/${encodeURIComponent(runId)}`;
const $ = id => document.getElementById(id);
let attention = null;

async function loadRun() {
  try {
    const info = await api(base);
    const s = info.summary;
    if (!taskChecked) { // a task run's attention takes a task input: empty asks for a held-out example
      taskChecked = true;
      if ((s.kind ?? "").includes("·")) {
        $("attPrompt").value = "";
        $("attPrompt").placeholder = "task input, e.g. 3 1 4 (empty: a held-out example)";
      }
      if ((s.kind ?? "").startsWith("encdec")) { // no next-token text model to sample or score
        for (const id of ["sampling", "tokenLoss"]) {
          $(id).innerHTML = `<h2>${id === "sampling" ? "Sampling" : "Per-token loss"}</h2>` +
            `<p class="note">an encoder-decoder task run maps a task input to its output: see the attention explorer</p>`;
        }
      }
    }
    $("title").textContent = "tinyformer · " + s.name;
    $("summary").innerHTML = `<b>${escapeHtml(s.name)}</b> · ${escapeHtml(s.kind ?? "–")} · ${si(s.parameters)} parameters ·
      step ${fmt(s.steps)}${s.targetSteps ? " of " + fmt(s.targetSteps) : ""} · ${si(s.tokens)} tokens ·
      best val loss ${fmt(s.bestValLoss)} · <span id="status" class="status ${s.status}">${s.status}</span>`;
    const series = (await api(base + "/series?x=step")).series;
    const pick = (f, suffix, dash) => series[f] && series[f].x.length
      ? [{label: suffix, x: series[f].x, y: series[f].y, color: dash ? COLORS[1] : COLORS[0], dash}] : [];
    lineChart($("chart-live"), "Loss (live)", "step",
      pick("train.loss", "train loss").concat(pick("eval.val_loss", "val loss", [6, 4])), {yLabel: "cross-entropy"});
    const log = await api(base + `/log?since=${Math.max(0, info.summary.records - 8)}`);
    $("records").innerHTML = log.records.map(r =>
      `<tr><td class="text">${escapeHtml(r.type)}</td><td class="text">${escapeHtml(JSON.stringify(r).slice(0, 160))}</td></tr>`).join("");
    showError("error", null);
    return info;
  } catch (e) {
    showError("error", e);
    return null;
  }
}

// ---- attention explorer
let taskChecked = false;

async function showAttention() {
  try {
    showError("attError", null);
    const params = new URLSearchParams({prompt: $("attPrompt").value, kind: $("attKind").value, layer: $("attLayer").value});
    attention = await api(`${base}/attention?${params}`);
    const kindSelect = $("attKind");
    kindSelect.innerHTML = attention.kinds.map(k => `<option value="${k}">${k}</option>`).join("");
    kindSelect.value = attention.kind;
    $("attInput").textContent = attention.input;
    const layerSelect = $("attLayer"), chosen = String(attention.layer);
    layerSelect.innerHTML = [...Array(attention.layers).keys()].map(l => `<option value="${l}">${l}</option>`).join("");
    layerSelect.value = chosen;
    const headSelect = $("attHead"), head = headSelect.value;
    headSelect.innerHTML = `<option value="all">all heads</option>` +
      [...Array(attention.heads).keys()].map(h => `<option value="${h}">${h}</option>`).join("");
    headSelect.value = head === "all" || Number(head) < attention.heads ? head : "all";
    drawAttention();
  } catch (e) {
    showError("attError", e);
  }
}

function drawAttention() {
  const out = $("attOut");
  out.innerHTML = "";
  const head = $("attHead").value;
  const heads = head === "all" ? [...Array(attention.heads).keys()] : [Number(head)];
  const cell = head === "all" ? Math.max(6, Math.min(18, Math.floor(360 / attention.tokens.length))) : 28;
  for (const h of heads) {
    const figure = document.createElement("figure");
    const canvas = document.createElement("canvas");
    canvas.className = "heatmap";
    canvas.dataset.head = h;
    heatmap(canvas, attention.weights[h], attention.tokens, attention.keyTokens, cell);
    const caption = document.createElement("figcaption");
    caption.textContent = `layer ${attention.layer} · head ${h} · ${attention.kind}`;
    figure.append(canvas, caption);
    out.appendChild(figure);
  }
}

// rows: queries, columns: keys; token labels on both axes, whitespace made visible
function heatmap(canvas, weights, rows, columns, cell) {
  const label = t => t.replace(/ /g, "·").replace(/\n/g, "\\n");
  const margin = Math.min(90, 8 + 7 * Math.max(...rows.concat(columns).map(t => label(t).length)));
  canvas.width = margin + columns.length * cell + 4;
  canvas.height = margin + rows.length * cell + 4;
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  for (let q = 0; q < rows.length; q++) {
    for (let k = 0; k < columns.length; k++) {
      const w = weights[q][k];
      g.fillStyle = `rgb(${Math.round(255 - 225 * w)}, ${Math.round(255 - 160 * w)}, ${Math.round(255 - 60 * w)})`;
      g.fillRect(margin + k * cell, margin + q * cell, cell, cell);
    }
  }
  if (cell < 8) return;
  g.fillStyle = "#222";
  g.font = `${Math.min(12, cell - 2)}px monospace`;
  g.textAlign = "right";
  g.textBaseline = "middle";
  rows.forEach((t, i) => g.fillText(label(t), margin - 3, margin + i * cell + cell / 2));
  columns.forEach((t, i) => {
    g.save();
    g.translate(margin + i * cell + cell / 2, margin - 3);
    g.rotate(-Math.PI / 2);
    g.textAlign = "left";
    g.fillText(label(t), 0, 0);
    g.restore();
  });
}

// ---- sampling: Server-Sent Events read from a fetch stream (so refusals show their message)
async function sample() {
  const out = $("samOut");
  out.innerHTML = "";
  $("samDone").textContent = "";
  showError("samError", null);
  $("samGo").disabled = true;
  try {
    const params = new URLSearchParams({prompt: $("samPrompt").value, temperature: $("samTemperature").value,
      top_k: $("samTopK").value, top_p: $("samTopP").value, max_tokens: $("samMax").value});
    const response = await fetch(`${base}/sample?${params}`);
    if (!response.ok) throw new Error((await response.json()).error);
    const prompt = document.createElement("b");
    prompt.textContent = $("samPrompt").value;
    out.appendChild(prompt);
    const reader = response.body.getReader(), decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)[1], data = JSON.parse(/^data: (.*)$/m.exec(frame)[1]);
        if (event === "token") out.appendChild(tokenSpan(data));
        if (event === "done") $("samDone").textContent = data.message ||
          `${data.tokens} tokens in ${data.seconds.toFixed(2)} s (stopped by ${data.stop})`;
      }
    }
  } catch (e) {
    showError("samError", e);
  } finally {
    $("samGo").disabled = false;
  }
}

function tokenSpan(token) {
  const span = document.createElement("span");
  span.textContent = token.text;
  span.className = "token";
  span.dataset.p = token.p;
  span.style.background = `rgba(46, 160, 67, ${0.1 + 0.7 * token.p})`;
  const tip = `p = ${token.p.toFixed(3)}\n` + token.top.map(c => `${JSON.stringify(c.text).padEnd(12)} ${c.p.toFixed(3)}`).join("\n");
  hover(span, tip);
  return span;
}

function hover(el, text) {
  const tooltip = $("tooltip");
  el.onmouseenter = e => { tooltip.textContent = text; tooltip.style.display = "block"; move(e); };
  el.onmousemove = e => move(e);
  el.onmouseleave = () => { tooltip.style.display = "none"; };
  function move(e) { tooltip.style.left = (e.clientX + 12) + "px"; tooltip.style.top = (e.clientY + 12) + "px"; }
}

// ---- per-token loss
async function tokenLoss() {
  try {
    showError("lossError", null);
    const text = $("lossText").value;
    const result = await api(`${base}/token-loss?` + new URLSearchParams(text ? {text} : {}));
    const out = $("lossOut");
    out.innerHTML = "";
    const scored = result.losses.filter(l => l !== null);
    const min = Math.min(...scored), range = Math.max(Math.max(...scored) - min, 1e-9);
    result.tokens.forEach((t, i) => {
      const span = document.createElement("span");
      span.textContent = t;
      span.className = "token";
      const loss = result.losses[i];
      if (loss !== null) {
        span.dataset.loss = loss;
        span.style.background = `rgba(214, 39, 40, ${0.08 + 0.8 * (loss - min) / range})`; // lowest to highest
        hover(span, `${JSON.stringify(t)}  loss ${loss.toFixed(3)} (p ${Math.exp(-loss).toFixed(3)})`);
      }
      out.appendChild(span);
    });
    $("lossMean").textContent = `mean loss ${result.mean.toFixed(3)} over ${result.tokens.length - 1} tokens` +
      (result.source === "validation" ? " of the validation split" : "");
  } catch (e) {
    showError("lossError", e);
  }
}

$("attGo").onclick = showAttention;
$("attLayer").onchange = showAttention;
$("attKind").onchange = () => {
  $("attLayer").value = "0"; // encoder and decoder may have different depths
  showAttention();
};
$("attHead").onchange = () => attention && drawAttention();
$("samGo").onclick = sample;
$("lossGo").onclick = tokenLoss;

let pending = null;
watchRuns(event => {
  if (event.changed.includes(runId) || ($("status") && event.statuses[runId] !== $("status").textContent)) {
    clearTimeout(pending);
    pending = setTimeout(loadRun, 100);
  }
});
loadRun();
