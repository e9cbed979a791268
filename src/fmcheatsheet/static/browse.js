// The browse page: wires the rules of browse-core.js to the page. Filters, sort and query
// live in the URL; results update as you type; on narrow screens the filters open as a
// panel from a "Filters (n active)" button; the rows on screen can be downloaded.
import { enhanceCards } from "./compare-select.js";
import {
  activeFilters,
  countFacets,
  emptyState,
  filterDocs,
  isEmpty,
  readState,
  sortDocs,
  stateToQuery,
  toBibtex,
  toCsv,
  toJson,
} from "./browse-core.js";

const root = document.body.dataset.root || "./";
const sprite = document.body.dataset.icons || `${root}static/icons.svg`;
const SVG = "http://www.w3.org/2000/svg";
const ADDRESS_DELAY_MS = 300;

function icon(name) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  const use = document.createElementNS(SVG, "use");
  use.setAttribute("href", `${sprite}#i-${name}`);
  svg.append(use);
  return svg;
}

// The same markup as the resource_card macro in templates/_macros.html.
function card(doc, short) {
  const kind = el("p", { class: "card-kind" }, el("span", { class: "kind" }, icon(doc.type), doc.type));
  for (const modality of doc.modalities) kind.append(" ", el("span", { class: "kind kind-soft" }, icon(modality), modality));
  if (doc.status !== "active") kind.append(" ", el("span", { class: "chip chip-warn" }, icon("warning"), doc.status));
  const licence = doc.licence_class !== "unknown" ? doc.licence_class : "licence unknown";
  const facts = el(
    "p",
    { class: "card-facts" },
    el("span", { class: "chip" }, icon("license"), licence),
    " ",
    el("span", { class: `chip use-${doc.commercial_use}` }, icon("commercial"), short[doc.commercial_use]),
  );
  if (doc.access) facts.append(" ", el("span", { class: "chip" }, icon(doc.access), doc.access));
  if (doc.released) facts.append(" ", el("span", { class: "fact" }, doc.released.slice(0, 4)));
  facts.append(" ", el("span", { class: "fact" }, doc.verified ? `verified ${doc.verified.slice(0, 7)}` : "not yet verified"));
  return el(
    "li",
    { class: doc.status !== "active" ? `card card-${doc.status}` : "card" },
    el("h3", { class: "card-title" }, el("a", { href: `${root}resources/${encodeURIComponent(doc.id)}/` }, doc.name)),
    kind,
    el("p", { class: "card-text" }, doc.description),
    facts,
  );
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

let el = null; // app.js's element helper, given to setUpBrowse

export function setUpBrowse({ loadCatalog, needVectors, input, element }) {
  el = element;
  const form = document.getElementById("filters");
  const results = document.getElementById("results");
  const status = document.getElementById("result-status");
  const more = document.getElementById("show-more");
  const toggle = document.getElementById("filters-toggle");
  const active = document.getElementById("filters-active");
  // The facets come with the data; until it arrives, the form's own fieldsets name them.
  let facets = Array.from(form.querySelectorAll("fieldset[data-facet]"), (f) => ({ name: f.dataset.facet, field: null }));
  let pageSize = results.children.length || 1;
  let state = readState(window.location.search, facets);
  let pages = 0;
  let current = null; // null: the server-rendered first page is still on screen
  // Each resource's card is built once and moved into place on later renders: typing and clearing
  // the search box mostly shows cards already built, and building 60 cards costs more than ranking.
  const built = new Map();
  const cardOf = (doc, short) => {
    if (!built.has(doc.id)) built.set(doc.id, card(doc, short));
    return built.get(doc.id);
  };

  function syncControls() {
    input.value = state.q;
    for (const box of form.querySelectorAll("input[type=checkbox]:not([name=hide]):not([name=retired])")) {
      box.checked = state[box.name].includes(box.value);
    }
    form.elements.sort.value = state.sort;
    form.elements.from.value = state.from;
    form.elements.to.value = state.to;
    form.elements.hide.checked = Boolean(state.hide);
    form.elements.retired.checked = state.retired === "show";
    const n = activeFilters(state, facets);
    active.textContent = n ? ` (${n} active)` : "";
  }

  function readControls() {
    const next = {
      ...emptyState(facets),
      q: input.value,
      sort: form.elements.sort.value,
      from: form.elements.from.value,
      to: form.elements.to.value,
      hide: form.elements.hide.checked ? "problems" : "",
      retired: form.elements.retired.checked ? "show" : "",
    };
    for (const facet of facets) {
      next[facet.name] = Array.from(form.querySelectorAll(`input[name=${facet.name}]:checked`), (b) => b.value);
    }
    return next;
  }

  async function render() {
    const catalog = await ready;
    const { docs, byId } = catalog;
    const query = state.q;
    if (query.trim()) needVectors(catalog, () => state.q === query && render());
    const textHits = query.trim() ? catalog.index.search(query, null, null, true) : null;
    const pool = textHits ? textHits.map(([id]) => byId.get(id)) : docs;
    const found = filterDocs(pool, state, facets);
    current = sortDocs(found.current, state.sort, Boolean(textHits));
    const counts = countFacets(found.inYears, state, facets);
    for (const node of form.querySelectorAll("[data-count]")) {
      const [facet, value] = node.dataset.count.split(/:(.*)/s);
      node.textContent = String(counts[facet].get(value) || 0);
    }
    const short = catalog.data.browse.commercial_short;
    results.replaceChildren(...current.slice(0, pageSize * (pages + 1)).map((doc) => cardOf(doc, short)));
    enhanceCards(results);
    more.hidden = current.length <= pageSize * (pages + 1);
    if (current.length && textHits) {
      const noun = current.length === 1 ? "strong match" : "strong matches";
      status.textContent = `${current.length} ${noun} for “${state.q}”.`;
    } else if (current.length) {
      status.textContent = `${current.length} of ${docs.length} resources.`;
    } else {
      status.replaceChildren(...noResults(catalog.index, catalog.data));
    }
  }

  function noResults(index, data) {
    const filtered = activeFilters({ ...state, retired: "" }, facets) > 0;
    const parts = [
      state.q.trim()
        ? `No strong match for “${state.q}”${filtered ? " with these filters" : ""}.`
        : "No resources match these filters.",
    ];
    const fixed = state.q ? index.suggest(state.q) : null;
    if (fixed) {
      const button = el("button", { type: "button", class: "link-button" }, fixed);
      button.addEventListener("click", () => update({ ...state, q: fixed }, true));
      parts.push(" Did you mean ", button, "?");
    }
    const related = state.q.trim() ? index.closestSections(state.q).map((id) => [id, data.sections[id]]) : [];
    if (related.length) {
      parts.push(" Closest sections: ");
      related.forEach(([id, section], i) => {
        parts.push(el("a", { href: `${root}sections/${id}/` }, section.title));
        if (i < related.length - 1) parts.push(", ");
      });
      parts.push(".");
    }
    return parts;
  }

  // While the reader types, the address follows once typing pauses: rewriting it costs about as much as
  // ranking the catalog, and no one shares a half-typed query.
  // A pending address is written before the reader leaves the page and dropped when they go back, so the
  // history always holds what was on screen.
  // Typing rewrites only an entry typing made (or the one the reader arrived on): an entry the reader
  // made with Enter or a filter, or went back to, is kept, and the first pause adds a new entry after
  // it. Enter on an address already written adds nothing, so Back never shows the same results twice.
  let addressTimer = 0;
  let pendingAddress = null;
  let entryKept = false;
  function dropAddress() {
    clearTimeout(addressTimer);
    pendingAddress = null;
  }
  function writeAddress(leaving = false) {
    if (pendingAddress !== null) {
      if (entryKept && !leaving) history.pushState(null, "", pendingAddress);
      else history.replaceState(null, "", pendingAddress);
      entryKept = false;
    }
    dropAddress();
  }
  function update(next, push, typing = false) {
    state = next;
    pages = 0;
    syncControls();
    const url = stateToQuery(state, facets) || window.location.pathname;
    dropAddress();
    if (push) {
      if (new URL(url, window.location.href).href === window.location.href) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
      entryKept = true;
    } else if (typing) {
      pendingAddress = url;
      addressTimer = setTimeout(writeAddress, ADDRESS_DELAY_MS);
    } else history.replaceState(null, "", url);
    return render();
  }
  window.addEventListener("pagehide", () => writeAddress(true));

  // Facets and page size as the build states them (search.json), once it has arrived.
  const ready = loadCatalog().then((catalog) => {
    facets = catalog.data.browse.facets;
    pageSize = catalog.data.browse.page_size;
    return catalog;
  });

  // -- the filter panel (narrow screens) ------------------------------------------
  function openFilters(open) {
    form.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("filters-open", open);
    if (open) document.getElementById("filters-title").focus();
    else toggle.focus();
  }
  document.getElementById("filters-title").setAttribute("tabindex", "-1");
  toggle.addEventListener("click", () => openFilters(!form.classList.contains("open")));
  document.getElementById("filters-close").addEventListener("click", () => openFilters(false));
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && form.classList.contains("open")) openFilters(false);
  });

  // -- downloads of what is on screen -------------------------------------------------
  for (const button of document.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const catalog = await ready;
      const rows = current ?? sortDocs(filterDocs(catalog.docs, state, facets).current, "name", false);
      const { export_columns: columns, list_separator: separator } = catalog.data.browse;
      const kind = button.dataset.export;
      if (kind === "csv") download("resources.csv", "text/csv", toCsv(rows, columns, separator));
      else if (kind === "json") download("resources.json", "application/json", toJson(rows, columns));
      else {
        const entries = await fetch(button.dataset.entries).then((r) => r.json());
        download("resources.bib", "application/x-bibtex", toBibtex(rows, entries));
      }
    });
  }

  more.disabled = false;
  toggle.disabled = false;
  // What the reader ticked or typed before this module ran counts, unless the address says otherwise.
  const early = readControls();
  let shown; // the first view: the rows arrived and, for a query or filters, the results drawn
  if (isEmpty(state, facets) && !isEmpty(early, facets)) {
    shown = update(early, false);
  } else {
    syncControls();
    shown = isEmpty(state, facets) ? ready : ready.then(render);
  }
  input.addEventListener("focus", () => loadCatalog());
  form.addEventListener("focusin", () => loadCatalog());
  toggle.addEventListener("pointerenter", () => loadCatalog());
  input.addEventListener("input", () => update(readControls(), false, true));
  form.addEventListener("change", () => update(readControls(), true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    update(emptyState(facets), true);
  });
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(readControls(), true);
    input.blur(); // closes a phone's keyboard so the results are in view
  });
  more.addEventListener("click", async () => {
    if (current === null) {
      const { docs } = await ready;
      current = sortDocs(docs.slice(), "name", false);
    }
    const first = pageSize * (pages + 1);
    pages += 1;
    const short = (await ready).data.browse.commercial_short;
    results.append(...current.slice(first, pageSize * (pages + 1)).map((doc) => cardOf(doc, short)));
    enhanceCards(results);
    more.hidden = current.length <= pageSize * (pages + 1);
    const next = results.children[first];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => {
    dropAddress();
    entryKept = true;
    state = readState(window.location.search, facets);
    pages = 0;
    syncControls();
    render();
  });
  return shown;
}
