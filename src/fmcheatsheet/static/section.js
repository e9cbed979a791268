// A section's full list, reordered in place by the sort menu (the server writes each card's
// sort keys as data attributes, so no data is fetched).
const list = document.getElementById("all-resources");
const select = document.getElementById("section-sort");

if (list && select) {
  const original = Array.from(list.children);
  const order = {
    // most first; ties keep the page's order (featured, then name)
    cited: (a, b) => Number(b.dataset.cited) - Number(a.dataset.cited),
    released: (a, b) => b.dataset.released.localeCompare(a.dataset.released),
    verified: (a, b) => b.dataset.verified.localeCompare(a.dataset.verified),
    name: (a, b) => (a.dataset.name < b.dataset.name ? -1 : a.dataset.name > b.dataset.name ? 1 : 0),
  };
  select.addEventListener("change", () => {
    const compare = order[select.value];
    list.replaceChildren(...(compare ? original.slice().sort(compare) : original));
  });
}
