// Run by tests/test_licence_check.py: the browser's licence-check rules against Python's results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { combine } = await import(pathToFileURL(`${process.env.STATIC_DIR}/licencecheck.mjs`).href);
const { data, cases } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));

test("every stack gets Python's verdict, obligations, conflicts and unknowns", () => {
  assert.ok(cases.length > 50);
  for (const { ids, commercial, expected } of cases) {
    const got = combine(ids.map((id) => data.rows[id]), data, commercial);
    assert.deepEqual(got, expected, `${ids.join(" + ")}${commercial ? " (commercial)" : ""}`);
  }
});
