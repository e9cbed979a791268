// Run by tests/test_plan_conformance.py: the browser's checklist against Python's, on the real catalog.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { makePlan, planDocs, suggestedIds } = await import(pathToFileURL(`${process.env.STATIC_DIR}/plan-core.mjs`).href);
const { plan, search, cases } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));
const docs = planDocs(search);

test("every project gets Python's sections, resources and licence-check list", () => {
  for (const { inputs, expected } of cases) {
    const { modalities, languages, stages, release } = inputs;
    const phases = makePlan(plan, docs, modalities, languages, stages, release || "");
    const got = phases.map((p) => [p.id, p.sections.map((s) => [s.id, s.resources.map((r) => r.id)])]);
    assert.deepEqual(got, expected.phases, JSON.stringify(inputs));
    assert.deepEqual(suggestedIds(plan, phases), expected.suggested, JSON.stringify(inputs));
  }
});
