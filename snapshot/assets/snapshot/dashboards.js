// The static snapshot's dashboards. datasette-dashboards asks the server to run each chart's SQL
// (getDataUrl gives the address); here each chart first reads the rows written for it with the
// dashboard's default filters, and when the filters are changed, the charts' SQL runs in the
// browser on the snapshot's own database (../sql/client.js) and the charts are drawn again.
(function () {
  const client = new URL("../sql/client.js", document.currentScript.src);
  const drawChart = window.renderChart;
  const charts = [];
  let database = null;

  window.getDataUrl = (chart) => window.SNAPSHOT_CHART_DATA[chart.query];
  window.renderChart = (slug, chart, queryString, absoluteUrl, fullHeight) => {
    charts.push({ slug, chart, fullHeight });
    return drawChart(slug, chart, queryString, absoluteUrl, fullHeight);
  };

  async function redraw(form, status) {
    const values = Object.fromEntries(new FormData(form));
    status.textContent = "Running the charts' SQL in your browser…";
    try {
      const { asObjects, openDatabase } = await import(client);
      database = database || (await openDatabase());
      for (const { slug, chart, fullHeight } of charts) {
        const { columns, rows } = await database.run(chart.query, values);
        const body = JSON.stringify({ rows: asObjects(columns, rows), truncated: false });
        URL.revokeObjectURL(window.SNAPSHOT_CHART_DATA[chart.query]);
        window.SNAPSHOT_CHART_DATA[chart.query] = URL.createObjectURL(new Blob([body], { type: "application/json" }));
        document.getElementById(`chart-${slug}`).replaceChildren();
        await drawChart(slug, chart, "", "", fullHeight);
      }
      status.textContent = "Drawn in your browser with these filters.";
    } catch (error) {
      status.textContent = `The charts could not be drawn: ${error.message}`;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form[data-snapshot=dashboard-filters]");
    if (!form) return;
    const status = document.createElement("p");
    status.className = "snapshot-note";
    status.setAttribute("role", "status");
    status.textContent = "In this static snapshot, changed filters are applied in your browser.";
    form.after(status);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      redraw(form, status);
    });
  });
})();
