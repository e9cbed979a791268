// The project checklist page: reads the form, asks plan-core.js for the checklist, shows it.
import { makePlan, parseLanguages, planDocs, suggestedIds } from "./plan-core.js";

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
  const suggested = suggestedIds(plan, phases);
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
  return { plan, docs: planDocs(search) };
}

if (form) {
  const ready = load();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const modalities = data.getAll("modality").map(String);
    const stages = data.getAll("stage").map(String);
    const languages = parseLanguages(data.get("languages"));
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
