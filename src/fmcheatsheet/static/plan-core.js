// The project checklist's rules, with no page access: which sections a project needs and which of
// their resources to start with. fmcheatsheet/plan.py applies the same rules to the same plan.json
// (weights, regions, stages), and a conformance test holds the two to the same answers.

function byKey(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** Each search.json row as the fields the checklist ranks on, by id. */
export function planDocs(search) {
  const f = Object.fromEntries(search.fields.map((name, i) => [name, i]));
  return new Map(search.docs.map((row) => [row[f.id], {
    id: row[f.id], name: row[f.name], type: row[f.type], modalities: row[f.modalities], codes: row[f.codes], coverage: row[f.coverage], tags: row[f.tags],
  }]));
}

/** The project's languages from what a reader typed: "sw, yo" -> ["sw", "yo"]. */
export function parseLanguages(text) {
  return String(text || "").split(",").map((c) => c.trim().toLowerCase()).filter(Boolean);
}

export function planResources(plan, docs, sectionId, modalities, languages) {
  const nonEnglish = languages.filter((c) => c !== "en" && c !== "eng");
  const regions = new Set(Object.entries(plan.regions).filter(([, codes]) => codes.some((c) => nonEnglish.includes(c))).map(([tag]) => tag));
  const section = plan.sections[sectionId];
  const highlight = new Map(section.highlights.map((id, i) => [id, i]));
  const weights = plan.weights;
  const scored = [];
  for (const id of section.members) {
    const doc = docs.get(id);
    if (!doc.modalities.some((m) => modalities.includes(m))) continue;
    const matches = {
      language: doc.codes.some((c) => nonEnglish.includes(c)),
      region: doc.tags.some((t) => regions.has(t)),
      multilingual: nonEnglish.length > 0 && doc.coverage === "multilingual",
      english_only: nonEnglish.length > 0 && doc.coverage === "english-only",
      exact_modalities: doc.modalities.every((m) => modalities.includes(m)) && modalities.length < 3,
    };
    let score = 0;
    for (const [rule, matched] of Object.entries(matches)) if (matched) score += weights[rule];
    scored.push([-score, highlight.has(id) ? highlight.get(id) : 10000, doc.name.toLowerCase(), doc]);
  }
  scored.sort((a, b) => byKey(a.slice(0, 3), b.slice(0, 3)));
  return scored.slice(0, plan.per_section).map((item) => item[3]);
}

export function makePlan(plan, docs, modalities, languages, stages, release) {
  const wanted = new Set();
  for (const stage of stages) for (const sid of plan.stages[stage]) wanted.add(sid);
  if (release) for (const sid of plan.releases[release]) wanted.add(sid);
  return plan.phases
    .map((phase) => ({
      id: phase.id,
      title: phase.title,
      sections: phase.sections.filter((sid) => wanted.has(sid)).map((sid) => ({
        id: sid,
        title: plan.sections[sid].title,
        practices: plan.sections[sid].practices,
        resources: planResources(plan, docs, sid, modalities, languages),
      })),
    }))
    .filter((phase) => phase.sections.length);
}

/** What the licence check of a plan looks at: each suggested dataset, model or tool once, in plan order. */
export function suggestedIds(plan, phases) {
  const licensed = new Set(plan.licensed_types);
  const all = phases.flatMap((phase) => phase.sections.flatMap((s) => s.resources));
  return [...new Set(all.filter((r) => licensed.has(r.type)).map((r) => r.id))];
}
