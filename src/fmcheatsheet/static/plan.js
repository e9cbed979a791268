// The project checklist, made in the browser exactly as fmcheatsheet/plan.py makes it.
const form = document.getElementById("plan-form");
const output = document.getElementById("plan-output");
const summary = document.getElementById("plan-summary");
const root = document.body.dataset.root || "./";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function byKey(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

export function planResources(plan, docs, sectionId, modalities, languages) {
  const nonEnglish = languages.filter((c) => c !== "en" && c !== "eng");
  const regions = new Set(Object.entries(plan.regions).filter(([, codes]) => codes.some((c) => nonEnglish.includes(c))).map(([tag]) => tag));
  const section = plan.sections[sectionId];
  const highlight = new Map(section.highlights.map((id, i) => [id, i]));
  const scored = [];
  for (const id of section.members) {
    const doc = docs.get(id);
    if (!doc.modalities.some((m) => modalities.includes(m))) continue;
    let score = 0;
    if (doc.codes.some((c) => nonEnglish.includes(c))) score += 4;
    if (doc.tags.some((t) => regions.has(t))) score += 3;
    if (nonEnglish.length && doc.coverage === "multilingual") score += 2;
    if (nonEnglish.length && doc.coverage === "english-only") score -= 2;
    if (doc.modalities.every((m) => modalities.includes(m)) && modalities.length < 3) score += 1;
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

function required(plan, ids) {
  if (!ids || !ids.length) return null;
  const span = el("span", { class: "required" }, " Required by ");
  ids.forEach((id, i) => {
    const entry = plan.obligations[id];
    span.append(el("a", { href: `${root}timeline/#${id}` }, entry.title), ` (${entry.jurisdiction}, from ${entry.applies})`);
    span.append(i < ids.length - 1 ? "; " : ".");
  });
  return span;
}

function practiceItem(plan, docs, p) {
  const item = el("li", {}, el("strong", {}, `${p.title}.`), ` ${p.text}`);
  const law = required(plan, p.required_by);
  if (law) item.append(law);
  if (!p.steps.length) return item;
  item.setAttribute("class", "has-steps");
  const steps = el("ul", { class: "checklist steps" });
  for (const step of p.steps) {
    const li = el("li", {}, step.text);
    if (step.resources.length) {
      const tools = el("span", { class: "step-tools" }, " With: ");
      step.resources.forEach((id, i) => {
        tools.append(el("a", { href: `${root}resources/${id}/` }, docs.get(id).name));
        tools.append(i < step.resources.length - 1 ? ", " : ".");
      });
      li.append(tools);
    }
    const stepLaw = required(plan, step.required_by);
    if (stepLaw) li.append(stepLaw);
    steps.append(li);
  }
  item.append(steps);
  return item;
}

function render(plan, docs, phases) {
  const nodes = [];
  const suggested = [...new Set(phases.flatMap((phase) => phase.sections.flatMap((s) => s.resources.map((r) => r.id))))];
  if (suggested.length) {
    nodes.push(el("p", { class: "plan-licences" },
      el("a", { href: `${root}licences/?ids=${suggested.join(",")}` }, "Check the licences of the suggested resources together"),
      " (commercial use, obligations, conflicts)."));
  }
  for (const phase of phases) {
    const section = el("section", { class: "plan-phase", "aria-labelledby": `plan-${phase.id}` });
    section.append(el("h2", { id: `plan-${phase.id}` }, phase.title));
    for (const s of phase.sections) {
      section.append(el("h3", {}, el("a", { href: `${root}sections/${s.id}/` }, s.title)));
      const list = el("ul", { class: "checklist" });
      for (const p of s.practices) list.append(practiceItem(plan, docs, p));
      section.append(list);
      if (s.resources.length) {
        const tools = el("p", { class: "plan-tools" }, "Start with: ");
        s.resources.forEach((r, i) => {
          tools.append(el("a", { href: `${root}resources/${r.id}/` }, r.name));
          if (i < s.resources.length - 1) tools.append(", ");
        });
        section.append(tools);
      }
    }
    nodes.push(section);
  }
  output.replaceChildren(...nodes);
}

async function load() {
  const [plan, search] = await Promise.all([
    fetch(form.dataset.plan).then((r) => r.json()),
    fetch(form.dataset.search).then((r) => r.json()),
  ]);
  const f = Object.fromEntries(search.fields.map((name, i) => [name, i]));
  const docs = new Map(search.docs.map((row) => [row[f.id], {
    id: row[f.id], name: row[f.name], modalities: row[f.modalities], codes: row[f.codes], coverage: row[f.coverage], tags: row[f.tags],
  }]));
  return { plan, docs };
}

if (form) {
  const ready = load();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const modalities = data.getAll("modality").map(String);
    const stages = data.getAll("stage").map(String);
    const languages = String(data.get("languages") || "").split(",").map((c) => c.trim().toLowerCase()).filter(Boolean);
    const release = String(data.get("release") || "");
    const status = document.getElementById("plan-status");
    if (!modalities.length || !stages.length) {
      status.textContent = "Choose at least one modality and one stage.";
      return;
    }
    const { plan, docs } = await ready;
    render(plan, docs, makePlan(plan, docs, modalities, languages, stages, release));
    summary.textContent = `Checklist for ${modalities.join(", ")}; stages: ${stages.join(", ")}` +
      (languages.length ? `; languages: ${languages.join(", ")}` : "") + `; release: ${release}.`;
    status.textContent = "Checklist updated.";
  });
}
