// The models overview: filter and sort the rows in the browser. The filters live in the query
// string (?maker=OpenAI&open=1), so a link or a static copy of the page keeps them.
(function () {
  "use strict";
  function ready() {
    var form = document.getElementById("model-filters");
    var table = document.getElementById("models");
    if (!form || !table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);

    function values() {
      var data = {};
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value !== undefined && el.tagName !== "OUTPUT") data[el.name] = el.value.trim();
      });
      return data;
    }

    function keep(row, f) {
      var d = row.dataset;
      if (f.q && d.name.indexOf(f.q.toLowerCase()) < 0) return false;
      if (f.maker && d.maker !== f.maker) return false;
      if (f.open && d.open !== f.open) return false;
      if (f.reasoning && d.reasoning !== f.reasoning) return false;
      if (f.takes && (" " + d.takes + " ").indexOf(" " + f.takes + " ") < 0) return false;
      if (f.after && d.released < f.after) return false;
      if (f.max_input) {
        if (d.inputUsd === "" || parseFloat(d.inputUsd) > parseFloat(f.max_input)) return false;
      }
      return true;
    }

    function apply(remember) {
      var f = values();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = keep(row, f);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      form.elements.shown.value = shown + " of " + rows.length + " shown";
      if (remember) {
        var params = new URLSearchParams();
        Object.keys(f).forEach(function (key) { if (f[key]) params.set(key, f[key]); });
        var query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      }
    }

    function sortBy(th) {
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.dataset.sort === "number";
      var descending = th.getAttribute("aria-sort") !== "descending";
      Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      function key(row) {
        var cell = row.cells[index];
        var value = cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent.trim().toLowerCase();
        return numeric ? (value === "" ? null : parseFloat(value)) : value;
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) return 0;
        if (x === null) return 1; // rows without a value go last either way
        if (y === null) return -1;
        return (x < y ? -1 : 1) * (descending ? -1 : 1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }

    new URLSearchParams(location.search).forEach(function (value, key) {
      if (form.elements[key]) form.elements[key].value = value;
    });
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.tabIndex = 0;
      th.title = "Sort by " + th.textContent;
      th.addEventListener("click", function () { sortBy(th); });
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sortBy(th); });
    });
    apply(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
