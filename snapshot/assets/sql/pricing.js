// Prices a usage log in the page: the CSV is read and checked here by almanac/usage_format.json
// (the rules and messages of `python -m almanac.price`), then priced by the same SQL
// (almanac/price_log.sql, which includes almanac/price_usage.sql) on the snapshot's own database.
// Nothing is uploaded.

import { config } from "./client.js";
import { drawTable, offer, toCsv } from "./table.js";

const $ = (id) => document.getElementById(id);
const { format, sql } = config.pricing;
const COLUMNS = new Map(format.columns.map((column) => [column.name, column]));
// A year of daily rows for a dozen models is a few thousand lines, well under 1 MB; a log past
// this is for `python -m almanac.price`, which has no such limit.
const MAX_BYTES = 5_000_000;
// Pricing thousands of rows takes longer than one query may; still bounded, so a huge log never
// holds the page.
const PRICING_LIMIT_MS = 30_000;
const MAX_TOKENS = 10 ** 15; // as in almanac/price.py
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// RFC 4180 rows: quoted cells may hold commas, quotes ("") and line breaks.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell), rows.push(row), (row = []), (cell = "");
    } else cell += c;
  }
  if (cell !== "" || row.length) row.push(cell), rows.push(row);
  return rows;
}

function parseValue(spec, text) {
  if (text === "") {
    if (spec.required) throw new Error("is empty");
    return spec.default ?? null;
  }
  if (spec.type === "date") {
    if (!DAY.test(text)) throw new Error(`expected a day written YYYY-MM-DD, got '${text}'`);
    const day = new Date(text + "T00:00:00Z");
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) throw new Error(`'${text}' is not a real day`);
    return text;
  }
  if (spec.type === "integer") {
    if (!/^\d+$/.test(text) || Number(text) > MAX_TOKENS) throw new Error(`expected a whole number of 0 or more (no signs, separators or units), got '${text}'`);
    const value = Number(text);
    if (value < (spec.minimum ?? 0)) throw new Error(`expected at least ${spec.minimum}, got '${text}'`);
    return value;
  }
  if (spec.type === "slug" && !SLUG.test(text)) throw new Error(`expected an organization id such as openai, got '${text}'`);
  if (spec.type === "choice" && !spec.choices.includes(text)) throw new Error(`expected one of ${spec.choices.join(", ")}, got '${text}'`);
  return text;
}

// {header, rows: [{line, raw, ...values}]} or throws with every problem, each naming its line.
export function readUsage(name, text) {
  const table = parseCsv(text.replace(/^\uFEFF/, ""));
  const header = (table[0] || []).map((cell) => cell.trim());
  const problems = [];
  for (const [column, spec] of COLUMNS) if (spec.required && !header.includes(column)) problems.push(`${name}:1: missing column '${column}'`);
  header.forEach((column, index) => {
    if (!COLUMNS.has(column)) problems.push(`${name}:1: unknown column '${column}' (the columns are ${[...COLUMNS.keys()].join(", ")})`);
    else if (header.indexOf(column) !== index) problems.push(`${name}:1: column '${column}' appears more than once`);
  });
  if (problems.length) throw new UsageError([...new Set(problems)]);
  const rows = [];
  table.slice(1).forEach((cells, index) => {
    const line = index + 2;
    if (!cells.some((cell) => cell.trim())) return;
    if (cells.length !== header.length) return problems.push(`${name}:${line}: expected ${header.length} values, one per column, got ${cells.length}`);
    const row = { line, raw: cells };
    for (const [column, spec] of COLUMNS) {
      const text = header.includes(column) ? cells[header.indexOf(column)].trim() : "";
      try {
        row[column] = parseValue(spec, text);
      } catch (error) {
        problems.push(`${name}:${line}: column '${column}': ${error.message}`);
      }
    }
    const { input_tokens: input, cached_input_tokens: cached, cache_write_tokens: written } = row;
    if ([input, cached, written].every(Number.isInteger) && cached + written > input) {
      problems.push(`${name}:${line}: column 'cached_input_tokens': cached_input_tokens + cache_write_tokens (${cached + written}) is more than input_tokens (${input}), which counts them`);
    }
    rows.push(row);
  });
  if (problems.length) throw new UsageError(problems);
  return { header, rows };
}

class UsageError extends Error {
  constructor(problems) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}

async function priceLog(database, name, text) {
  const { header, rows } = readUsage(name, text);
  const log = rows.map((row) => Object.fromEntries(["line", ...COLUMNS.keys()].map((column) => [column, row[column]])));
  const result = await database.run(sql, { log: JSON.stringify(log) }, PRICING_LIMIT_MS);
  const byLine = new Map(result.rows.map((values) => [values[result.columns.indexOf("line")], values]));
  const columns = [...header, ...format.output];
  const priced = rows.map((row) => {
    const values = byLine.get(row.line);
    return [...row.raw, ...format.output.map((column) => values[result.columns.indexOf(column)])];
  });
  const costColumn = columns.indexOf("cost_usd");
  const total = priced.reduce((sum, row) => sum + (row[costColumn] || 0), 0);
  const unpriced = priced.filter((row) => row[columns.indexOf("priced")] !== "yes").length;
  return { columns, priced, summary: `Total: $${total.toFixed(6)} for ${rows.length - unpriced} of ${rows.length} rows priced; ${unpriced} not priced (see their reason column).` };
}

export function setUpPricing(database) {
  const form = $("pricing-form");
  $("usage-columns").textContent = format.columns.map((c) => c.name + (c.required ? "" : " (optional)")).join(", ");
  $("price").disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = $("usage-file").files[0];
    const text = file ? await file.text() : $("usage-text").value;
    const name = file ? file.name : "the pasted log";
    $("pricing-message").hidden = true;
    $("pricing-results").replaceChildren();
    $("pricing-downloads").hidden = true;
    if (!text.trim()) return;
    if (text.length > MAX_BYTES) return showProblem(`${name} is larger than ${MAX_BYTES / 1e6} MB: price it with python -m almanac.price.`);
    $("price").disabled = true;
    $("pricing-status").textContent = "Pricing…";
    try {
      const { columns, priced, summary } = await priceLog(database, name, text);
      $("pricing-status").textContent = summary;
      drawTable($("pricing-results"), columns, priced, config.max_rows);
      offer($("download-priced"), toCsv(columns, priced), "text/csv");
      $("pricing-downloads").hidden = false;
    } catch (error) {
      $("pricing-status").textContent = "";
      showProblem(error.message);
    } finally {
      $("price").disabled = false;
    }
  });
}

function showProblem(text) {
  $("pricing-message").textContent = text;
  $("pricing-message").hidden = false;
}
