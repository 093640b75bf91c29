// The static snapshot's pages. A link that opens the page it is on as a datasette-vega chart
// (its settings in the fragment, "#g.mark=...") makes the live site load the page again, through
// an extra query parameter; a static file takes none, so the snapshot reloads the page instead.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[href*='#g.']");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = new URL(link.href);
  if (target.origin + target.pathname !== location.origin + location.pathname) return;
  event.preventDefault();
  location.hash = target.hash;
  location.reload();
});
