// Loaded first by every page of the static snapshot.
(function () {
  const script = document.currentScript;
  const databaseName = script.dataset.database;
  const client = new URL("../sql/client.js", script.src);
  const nativeFetch = window.fetch.bind(window);
  let opening = null;

  // A page that fetches SQL results from the server (`/<database>.json?sql=...`, as charts and
  // tools built on Datasette's JSON API do) gets them from the snapshot's own database, run in
  // the browser, in the shape it asked for.
  async function answer(url) {
    const { asObjects, openDatabase } = await import(client);
    opening = opening || openDatabase();
    const database = await opening;
    const values = Object.fromEntries([...url.searchParams].filter(([key]) => !key.startsWith("_") && key !== "sql"));
    let body;
    try {
      const { columns, rows } = await database.run(url.searchParams.get("sql"), values);
      const shape = url.searchParams.get("_shape");
      if (shape === "array") body = asObjects(columns, rows);
      else if (shape === "objects") body = { ok: true, columns, rows: asObjects(columns, rows), truncated: false };
      else body = { ok: true, columns, rows, truncated: false };
    } catch (error) {
      return new Response(JSON.stringify({ ok: false, error: error.message, status: 400 }), { status: 400, headers: { "content-type": "application/json" } });
    }
    return new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });
  }

  window.fetch = (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, location.href);
    const sqlOfThisSite = url.origin === location.origin && url.pathname.endsWith(`/${databaseName}.json`) && url.searchParams.has("sql");
    return sqlOfThisSite ? answer(url) : nativeFetch(input, init);
  };

  // The compare page puts the models asked for side by side from pages of one model each.
  document.addEventListener("DOMContentLoaded", () => {
    if (document.querySelector("form[data-snapshot='compare']")) import(new URL("compare.js", script.src));
  });

  // A link that opens the page it is on as a datasette-vega chart (its settings in the fragment,
  // "#g.mark=...") makes the live site load the page again, through an extra query parameter; a
  // static file takes none, so the snapshot reloads the page instead.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href*='#g.']");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = new URL(link.href);
    if (target.origin + target.pathname !== location.origin + location.pathname) return;
    event.preventDefault();
    location.hash = target.hash;
    location.reload();
  });
})();
