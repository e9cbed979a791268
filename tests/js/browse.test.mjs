// Run by tests/test_browse_conformance.py: the browse page's rules (static/browse-core.js)
// against answers Python gives from the catalog's own filters, CSV writer and BibTeX.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const core = await import(pathToFileURL(`${process.env.STATIC_DIR}/browse-core.mjs`).href);
const { index, cases, counts, csv, json, bibtex, entries } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));

// Rows as the page makes them from search.json.
const docs = index.docs.map((row) => Object.fromEntries(index.fields.map((name, i) => [name, row[i]])));
const { facets, page_size: pageSize, export_columns: columns, list_separator: separator } = index.browse;

function rows(query) {
  const state = core.readState(query, facets);
  return core.sortDocs(core.filterDocs(docs, state, facets).current, state.sort, false);
}

test("every filter in the address keeps exactly the resources Python's query keeps, in its order", () => {
  for (const { query, ids, active } of cases) {
    assert.deepEqual(rows(query).map((d) => d.id), ids, query);
    assert.equal(core.activeFilters(core.readState(query, facets), facets), active, query);
  }
});

test("an address read and written again is the same address", () => {
  for (const { query } of cases) {
    const state = core.readState(query, facets);
    assert.deepEqual(core.readState(core.stateToQuery(state, facets), facets), state, query);
  }
  assert.equal(core.stateToQuery(core.emptyState(facets), facets), "");
  assert.ok(core.isEmpty(core.readState("", facets), facets));
});

test("a facet's counts say how many resources ticking each value would add", () => {
  for (const { query, expected } of counts) {
    const state = core.readState(query, facets);
    const found = core.countFacets(core.filterDocs(docs, state, facets).inYears, state, facets);
    const plain = Object.fromEntries(Object.entries(found).map(([name, map]) => [name, Object.fromEntries(map)]));
    assert.deepEqual(plain, expected, query);
  }
});

test("the page shows the build's page size, and each press of 'show more' one page more", () => {
  const all = rows("?sort=name");
  assert.equal(core.shownRows(all, pageSize, 0).length, Math.min(pageSize, all.length));
  assert.equal(core.shownRows(all, pageSize, 1).length, Math.min(2 * pageSize, all.length));
  assert.deepEqual(core.shownRows(all, pageSize, 1).slice(0, pageSize), core.shownRows(all, pageSize, 0));
});

test("downloads of a filtered view are the rows on screen in Python's formats", () => {
  const shown = rows(csv.query);
  assert.equal(core.toCsv(shown, columns, separator), csv.expected);
  assert.deepEqual(JSON.parse(core.toJson(shown, columns)), json.expected);
  assert.equal(core.toBibtex(shown, entries), bibtex.expected);
});
