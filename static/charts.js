// Draws every chart a page declares in a <script type="application/json" data-chart-for=id>
// block (templates/_charts.html): a Vega-Lite spec and the rows it plots, sized to the page.
(function () {
  "use strict";
  // Below this width (a phone) legends list one entry a line instead of several.
  var NARROW = 560;
  function draw() {
    if (typeof vegaEmbed === "undefined") return;
    document.querySelectorAll("script[data-chart-for]").forEach(function (block) {
      var chart = JSON.parse(block.textContent);
      var spec = Object.assign(
        { width: "container", height: 260, config: { background: null }, data: { values: chart.rows } },
        chart.spec
      );
      var target = document.getElementById(block.getAttribute("data-chart-for"));
      var legend = spec.encoding && spec.encoding.color && spec.encoding.color.legend;
      if (legend && target.clientWidth < NARROW) legend.columns = 1;  // a phone: one entry a line
      vegaEmbed(target, spec, { actions: false });
    });
  }
  // Pages that build their content in the browser (the snapshot's compare page) draw it again.
  window.almanacDrawCharts = draw;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
