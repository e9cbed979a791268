// The browse page's rules, with no access to the page: what the URL asks for, which rows
// pass the filters, how they are counted, sorted, paged and exported. Every constant (the
// facets, the page size, the export columns) comes from search.json, which the build writes
// from the same Python definitions the server-rendered pages use. Checked under Node
// (tests/js/browse.test.mjs) against fixtures Python writes.

const FIXED = ["q", "sort", "from", "to", "hide", "retired"];

export function emptyState(facets) {
  const state = { q: "", sort: "relevance", from: "", to: "", hide: "", retired: "" };
  for (const facet of facets) state[facet.name] = [];
  return state;
}

// The state a query string asks for ("?q=x&modality=speech").
export function readState(search, facets) {
  const params = new URLSearchParams(search);
  const state = emptyState(facets);
  for (const key of FIXED) state[key] = params.get(key) || state[key];
  for (const facet of facets) state[facet.name] = params.getAll(facet.name);
  return state;
}

// The query string of a state ("" for the unfiltered list), in a fixed order.
export function stateToQuery(state, facets) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const facet of facets) for (const value of state[facet.name]) params.append(facet.name, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (state.hide) params.set("hide", state.hide);
  if (state.retired) params.set("retired", state.retired);
  const text = params.toString();
  return text ? `?${text}` : "";
}

// How many filters are set (each ticked value, each year bound, each option): the number
// the "Filters (n active)" button shows. The query and the sort order are not filters.
export function activeFilters(state, facets) {
  let count = facets.reduce((n, facet) => n + state[facet.name].length, 0);
  for (const key of ["from", "to", "hide", "retired"]) if (state[key]) count += 1;
  return count;
}

export function isEmpty(state, facets) {
  return !state.q.trim() && state.sort === "relevance" && activeFilters(state, facets) === 0;
}

// Values within a facet are alternatives; facets combine (as fmcheatsheet.query does).
export function matchesFacet(doc, facet, values) {
  if (!values.length) return true;
  const have = doc[facet.field];
  if (Array.isArray(have)) return have.some((v) => values.includes(v));
  return values.includes(have);
}

export function matchesHealth(doc, state) {
  return (!state.hide || !doc.health.length) && (state.retired === "show" || doc.status !== "retired");
}

export function matchesYears(doc, state) {
  const from = parseInt(state.from, 10);
  const to = parseInt(state.to, 10);
  if (!Number.isNaN(from) && (!doc.year || doc.year < from)) return false;
  if (!Number.isNaN(to) && (!doc.year || doc.year > to)) return false;
  return true;
}

// The rows the page shows (`current`) and those that pass everything but the facets
// (`inYears`, from which the facet counts are made).
export function filterDocs(pool, state, facets) {
  const inYears = pool.filter((d) => matchesYears(d, state) && matchesHealth(d, state));
  const current = inYears.filter((d) => facets.every((f) => matchesFacet(d, f, state[f.name])));
  return { inYears, current };
}

// facet name -> Map(value -> count). A row that fails no facet counts for every facet; one
// that fails exactly one counts only there: a count says what ticking that value would add.
export function countFacets(pool, state, facets) {
  const counts = Object.fromEntries(facets.map((f) => [f.name, new Map()]));
  for (const doc of pool) {
    let failed = null;
    let failures = 0;
    for (const facet of facets) {
      if (!matchesFacet(doc, facet, state[facet.name])) {
        failures += 1;
        failed = facet;
        if (failures > 1) break;
      }
    }
    if (failures > 1) continue;
    for (const facet of failures === 0 ? facets : [failed]) {
      const have = doc[facet.field];
      const map = counts[facet.name];
      for (const value of Array.isArray(have) ? have : [have]) map.set(value, (map.get(value) || 0) + 1);
    }
  }
  return counts;
}

// Plain code-point order of lower-cased names, as Python's sorted(key=str.lower) orders the
// server's pages.
function byName(a, b) {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function newestFirst(field) {
  return (a, b) => (b[field] || "").localeCompare(a[field] || "");
}

// Sorts in place and returns the array. Retired entries, when shown at all, come last
// whatever the order; `ranked` rows keep their relevance order within each group.
export function sortDocs(docs, sort, ranked) {
  const retiredLast = (a, b) => (a.status === "retired") - (b.status === "retired");
  if (sort === "name") return docs.sort((a, b) => retiredLast(a, b) || byName(a, b));
  if (sort === "released" || sort === "added") {
    const newer = newestFirst(sort);
    return docs.sort((a, b) => retiredLast(a, b) || newer(a, b) || byName(a, b));
  }
  if (ranked) return docs.sort(retiredLast);
  return docs.sort((a, b) => retiredLast(a, b) || byName(a, b));
}

// The rows on screen after `pages` presses of "show more" (0: the first page).
export function shownRows(docs, pageSize, pages) {
  return docs.slice(0, pageSize * (pages + 1));
}

// -- downloads of the rows on screen ------------------------------------------------

// Spreadsheets run a cell starting with one of these as a formula: such cells get a
// leading apostrophe, as the catalog's own CSV export does.
const FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"];

function cell(value, separator) {
  if (value === null || value === undefined) return "";
  let text = Array.isArray(value) ? value.join(separator) : String(value);
  if (FORMULA_STARTS.some((start) => text.startsWith(start))) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(docs, columns, separator) {
  const lines = [columns.join(",")];
  for (const doc of docs) lines.push(columns.map((c) => cell(doc[c], separator)).join(","));
  return `${lines.join("\n")}\n`;
}

export function toJson(docs, columns) {
  const rows = docs.map((doc) => Object.fromEntries(columns.map((c) => [c, doc[c] ?? null])));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

// The build's BibTeX entries (id -> entry) of the rows that have a citation, in row order.
export function toBibtex(docs, entries) {
  const found = docs.map((doc) => entries[doc.id]).filter(Boolean);
  return found.length ? `${found.join("\n\n")}\n` : "";
}
