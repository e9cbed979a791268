// Run by tests/test_suggest_conformance.py: the suggestion form's rules against Python's answers.
// STATIC_DIR holds a copy of static/suggest-core.js; FIXTURES holds contribute.json, the JSON Schema
// and, per rule, the inputs with what Python gives for them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const core = await import(pathToFileURL(`${process.env.STATIC_DIR}/suggest-core.mjs`).href);
const { data, schema, urls, names, pairs, plain, files, licences, duplicates, forms } = JSON.parse(
  readFileSync(process.env.FIXTURES, "utf-8"),
);
const { rules } = data;

test("links are normalised as urls.normalize_url does", () => {
  for (const [url, expected] of urls) assert.equal(core.normalizeUrl(url, rules.urls), expected, url);
});

test("names fold and become ids as checks.fold_name and contribute.slugify do", () => {
  for (const [name, folded, slug] of names) {
    assert.equal(core.foldName(name, rules), folded, name);
    assert.equal(core.slugify(name, rules), slug, name);
  }
  for (const [a, b, similarity] of pairs) assert.equal(core.nameSimilarity(a, b, rules), similarity, `${a} / ${b}`);
});

test("a value is written without quotes exactly when plainscalars.may_be_plain says so", () => {
  for (const [text, expected] of plain) assert.equal(core.plainOk(text, rules.yaml), expected, JSON.stringify(text));
});

test("files are written byte for byte as fmt writes them", () => {
  for (const [resource, expected] of files) assert.equal(core.toYaml(resource, rules), expected, resource.id);
});

test("licence expressions are accepted and refused as licences.check_licence does", () => {
  const known = new Set(schema.properties.licence.anyOf.find((option) => option.enum).enum);
  for (const [value, accepted] of licences) {
    assert.equal(core.licenceProblem(value, known, rules) === null, accepted, value);
  }
});

test("likely duplicates are the ones `fmcheatsheet add` finds", () => {
  for (const [resource, expected] of duplicates) {
    const found = core.likelyDuplicates(resource, data).map((d) => d.existing.id);
    assert.deepEqual(found, expected, resource.name);
  }
});

test("the form refuses what `fmcheatsheet add` refuses, and accepts what it accepts", () => {
  const today = new Date(`${forms.today}T12:00:00`);
  const disagreements = [];
  for (const [answers, refused] of forms.cases) {
    const { errors } = core.validate(answers, schema, rules, today);
    if (Object.keys(errors).length > 0 !== refused) disagreements.push({ answers, refused, errors });
  }
  assert.deepEqual(disagreements, []);
});
