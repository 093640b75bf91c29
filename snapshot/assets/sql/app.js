// The snapshot's SQL page: read-only SQL on the snapshot's own almanac.db, run by SQLite's
// WebAssembly build in a worker. The address carries what to run, after "?" (a form sent here)
// or "#" (a link): sql=..., _query=<canned query>, and one value per named parameter.

import { asObjects, config, openDatabase, parameterNames } from "./client.js";
import { setUpPricing } from "./pricing.js";
import { drawTable, offer, toCsv } from "./table.js";

const $ = (id) => document.getElementById(id);
const queries = new Map(config.queries.map((query) => [query.name, query]));
let database = null;

function status(text) {
  $("status").textContent = text;
}

function showError(text) {
  $("message").textContent = text;
  $("message").hidden = !text;
}

function drawParameters(values) {
  const box = $("parameters");
  const query = queries.get($("canned").value);
  const specs = new Map((query ? query.parameters : []).map((spec) => [spec.name, spec]));
  box.replaceChildren();
  for (const name of parameterNames($("sql").value)) {
    const spec = specs.get(name) || { default: "", description: "" };
    const p = document.createElement("p");
    const label = document.createElement("label");
    label.htmlFor = "param-" + name;
    label.textContent = name;
    const input = document.createElement("input");
    input.id = "param-" + name;
    input.name = name;
    input.dataset.default = spec.default;
    input.value = values[name] || spec.default;
    p.append(label, " ", input);
    if (spec.description) p.append(" " + spec.description);
    box.append(p);
  }
}

function chooseQuery(name, values) {
  const query = queries.get(name);
  $("canned").value = query ? name : "";
  $("canned-description").textContent = query ? query.title : "";
  if (query) $("sql").value = query.sql;
  drawParameters(values);
}

function currentParameters() {
  // An empty value takes the query's default, as on the live site.
  const params = {};
  for (const input of $("parameters").querySelectorAll("input")) {
    params[input.name] = input.value.trim() === "" ? input.dataset.default : input.value;
  }
  return params;
}

function offerDownloads(columns, rows) {
  offer($("download-json"), JSON.stringify(asObjects(columns, rows), null, 1), "application/json");
  offer($("download-csv"), toCsv(columns, rows), "text/csv");
  $("downloads").hidden = false;
}

async function run() {
  const sql = $("sql").value.trim();
  if (!sql) return;
  showError("");
  $("run").disabled = true;
  status("Running…");
  const started = performance.now();
  try {
    const { columns, rows } = await database.run(sql, currentParameters());
    const ms = Math.round(performance.now() - started);
    const more = rows.length > config.max_rows ? `; the first ${config.max_rows.toLocaleString()} shown, all of them in the downloads` : "";
    status(`${rows.length.toLocaleString()} row${rows.length === 1 ? "" : "s"} in ${ms} ms${more}.`);
    drawTable($("results"), columns, rows, config.max_rows);
    offerDownloads(columns, rows);
  } catch (error) {
    status("");
    showError(error.message);
    $("results").replaceChildren();
    $("downloads").hidden = true;
  } finally {
    $("run").disabled = false;
  }
}

function fromAddress() {
  const args = new URLSearchParams(location.search);
  for (const [key, value] of new URLSearchParams(location.hash.slice(1))) args.set(key, value);
  const values = Object.fromEntries([...args].filter(([key]) => key !== "sql" && key !== "_query"));
  if (args.get("_query")) chooseQuery(args.get("_query"), values);
  else {
    $("sql").value = args.get("sql") || "select name, organization_id, release_date from models order by release_date desc limit 20";
    drawParameters(values);
  }
  return args.has("sql") || args.has("_query");
}

for (const query of config.queries) {
  const option = document.createElement("option");
  option.value = query.name;
  option.textContent = `${query.name}: ${query.title}`;
  $("canned").append(option);
}
$("time-limit").textContent = String(config.time_limit_ms / 1000);
$("canned").addEventListener("change", () => chooseQuery($("canned").value, {}));
$("sql").addEventListener("input", () => drawParameters(currentParameters()));
$("sql-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
const runNow = fromAddress();
try {
  database = await openDatabase(() => status("Ready."));
  status("Ready.");
  $("run").disabled = false;
  setUpPricing(database);
  if (runNow) run();
} catch (error) {
  status("");
  showError(`The database could not be opened: ${error.message}. Open this page over HTTP (a browser does not let a page read files from file://).`);
}
