// Run by tests/test_estimator_conformance.py: the browser's estimator module against Python's answers.
// STATIC_DIR holds a copy of static/estimator-core.js; FIXTURES holds the data the build emits and,
// per case, the inputs with Python's results, assumptions, error and model card.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { estimate, modelCard, parseNumber } = await import(pathToFileURL(`${process.env.STATIC_DIR}/estimator-core.mjs`).href);
const { data, cases, numbers } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));

test("numbers are read as Python reads them (a comma only separates thousands)", () => {
  for (const [text, value] of numbers) {
    assert.equal(parseNumber(text, data.number_suffixes, data.number_pattern), value, JSON.stringify(text));
  }
});

function close(actual, expected, where) {
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${where}: ${actual} != ${expected}`);
}

test("every case gives Python's results, assumptions, errors and model card", () => {
  for (const { id, inputs, expected } of cases) {
    const got = estimate(inputs, data);
    if (expected.error !== undefined) {
      assert.ok(got.error, `${id}: expected the error '${expected.error}'`);
      // Python adds spelling suggestions to unknown names; the message starts the same way.
      assert.ok(expected.error.startsWith(got.error), `${id}: '${got.error}' vs '${expected.error}'`);
      continue;
    }
    assert.equal(got.error, undefined, `${id}: ${got.error}`);
    assert.deepEqual(Object.keys(got.results).sort(), Object.keys(expected.results).sort(), id);
    for (const [key, value] of Object.entries(expected.results)) close(got.results[key], value, `${id} ${key}`);
    assert.deepEqual(got.assumptions, expected.assumptions, id);
    const card = modelCard(got);
    if (expected.model_card === null) assert.ok(card.error, `${id}: a model card without emissions`);
    else assert.equal(card.text, expected.model_card, id);
  }
});
