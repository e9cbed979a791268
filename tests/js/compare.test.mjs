// Run by tests/test_compare.py: the browser's comparison rows against Python's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { compareRows } = await import(pathToFileURL(`${process.env.STATIC_DIR}/compare.mjs`).href);
const { data, cases } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));

test("every choice of resources gives Python's rows, and a wrong count gives none", () => {
  for (const { ids, expected } of cases) {
    assert.deepEqual(compareRows(data, ids), expected, ids.join(" + "));
  }
});
