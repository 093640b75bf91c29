// The static snapshot's dashboards: each chart reads the rows written for it when the snapshot
// was made (with the dashboard's default filters) instead of asking the server to run its SQL.
// datasette-dashboards calls getDataUrl(chart, query_string, absolute_url) for every chart.
window.getDataUrl = function (chart) {
  return window.SNAPSHOT_CHART_DATA[chart.query];
};
