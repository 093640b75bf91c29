// Runs SQL for the SQL page, off its main thread: the page ends this worker when a query takes
// too long and starts another, so a runaway query never freezes the page.
import sqlite3InitModule from "./vendor/index.mjs";

const ready = sqlite3InitModule({ print: () => {}, printErr: () => {} });
let db = null;

function plain(value) {
  // Values that structured cloning and JSON both carry: 64-bit integers beyond 2^53 as text,
  // blobs as a note of their size.
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  if (value instanceof Uint8Array) {
    return `<binary: ${value.length} bytes>`;
  }
  return value;
}

async function open(bytes) {
  const sqlite3 = await ready;
  const data = new Uint8Array(bytes);
  const pointer = sqlite3.wasm.allocFromTypedArray(data);
  db = new sqlite3.oo1.DB();
  const { capi } = sqlite3;
  db.checkRc(capi.sqlite3_deserialize(db.pointer, "main", pointer, data.length, data.length,
    capi.SQLITE_DESERIALIZE_FREEONCLOSE | capi.SQLITE_DESERIALIZE_READONLY));
  db.exec("pragma query_only = 1");
}

function run(sql, params) {
  const columns = [];
  const rows = [];
  const bind = Object.keys(params).length
    ? Object.fromEntries(Object.entries(params).map(([name, value]) => [":" + name, value]))
    : undefined;
  db.exec({ sql, bind, rowMode: "array", resultRows: rows, columnNames: columns });
  return { columns, rows: rows.map((row) => row.map(plain)) };
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "open") {
      await open(message.bytes);
      self.postMessage({ type: "ready" });
    } else if (message.type === "run") {
      self.postMessage({ type: "result", id: message.id, ...run(message.sql, message.params) });
    }
  } catch (error) {
    self.postMessage({ type: "error", id: message.id, message: String(error && error.message || error) });
  }
};
