// SQL on the snapshot's own almanac.db, run by SQLite's WebAssembly build in a worker. A query
// still running after the live site's time limit ends its worker, and a fresh one takes over, so
// a runaway query never freezes the page. Used by the SQL page and the dashboards.

const here = new URL(".", import.meta.url);
export const config = await (await fetch(new URL("queries.json", here))).json();

export function parameterNames(sql) {
  // Named parameters (:name) outside string literals, quoted names and comments.
  const bare = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g, " ");
  const names = [];
  for (const match of bare.matchAll(/(?<![:\w]):([A-Za-z_]\w*)/g)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

export async function openDatabase(onRestart = () => {}) {
  const response = await fetch(new URL(config.database, here));
  if (!response.ok) throw new Error(`the database file answered ${response.status}`);
  const bytes = await response.arrayBuffer();
  let worker = null;
  let ready = null;
  let lastId = 0;

  function start() {
    worker = new Worker(new URL("worker.js", here), { type: "module" });
    ready = new Promise((resolve, reject) => {
      worker.onmessage = (event) => (event.data.type === "ready" ? resolve() : reject(new Error(event.data.message)));
    });
    worker.postMessage({ type: "open", bytes: bytes.slice(0) });
    return ready;
  }

  // The worker runs one query at a time: queries asked for together (a dashboard's charts, the
  // names of a comparison) wait their turn, each under its own time limit.
  let queue = Promise.resolve();
  function run(sql, values = {}, limitMs = config.time_limit_ms) {
    const turn = queue.then(() => runNow(sql, values, limitMs));
    queue = turn.catch(() => {});
    return turn;
  }

  async function runNow(sql, values, limitMs) {
    // Only the parameters the SQL names are bound.
    await ready;
    const params = Object.fromEntries(parameterNames(sql).map((name) => [name, values[name] ?? ""]));
    const id = ++lastId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.terminate();
        reject(new Error(`Query stopped: it ran for more than ${limitMs / 1000} seconds, the limit for ${limitMs === config.time_limit_ms ? "any query. Simplify it or add a limit." : "this work."}`));
        start().then(onRestart);
      }, limitMs);
      worker.onmessage = (event) => {
        if (event.data.id !== id) return;
        clearTimeout(timer);
        if (event.data.type === "result") resolve(event.data);
        else reject(new Error(event.data.message));
      };
      worker.postMessage({ type: "run", id, sql, params });
    });
  }

  await start();
  return { run };
}

export function asObjects(columns, rows) {
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
}
