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
    url: row[f.url], description: row[f.description],
  }]));
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

// "Swahili, hi" -> {codes: ["sw", "hi"], unknown: []}: names (any case) or codes, separated by
// commas; a word that is neither is returned as unknown.
export function readLanguages(text, names) {
  const byName = new Map(Object.entries(names).map(([code, name]) => [name.toLowerCase(), code]));
  const codes = [];
  const unknown = [];
  for (const part of text.split(/[,;]/)) {
    const word = part.trim();
    if (!word) continue;
    const lower = word.toLowerCase();
    const code = lower in names ? lower : byName.get(lower) || (/^[a-z]{2,3}$/.test(word) ? word : null);
    if (code === null) unknown.push(word);
    else if (!codes.includes(code)) codes.push(code);
  }
  return { codes, unknown };
}

// The address of a choice, and the choice of an address: every input, so a link restores them.
export function planQuery(choice) {
  const params = new URLSearchParams();
  for (const m of choice.modalities) params.append("modality", m);
  for (const s of choice.stages) params.append("stage", s);
  if (choice.languages) params.set("languages", choice.languages);
  if (choice.release) params.set("release", choice.release);
  return `?${params}`;
}

export function readPlanQuery(search) {
  const params = new URLSearchParams(search);
  if (!params.has("modality") && !params.has("stage")) return null;
  return {
    modalities: params.getAll("modality"),
    stages: params.getAll("stage"),
    languages: params.get("languages") || "",
    release: params.get("release") || "",
  };
}

function requiredMarkdown(plan, ids) {
  const entries = (ids || []).map((id) => plan.obligations[id]).filter(Boolean);
  if (!entries.length) return "";
  return ` *Required by: ${entries.map((e) => `${e.title} (${e.jurisdiction}, from ${e.applies})`).join("; ")}.*`;
}

// What fmcheatsheet.plan.plan_markdown writes for the same plan (docs: id -> {name, url,
// description}); `names` gives each language code its name, `base` the site's address for
// "entry" links ("" for none).
export function planMarkdown(plan, docs, phases, choice, names, base) {
  const langs = choice.languages.map((c) => `${names[c] || c} (${c})`).join(", ") || "any";
  const lines = [
    "# Project checklist",
    "",
    `Modalities: ${choice.modalities.join(", ")}. Languages: ${langs}. Stages: ${choice.stages.join(", ")}.` +
      (choice.release ? ` Release: ${choice.release}.` : ""),
  ];
  for (const phase of phases) {
    lines.push("", `## ${phase.title}`);
    for (const section of phase.sections) {
      lines.push("", `### ${section.title}`, "");
      for (const p of section.practices) {
        if (!p.steps.length) {
          lines.push(`- [ ] **${p.title}** ${p.text}${requiredMarkdown(plan, p.required_by)}`);
          continue;
        }
        lines.push(`- **${p.title}** ${p.text}${requiredMarkdown(plan, p.required_by)}`);
        for (const step of p.steps) {
          const tools = step.resources.map((id) => docs.get(id)).filter(Boolean);
          const withTools = tools.length ? ` With: ${tools.map((r) => `[${r.name}](${r.url})`).join(", ")}.` : "";
          lines.push(`  - [ ] ${step.text}${withTools}${requiredMarkdown(plan, step.required_by)}`);
        }
      }
      if (section.resources.length) {
        lines.push("", "Start with:", "");
        for (const r of section.resources) {
          const page = base ? ` ([entry](${base}resources/${r.id}/))` : "";
          lines.push(`- [${r.name}](${r.url})${page}: ${r.description}`);
        }
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
