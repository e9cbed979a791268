// Progressive enhancement: every page works without this file. With it, the
// search box suggests resources as you type, "/" focuses it, and the browse page
// filters, sorts and searches instantly with its state in the URL.
import { enhanceCards } from "./compare-select.js";

const root = document.body.dataset.root || "./";
const PAGE_SIZE = 60;
const FACETS = ["phase", "section", "modality", "type", "licence", "use", "coverage"];
const FACET_FIELD = {
  phase: "phases",
  section: "sections",
  modality: "modalities",
  type: "type",
  licence: "licence_class",
  use: "commercial_use",
  coverage: "coverage",
};

let loading = null;
let searchIndex = null;
let vectorsLoading = null;

// The catalog's rows and the search module, fetched once, when the search box or the
// filters are first used (never for the first view); the search index is built from
// them only when a query needs it, so filtering alone never pays for it.
export function loadCatalog() {
  if (!loading) {
    const rows = fetch(`${root}search.json`).then((response) => {
      if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
      return response.json();
    });
    loading = Promise.all([rows, import("./search.js")]).then(([data, engine]) => {
      const f = Object.fromEntries(data.fields.map((name, i) => [name, i]));
      const docs = data.docs.map((row) => Object.fromEntries(data.fields.map((name) => [name, row[f[name]]])));
      return {
        data,
        docs,
        engine,
        byId: new Map(docs.map((d) => [d.id, d])),
        get index() {
          if (!searchIndex) searchIndex = engine.indexFromData(data);
          return searchIndex;
        },
      };
    });
  }
  return loading;
}

