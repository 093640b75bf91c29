// The chart of a canned query, drawn from the rows of the page (a JSON block written by
// templates/query.html) with the Vega-Lite build served by the instance itself.
(function () {
  "use strict";
  // Series beyond this many share one colour, "other", so the legend fits beside the chart.
  var MAX_SERIES = 8;
  // Bars beyond this many would be too thin to read on a laptop; the table has every row.
  var MAX_BARS = 30;
  // Below this width (a phone) legends list one entry a line instead of several.
  var NARROW = 560;

  function draw() {
    var holder = document.getElementById("almanac-query-chart-data");
    if (!holder || typeof vegaEmbed === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var chart = data.chart, options = data.options || {};
    function label(column) { return data.labels[data.columns.indexOf(column)] || column; }
    var values = data.rows.map(function (row) {
      var record = {};
      data.columns.forEach(function (column, i) { record[column] = row[i]; });
      return record;
    }).filter(function (record) {
      var y = record[chart.y_column];
      return y !== null && y !== "" && (options.y_scale !== "log" || y > 0);
    });
    var note = "";
    if (chart.mark === "bar" && chart.x_type !== "temporal" && values.length > MAX_BARS) {
      values = values.slice(0, MAX_BARS);
      note = "The first " + MAX_BARS + " rows of the table.";
    }
    var x = { field: chart.x_column, type: chart.x_type, title: options.x_title || label(chart.x_column) };
    if (chart.x_type === "temporal") x.axis = { format: "%b %Y", labelAngle: 0, tickCount: 6 };
    else x.sort = null;  // keep the order of the table
    var y = { field: chart.y_column, type: chart.y_type, title: options.y_title || label(chart.y_column) };
    if (options.y_scale === "log") y.scale = { type: "log" };
    var spec = {
      width: "container", height: 280, autosize: { type: "fit", contains: "padding" },
      config: { background: null, legend: { orient: "bottom", columns: 4, labelLimit: 160 } },
      data: { values: values },
      mark: { type: chart.mark, tooltip: true, point: chart.mark === "line" },
      encoding: { x: x, y: y }
    };
    if (chart.color_column) {
      var totals = {};
      values.forEach(function (record) {
        var key = record[chart.color_column];
        totals[key] = (totals[key] || 0) + 1;
      });
      var keys = Object.keys(totals).sort(function (a, b) { return totals[b] - totals[a]; });
      if (keys.length > MAX_SERIES) {
        var kept = {};
        keys.slice(0, MAX_SERIES - 1).forEach(function (key) { kept[key] = true; });
        values.forEach(function (record) { if (!kept[record[chart.color_column]]) record[chart.color_column] = "other"; });
      }
      spec.encoding.color = { field: chart.color_column, type: "nominal", title: label(chart.color_column) };
    }
    var target = document.getElementById("almanac-query-chart");
    if (target.clientWidth < NARROW) spec.config.legend.columns = 1;  // a phone: one entry a line
    vegaEmbed(target, spec, { actions: false });
    if (note) {
      var caption = document.createElement("figcaption");
      caption.textContent = note;
      document.getElementById("almanac-query-chart").parentNode.appendChild(caption);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
