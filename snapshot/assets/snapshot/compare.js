// The compare page of the static snapshot. The snapshot holds one page per model
// (compare/models=<id>/index.html, the live page for that model alone); the models asked for, in
// the query string the form sends (a static host answers compare/index.html?models=... with this
// page) or in the fragment links use (#models=a,b), are put side by side here from those pages:
// their table columns joined and their chart rows drawn as one chart.

const MAX_MODELS = 6; // as on the live page (templates/pages/compare.html)
const form = document.querySelector("form[data-snapshot='compare']");
const results = document.getElementById("compare-results");
const databaseName = document.querySelector("script[data-database]").dataset.database;
// The one SQL by which the live page resolves a name (queries/model_overview.sql).
const RESOLVE = "select model_id from name_lookup where name = lower(trim(:model)) order by rank <> 2, rank, used_by limit 1";

function askedNames() {
  const values = new URLSearchParams(location.search).getAll("models");
  values.push(...new URLSearchParams(location.hash.slice(1)).getAll("models"));
  return values.flatMap((value) => value.split(",")).map((name) => name.trim()).filter(Boolean).slice(0, MAX_MODELS);
}

// The folder name the snapshot gives an address's arguments (snapshot/urls.py, escape).
function segment(id) {
  const escaped = [...id].map((c) => (/^[A-Za-z0-9._-]$/.test(c) ? c : [...new TextEncoder().encode(c)].map((b) => "~" + b.toString(16).toUpperCase().padStart(2, "0")).join("")));
  return "models=" + escaped.join("");
}

async function resolve(name) {
  const wanted = name.toLowerCase();
  for (const option of document.querySelectorAll("#almanac-model-names option")) {
    if (option.value.toLowerCase() === wanted || option.textContent.toLowerCase() === wanted) return option.textContent;
  }
  // An alias or a snapshot's name: the snapshot's own database, in the browser.
  const url = new URL(`../${databaseName}.json`, location.href);
  url.search = new URLSearchParams({ sql: RESOLVE, model: name, _shape: "array" });
  const rows = await (await fetch(url)).json();
  return Array.isArray(rows) && rows.length ? rows[0].model_id : null;
}

async function columnPage(id) {
  const address = new URL(`${segment(id)}/index.html`, new URL(form.getAttribute("action"), location.href));
  const response = await fetch(address);
  if (!response.ok) return null;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  // Links of that page are relative to its folder: made absolute, they lead to the same files.
  page.querySelectorAll("[href]").forEach((link) => link.setAttribute("href", new URL(link.getAttribute("href"), address).href));
  return page.getElementById("compare-results");
}

function markUnknown(index, name) {
  const input = document.getElementById(`compare-${index}`);
  const problem = document.createElement("span");
  problem.className = "almanac-problem";
  problem.id = `compare-${index}-problem`;
  problem.textContent = `no model, name or alias ${name} is known`;
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", problem.id);
  input.parentElement.classList.add("almanac-field-problem");
  input.after(problem);
}

function sideBySide(columns) {
  const [first, ...others] = columns;
  const table = first.querySelector("table.almanac-compare");
  const rows = [...table.rows];
  for (const other of others) {
    [...other.querySelector("table.almanac-compare").rows].forEach((row, index) => {
      [...row.cells].slice(1).forEach((cell) => rows[index].append(cell));
    });
  }
  const chart = first.querySelector("script[data-chart-for]");
  if (chart) {
    const merged = JSON.parse(chart.textContent);
    for (const other of others) {
      const block = other.querySelector("script[data-chart-for]");
      if (block) merged.rows.push(...JSON.parse(block.textContent).rows);
    }
    chart.textContent = JSON.stringify(merged);
  }
  // The prompt for a second model belongs to a page of one.
  first.querySelectorAll(":scope > .almanac-note:first-child").forEach((note) => note.remove());
  return first;
}

async function compare() {
  const names = askedNames();
  if (!names.length) return;
  names.forEach((name, index) => (document.getElementById(`compare-${index}`).value = name));
  const ids = await Promise.all(names.map(resolve));
  const columns = [];
  const seen = new Set();
  for (const [index, id] of ids.entries()) {
    if (id && seen.has(id)) continue;
    const column = id ? await columnPage(id) : null;
    if (!column) markUnknown(index, names[index]);
    else columns.push(column);
    seen.add(id);
  }
  if (!columns.length) return;
  results.replaceWith(columns.length === 1 ? columns[0] : sideBySide(columns));
  window.almanacDrawCharts && window.almanacDrawCharts();
}

compare();
window.addEventListener("hashchange", () => location.reload());
