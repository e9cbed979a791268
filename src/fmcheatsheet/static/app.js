// Progressive enhancement: every page works without this file. With it, the
// search box suggests resources as you type, "/" focuses it, and the browse page
// filters, sorts and searches instantly with its state in the URL.
import { enhanceCards } from "./compare-select.js";
import { startUp } from "./ready.js";

const root = document.body.dataset.root || "./";

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
  // The browse page's own module, loaded only there.
  startUp(import("./browse.js").then(({ setUpBrowse }) => setUpBrowse({ loadCatalog, needVectors, input, element: el })));
}

if (onBrowse || document.body.dataset.page === "section") enhanceCards(document);

// Copy buttons (citations): the text of the element named by data-copy.
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy).textContent;
    const label = button.lastChild;
    try {
      await navigator.clipboard.writeText(text);
      label.textContent = "Copied";
    } catch {
      label.textContent = "Select and copy";
    }
    setTimeout(() => { label.textContent = "Copy"; }, 2000);
  });
}

// The menu closes on Escape and when a click lands outside it.
const menu = document.querySelector(".menu");
if (menu) {
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
}