// The word vectors that let search match meaning, not only words (about 1 MB): fetched
// the first time a query is searched, never for the first view. Until they arrive, or if
// they cannot be fetched, results are ranked on words alone (as the library ranks without
// its vector table); `then` re-runs the search once they are in.
function needVectors(catalog, then) {
  if (!catalog.data.vectors || vectorsLoading) return;
  vectorsLoading = fetch(`${root}${catalog.data.vectors}`)
    .then((response) => {
      if (!response.ok) throw new Error(`word vectors: HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then((buffer) => {
      catalog.index.setVectors(new catalog.engine.WordVectors(buffer));
      then();
    })
    .catch(() => {}); // words alone it is
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function resourceUrl(id) {
  return `${root}resources/${encodeURIComponent(id)}/`;
}

// The same markup as the card macro in templates/_macros.html.
function card(doc) {
  const meta = el("p", { class: "card-meta" }, el("span", { class: "badge" }, doc.type));
  for (const modality of doc.modalities) meta.append(" ", el("span", { class: "badge badge-soft" }, modality));
  if (doc.year) meta.append(" ", el("span", { class: "meta-item" }, String(doc.year)));
  if (doc.licence_class !== "unknown") meta.append(" ", el("span", { class: "meta-item" }, doc.licence_class));
  if (doc.commercial_use !== "unknown") meta.append(" ", el("span", { class: "meta-item" }, `commercial use: ${doc.commercial_use}`));
  if (doc.status !== "active") meta.append(" ", el("span", { class: "badge badge-warn" }, doc.status));
  if (doc.verified) meta.append(" ", el("span", { class: "meta-item" }, `verified ${doc.verified.slice(0, 7)}`));
  return el(
    "li",
    { class: "card" },
    el("h3", { class: "card-title" }, el("a", { href: resourceUrl(doc.id) }, doc.name)),
    meta,
    el("p", { class: "card-text" }, doc.description),
  );
}

// -- "/" focuses search, suggestions as you type ---------------------------------

const input = document.getElementById("site-search");
const suggestions = document.getElementById("search-suggestions");

document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
    return;
  }
  event.preventDefault();
  input.focus();
  input.select();
});

function closeSuggestions() {
  suggestions.hidden = true;
  suggestions.replaceChildren();
  input.setAttribute("aria-expanded", "false");
  input.removeAttribute("aria-activedescendant");
}

async function showSuggestions() {
  const query = input.value;
  if (!query.trim()) return closeSuggestions();
  const catalog = await loadCatalog();
  if (input.value !== query) return; // a newer keystroke is being handled
  const { byId } = catalog;
  needVectors(catalog, () => input.value === query && showSuggestions());
  const hits = catalog.index.search(query, null, 8, true);
  const options = hits.map(([id], i) => {
    const doc = byId.get(id);
    return el(
      "a",
      { href: resourceUrl(id), role: "option", id: `suggestion-${i}`, class: "suggestion", tabindex: "-1" },
      el("span", { class: "suggestion-name" }, doc.name),
      el("span", { class: "suggestion-meta" }, `${doc.type} · ${doc.modalities.join(", ")}`),
    );
  });
  if (!options.length) options.push(el("p", { class: "suggestion-empty" }, "No strong match. Press Enter to browse."));
  suggestions.replaceChildren(...options);
  suggestions.hidden = false;
  input.setAttribute("aria-expanded", "true");
}

function moveSelection(step) {
  const options = Array.from(suggestions.querySelectorAll("[role=option]"));
  if (!options.length) return;
  const current = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
  const next = (current + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute("aria-selected", i === next ? "true" : "false"));
  input.setAttribute("aria-activedescendant", options[next].id);
}

const onBrowse = document.body.dataset.page === "browse";

if (!onBrowse) {
  input.addEventListener("input", showSuggestions);
  input.addEventListener("focus", () => loadCatalog());
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      moveSelection(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Escape") {
      closeSuggestions();
    } else if (event.key === "Enter") {
      const chosen = suggestions.querySelector("[aria-selected=true]");
      if (chosen) {
        event.preventDefault();
        window.location.href = chosen.href;
      }
    }
  });
  document.addEventListener("click", (event) => {
    if (!suggestions.contains(event.target) && event.target !== input) closeSuggestions();
  });
} else {
  setUpBrowse();
}

if (onBrowse || document.body.dataset.page === "section") enhanceCards(document);

// -- the browse page -------------------------------------------------------------

function readState() {
  const params = new URLSearchParams(window.location.search);
  const state = {
    q: params.get("q") || "", sort: params.get("sort") || "relevance", from: "", to: "", hide: params.get("hide") || "",
    retired: params.get("retired") || "",
  };
  for (const facet of FACETS) state[facet] = params.getAll(facet);
  state.from = params.get("from") || "";
  state.to = params.get("to") || "";
  return state;
}

function stateToQuery(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of FACETS) for (const value of state[facet]) params.append(facet, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.hide) params.set("hide", state.hide);
  if (state.retired) params.set("retired", state.retired);
  const text = params.toString();
  return text ? `?${text}` : window.location.pathname;
}

function matchesFacet(doc, facet, values) {
  if (!values.length) return true;
  const have = doc[FACET_FIELD[facet]];
  if (Array.isArray(have)) return have.some((v) => values.includes(v));
  return values.includes(have);
}

function matchesHealth(doc, state) {
  return (!state.hide || !doc.health.length) && (state.retired === "show" || doc.status !== "retired");
}

function matchesYears(doc, state) {
  const from = parseInt(state.from, 10);
  const to = parseInt(state.to, 10);
  if (!Number.isNaN(from) && (!doc.year || doc.year < from)) return false;
  if (!Number.isNaN(to) && (!doc.year || doc.year > to)) return false;
  return true;
}

function sortDocs(docs, sort, ranked) {
  // Plain code-point order, as the server sorts its pages (Python's str.lower() ordering).
  const byName = (a, b) => {
    const x = a.name.toLowerCase();
    const y = b.name.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // Retired entries, when shown at all, come last whatever the order.
  const retiredLast = (a, b) => (a.status === "retired") - (b.status === "retired");
  if (sort === "name") return docs.sort((a, b) => retiredLast(a, b) || byName(a, b));
  if (sort === "released") {
    return docs.sort((a, b) => retiredLast(a, b) || (b.released || "").localeCompare(a.released || "") || byName(a, b));
  }
  if (sort === "added") {
    return docs.sort((a, b) => retiredLast(a, b) || (b.added || "").localeCompare(a.added || "") || byName(a, b));
  }
  if (ranked) return docs.sort(retiredLast); // stable: relevance order within each group
  return docs.sort((a, b) => retiredLast(a, b) || byName(a, b));
}

function isEmpty(state) {
  return !state.q.trim() && !state.from && !state.to && !state.hide && !state.retired && state.sort === "relevance" &&
    FACETS.every((f) => !state[f].length);
}

function setUpBrowse() {
  const form = document.getElementById("filters");
  const results = document.getElementById("results");
  const status = document.getElementById("result-status");
  const more = document.getElementById("show-more");
  let state = readState();
  let shown = PAGE_SIZE;
  let current = null; // null: the server-rendered first page is still on screen

  function syncControls() {
    input.value = state.q;
    for (const box of form.querySelectorAll("input[type=checkbox]:not([name=hide]):not([name=retired])")) box.checked = state[box.name].includes(box.value);
    form.elements.sort.value = state.sort;
    form.elements.from.value = state.from;
    form.elements.to.value = state.to;
    form.elements.hide.checked = Boolean(state.hide);
    form.elements.retired.checked = state.retired === "show";
  }

  function readControls() {
    const next = {
      q: input.value, sort: form.elements.sort.value, from: form.elements.from.value, to: form.elements.to.value,
      hide: form.elements.hide.checked ? "problems" : "",
      retired: form.elements.retired.checked ? "show" : "",
    };
    for (const facet of FACETS) {
      next[facet] = Array.from(form.querySelectorAll(`input[name=${facet}]:checked`)).map((b) => b.value);
    }
    return next;
  }

  function countFacets(pool) {
    // One pass: a resource that fails no facet counts for every facet; one that
    // fails exactly one facet counts only there (counts show what ticking a value would add).
    const counts = Object.fromEntries(FACETS.map((f) => [f, new Map()]));
    for (const doc of pool) {
      let failed = null;
      let failures = 0;
      for (const facet of FACETS) {
        if (!matchesFacet(doc, facet, state[facet])) {
          failures += 1;
          failed = facet;
          if (failures > 1) break;
        }
      }
      if (failures > 1) continue;
      for (const facet of failures === 0 ? FACETS : [failed]) {
        const have = doc[FACET_FIELD[facet]];
        const map = counts[facet];
        if (Array.isArray(have)) for (const value of have) map.set(value, (map.get(value) || 0) + 1);
        else map.set(have, (map.get(have) || 0) + 1);
      }
    }
    for (const node of form.querySelectorAll("[data-count]")) {
      const [facet, value] = node.dataset.count.split(/:(.*)/s);
      node.textContent = String(counts[facet].get(value) || 0);
    }
  }

  async function render() {
    const catalog = await loadCatalog();
    const { docs, byId } = catalog;
    const query = state.q;
    if (query.trim()) needVectors(catalog, () => state.q === query && render());
    const textHits = query.trim() ? catalog.index.search(query, null, null, true) : null;
    const pool = textHits ? textHits.map(([id]) => byId.get(id)) : docs;
    const inYears = pool.filter((d) => matchesYears(d, state) && matchesHealth(d, state));
    current = inYears.filter((d) => FACETS.every((f) => matchesFacet(d, f, state[f])));
    sortDocs(current, state.sort, Boolean(textHits));
    countFacets(inYears);
    results.replaceChildren(...current.slice(0, shown).map(card));
    enhanceCards(results);
    more.hidden = current.length <= shown;
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
    const filtered = !FACETS.every((f) => !state[f].length) || state.from || state.to || state.hide;
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

  function update(next, push) {
    state = next;
    shown = PAGE_SIZE;
    syncControls();
    const url = stateToQuery(state);
    if (push) history.pushState(state, "", url);
    else history.replaceState(state, "", url);
    render();
  }

  syncControls();
  if (!isEmpty(state)) render();
  input.addEventListener("focus", () => loadCatalog());
  form.addEventListener("focusin", () => loadCatalog());
  input.addEventListener("input", () => update(readControls(), false));
  form.addEventListener("change", () => update(readControls(), true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    update({ q: "", sort: "relevance", from: "", to: "", hide: "", retired: "", ...Object.fromEntries(FACETS.map((f) => [f, []])) }, true);
  });
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(readControls(), true);
  });
  more.addEventListener("click", async () => {
    if (current === null) {
      const { docs } = await loadCatalog();
      current = docs.slice();
      sortDocs(current, "name", false);
    }
    const first = shown;
    shown += PAGE_SIZE;
    results.append(...current.slice(first, shown).map(card));
    enhanceCards(results);
    more.hidden = current.length <= shown;
    const next = results.children[first];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => {
    state = readState();
    shown = PAGE_SIZE;
    syncControls();
    render();
  });
}
