// Run by tests/test_plan_conformance.py: the browser's checklist against Python's, on the real catalog.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const { makePlan, planDocs, planMarkdown, planQuery, readLanguages, readPlanQuery, suggestedIds } = await import(
  pathToFileURL(`${process.env.STATIC_DIR}/plan-core.mjs`).href
);
const { plan, search, cases, languages } = JSON.parse(readFileSync(process.env.FIXTURES, "utf-8"));
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

test("the checklist downloads as the Markdown Python writes, and its address restores every input", () => {
  for (const { inputs, expected } of cases.filter((c) => c.expected.markdown)) {
    const { modalities, languages: codes, stages, release } = inputs;
    const phases = makePlan(plan, docs, modalities, codes, stages, release || "");
    const choice = { modalities, languages: codes, stages, release: release || "" };
    assert.equal(planMarkdown(plan, docs, phases, choice, plan.languages, ""), expected.markdown, JSON.stringify(inputs));
    const typed = { ...choice, languages: codes.join(", ") };
    assert.deepEqual(readPlanQuery(planQuery(typed)), typed);
  }
});

test("languages are read by name or code, in any case, and what is neither is named", () => {
  for (const { text, codes, unknown } of languages) {
    assert.deepEqual(readLanguages(text, plan.languages), { codes, unknown }, text);
  }
});
