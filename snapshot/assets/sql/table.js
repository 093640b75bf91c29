// Results as a table and as CSV, for the SQL page and the usage pricing.

export function csvCell(value) {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, rows) {
  return [columns, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function drawTable(target, columns, rows, maxRows) {
  const table = document.createElement("table");
  table.className = "rows-and-columns";
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, maxRows)) {
    const tr = body.insertRow();
    for (const value of row) {
      const td = tr.insertCell();
      if (value === null) td.innerHTML = '<span class="null">&nbsp;</span>';
      else td.textContent = String(value);
    }
  }
  target.replaceChildren(table);
}

// A download link for `body`, replacing the one it offered before.
export function offer(link, body, type) {
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([body], { type }));
}
