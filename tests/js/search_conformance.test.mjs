// Runs the site's search module (src/fmcheatsheet/static/search.js) on fixtures that
// tests/test_search_conformance.py generates with the Python library, and checks that
// both give the same stems, read every query the same way and rank it the same, scores
// included, with the word vectors and without them. Run by pytest: node --test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { indexFromData, negated, WordVectors } from "../../src/fmcheatsheet/static/search.js";

const fixtures = JSON.parse(readFileSync(process.env.SEARCH_FIXTURES, "utf-8"));
const data = JSON.parse(readFileSync(fixtures.search_json, "utf-8"));

function close(actual, expected, where) {
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${where}: ${actual} != ${expected}`);
}

function readingOf(index, query) {
  const r = index.read(query);
  return {
    concepts: r.concepts.map((c) => ({
      text: c.text,
      reader: c.reader,
      context: c.context,
      alternatives: c.alternatives.map((a) => [a.terms, a.weight, a.cap]),
    })),
    intent: r.intent ? r.intent.name : null,
    favour: r.intent ? r.intent.favour : [],
    dropped: r.dropped,
    meaning: r.meaning,
    unknown: r.unknown,
    modality: r.modality,
  };
}

function sameReading(actual, expected, query) {
  assert.deepEqual(
    actual.concepts.map((c) => [c.text, c.reader, c.context]),
    expected.concepts.map((c) => [c.text, c.reader, c.context]),
    query,
  );
  actual.concepts.forEach((concept, i) => {
    const want = expected.concepts[i].alternatives;
    assert.deepEqual(concept.alternatives.map((a) => a[0]), want.map((a) => a[0]), `${query}: alternatives`);
    concept.alternatives.forEach((a, j) => {
      close(a[1], want[j][1], `${query}: weight of ${a[0]}`);
      if (want[j][2] === null) assert.equal(a[2], null, `${query}: cap of ${a[0]}`);
      else close(a[2], want[j][2], `${query}: cap of ${a[0]}`);
    });
  });
  assert.equal(actual.intent, expected.intent, `${query}: intent`);
  assert.deepEqual(actual.favour, expected.favour, `${query}: favoured types`);
  assert.deepEqual(actual.dropped, expected.dropped, `${query}: dropped words`);
  assert.deepEqual(actual.meaning.map((m) => m[0]), expected.meaning.map((m) => m[0]), `${query}: meaning`);
  actual.meaning.forEach((m, i) => close(m[1], expected.meaning[i][1], `${query}: weight of ${m[0]}`));
  close(actual.unknown, expected.unknown, `${query}: share of unknown words`);
  assert.equal(actual.modality, expected.modality, `${query}: named modality`);
}

for (const mode of fixtures.modes) {
  test(`${mode.name}: the same queries give the same reading, ranking, scores, sections and suggestions`, () => {
    const index = indexFromData(data);
    if (mode.vectors) index.setVectors(new WordVectors(new Uint8Array(readFileSync(mode.vectors)).buffer));
    assert.equal(mode.cases.length > 0, true);
    for (const c of mode.cases) {
      sameReading(readingOf(index, c.query), c.reading, c.query);
      assert.deepEqual(index.search(c.query, null, 10), c.ranked, `${c.query}: top 10`);
      assert.equal(index.search(c.query, null, null, true).length, c.strong, `${c.query}: strong matches`);
      assert.deepEqual(index.closestSections(c.query), c.sections, `${c.query}: closest sections`);
      assert.equal(index.suggest(c.query), c.suggestion, `${c.query}: suggestion`);
    }
  });
}

test("stems are the same for every word of the catalog and the edge cases", () => {
  const index = indexFromData(data);
  const got = fixtures.words.map(index.stem);
  assert.deepEqual(got, fixtures.stems);
});

test("what a text says a resource is not is read alike, for every description of the catalog and the edge cases", () => {
  const index = indexFromData(data);
  const got = fixtures.texts.map((text) => negated(text, index.negations, index.stopwords, data.params.negation_span));
  assert.deepEqual(got, fixtures.negated);
});
