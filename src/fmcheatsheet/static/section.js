// A section's full list, reordered in place by the sort menu. The server writes each card's
// sort keys in data-sort ("citations|released|verified"), so no data is fetched.
const list = document.getElementById("all-resources");
const select = document.getElementById("section-sort");

if (list && select) {
  const cards = Array.from(list.children, (card) => {
    const [cited, released, verified] = card.dataset.sort.split("|");
    const name = card.querySelector(".card-title").textContent.toLowerCase();
    return { card, cited: Number(cited), released, verified, name };
  });
  const order = {
    // most first; ties keep the page's order (featured, then name)
    cited: (a, b) => b.cited - a.cited,
    released: (a, b) => b.released.localeCompare(a.released),
    verified: (a, b) => b.verified.localeCompare(a.verified),
    name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  };
  select.addEventListener("change", () => {
    const compare = order[select.value];
    list.replaceChildren(...(compare ? cards.slice().sort(compare) : cards).map((c) => c.card));
  });
}
