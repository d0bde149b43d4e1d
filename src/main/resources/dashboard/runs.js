// The runs page: every run in a sortable table; pick up to 8 to compare. Refreshes itself when
// the server reports new log lines, new runs or a status change.
"use strict";

const MAX_SELECTED = 8;
const COLUMNS = [
  {key: "name", label: "name", text: true},
  {key: "kind", label: "model", text: true},
  {key: "parameters", label: "parameters", format: si},
  {key: "tokens", label: "tokens", format: si},
  {key: "steps", label: "steps", format: fmt},
  {key: "lastValLoss", label: "last val loss", format: v => fmt(v)},
  {key: "bestValLoss", label: "best val loss", format: v => fmt(v)},
  {key: "perplexity", label: "perplexity", format: v => fmt(v)},
  {key: "accuracy", label: "accuracy", format: v => fmt(v, 3)},
  {key: "totalFlops", label: "compute (FLOPs)", format: si},
  {key: "tokensPerSec", label: "tokens/s", format: v => fmt(v && Math.round(v))},
  {key: "wallTime", label: "wall time", format: duration},
  {key: "status", label: "status", text: true},
];

let runs = [];
let sortKey = "name", sortDescending = false;
const selected = new Set();

async function load() {
  try {
    runs = (await api("api/runs")).runs;
    showError("error", null);
    render();
  } catch (e) {
    showError("error", e);
  }
}

function render() {
  const thead = document.querySelector("#runs thead");
  thead.innerHTML = "<tr><th></th>" + COLUMNS.map(c =>
    `<th class="${c.text ? "text" : ""}" data-key="${c.key}">${c.label}${c.key === sortKey ? (sortDescending ? " ▼" : " ▲") : ""}</th>`).join("") + "</tr>";
  thead.querySelectorAll("th[data-key]").forEach(th => th.onclick = () => {
    sortDescending = th.dataset.key === sortKey ? !sortDescending : false;
    sortKey = th.dataset.key;
    render();
  });
  const sorted = [...runs].sort((a, b) => compare(a[sortKey], b[sortKey]) * (sortDescending ? -1 : 1));
  const tbody = document.querySelector("#runs tbody");
  tbody.innerHTML = "";
  for (const run of sorted) {
    const tr = document.createElement("tr");
    tr.dataset.run = run.id;
    const box = `<td><input type="checkbox" ${selected.has(run.id) ? "checked" : ""}></td>`;
    tr.innerHTML = box + COLUMNS.map(c => {
      const v = run[c.key];
      if (c.key === "name") return `<td class="text"><a href="run.html?run=${encodeURIComponent(run.id)}">${escapeHtml(v)}</a></td>`;
      if (c.key === "status") return `<td class="text"><span class="status ${v}">${v}</span></td>`;
      return `<td class="${c.text ? "text" : ""}" data-key="${c.key}">${c.text ? escapeHtml(v ?? "–") : c.format(v)}</td>`;
    }).join("");
    tr.querySelector("input").onchange = e => toggle(run.id, e.target);
    tbody.appendChild(tr);
  }
  document.getElementById("empty").hidden = runs.length > 0;
  updateSelection();
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === "number" ? a - b : String(a).localeCompare(String(b));
}

function toggle(id, box) {
  if (box.checked && selected.size >= MAX_SELECTED) {
    box.checked = false;
    showError("error", `at most ${MAX_SELECTED} runs can be compared`);
    return;
  }
  box.checked ? selected.add(id) : selected.delete(id);
  updateSelection();
}

function updateSelection() {
  for (const id of [...selected]) if (!runs.some(r => r.id === id)) selected.delete(id);
  const button = document.getElementById("compare");
  button.disabled = selected.size === 0;
  document.getElementById("selected").textContent =
    selected.size ? `${selected.size} selected` : `select up to ${MAX_SELECTED} runs to compare`;
}

document.getElementById("compare").onclick = () => {
  location.href = "compare.html?runs=" + [...selected].map(encodeURIComponent).join(",");
};

load();
watchRuns(() => load());
