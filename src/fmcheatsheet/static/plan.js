// The project checklist page: the plan (plan-core.js) is remade as you change the form, its inputs live in the
// address (a link restores them), ticks are kept in local storage, and the checklist can be
// downloaded as Markdown.
import { makePlan, planDocs, planMarkdown, planQuery, readLanguages, readPlanQuery, suggestedIds } from "./plan-core.js";
import { startUp } from "./ready.js";

const form = document.getElementById("plan-form");
const output = document.getElementById("plan-output");
const summary = document.getElementById("plan-summary");
const status = document.getElementById("plan-status");
const root = document.body.dataset.root || "./";
const TICKS = "fmcheatsheet-plan-ticks";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

function loadTicks() {
  try {
    const saved = JSON.parse(localStorage.getItem(TICKS) || "[]");
    return new Set(Array.isArray(saved) ? saved.filter((k) => typeof k === "string") : []);
  } catch {
    return new Set();
  }
}

function saveTicks(ticks) {
  try {
    localStorage.setItem(TICKS, JSON.stringify([...ticks]));
  } catch {
    // Storage can be disabled: ticks then last as long as the page.
  }
}

function required(plan, ids) {
  if (!ids || !ids.length) return null;
  const span = el("span", { class: "required" }, "Required by ");
  ids.forEach((id, i) => {
    const entry = plan.obligations[id];
    span.append(el("a", { href: `${root}timeline/#${id}` }, entry.title), ` (${entry.jurisdiction}, from ${entry.applies})`);
    span.append(i < ids.length - 1 ? "; " : ".");
  });
  return span;
}

function tick(key, ...content) {
  return el("label", { class: "tick" }, el("input", { type: "checkbox", "data-tick": key }), " ", el("span", {}, ...content));
}

// The same markup as templates/_plan.html.
function practiceItem(plan, docs, sectionId, p) {
  const key = `${sectionId}:${p.anchor}`;
  const law = required(plan, p.required_by);
  if (!p.steps.length) {
    const item = el("li", {}, tick(key, el("strong", {}, `${p.title}.`), ` ${p.text}`));
    if (law) item.append(" ", law);
    return item;
  }
  const item = el("li", { class: "has-steps" }, el("strong", {}, `${p.title}.`), ` ${p.text}`);
  if (law) item.append(" ", law);
  const steps = el("ul", { class: "checklist steps" });
  p.steps.forEach((step, i) => {
    const li = el("li", {}, tick(`${key}:${i + 1}`, step.text));
    if (step.resources.length) {
      const tools = el("span", { class: "step-tools" }, "With: ");
      step.resources.forEach((id, j) => {
        tools.append(el("a", { href: `${root}resources/${id}/` }, docs.get(id).name));
        tools.append(j < step.resources.length - 1 ? ", " : ".");
      });
      li.append(" ", tools);
    }
    const stepLaw = required(plan, step.required_by);
    if (stepLaw) li.append(" ", stepLaw);
    steps.append(li);
  });
  item.append(steps);
  return item;
}

function draw(plan, docs, phases) {
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
      for (const p of s.practices) list.append(practiceItem(plan, docs, s.id, p));
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

function showTicks(ticks) {
  let done = 0;
  const boxes = output.querySelectorAll("input[data-tick]");
  for (const box of boxes) {
    box.checked = ticks.has(box.dataset.tick);
    if (box.checked) done += 1;
  }
  document.getElementById("plan-progress").textContent = `${done} of ${boxes.length} done`;
}

async function load() {
  const [plan, search] = await Promise.all([
    fetch(form.dataset.plan).then((r) => r.json()),
    fetch(form.dataset.search).then((r) => r.json()),
  ]);
  return { plan, docs: planDocs(search) };
}

function readForm() {
  const data = new FormData(form);
  return {
    modalities: data.getAll("modality").map(String),
    stages: data.getAll("stage").map(String),
    languages: String(data.get("languages") || ""),
    release: String(data.get("release") || ""),
  };
}

function fillForm(choice) {
  for (const box of form.querySelectorAll("input[name=modality]")) box.checked = choice.modalities.includes(box.value);
  for (const box of form.querySelectorAll("input[name=stage]")) box.checked = choice.stages.includes(box.value);
  form.elements.languages.value = choice.languages;
  if (choice.release) form.elements.release.value = choice.release;
}

if (form) {
  const ready = load();
  const ticks = loadTicks();
  let latest = null; // what the Markdown download writes

  async function update(announce) {
    const choice = readForm();
    if (!choice.modalities.length || !choice.stages.length) {
      status.textContent = "Choose at least one modality and one stage.";
      return;
    }
    const { plan, docs } = await ready;
    const { codes, unknown } = readLanguages(choice.languages, plan.languages);
    const phases = makePlan(plan, docs, choice.modalities, codes, choice.stages, choice.release);
    draw(plan, docs, phases);
    showTicks(ticks);
    latest = { plan, docs, phases, choice: { ...choice, languages: codes } };
    const names = codes.map((c) => plan.languages[c] ? `${plan.languages[c]} (${c})` : c);
    summary.textContent = `Checklist for ${choice.modalities.join(", ")}; stages: ${choice.stages.join(", ")}` +
      (names.length ? `; languages: ${names.join(", ")}` : "") + `; release: ${choice.release}.`;
    document.getElementById("plan-languages-note").textContent = unknown.length
      ? `Not a language name or code we know: ${unknown.join(", ")}.`
      : "";
    history.replaceState(null, "", planQuery(choice));
    if (announce) status.textContent = "Checklist updated.";
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update(true);
  });
  // Results follow the form as it changes; typing a language waits for a pause.
  let timer = null;
  form.addEventListener("change", () => update(true));
  form.elements.languages.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(true), 250);
  });
  output.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.dataset.tick) return;
    if (box.checked) ticks.add(box.dataset.tick);
    else ticks.delete(box.dataset.tick);
    saveTicks(ticks);
    showTicks(ticks);
  });
  document.getElementById("plan-markdown").addEventListener("click", async () => {
    if (!latest) await update(false);
    const { plan, docs, phases, choice } = latest;
    const base = new URL(root, window.location.href).href;
    const text = planMarkdown(plan, docs, phases, choice, plan.languages, base);
    const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
    const link = el("a", { href: url, download: "checklist.md" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  document.getElementById("plan-share").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      status.textContent = "Link copied: it opens this checklist with these choices.";
    } catch {
      status.textContent = "Copy the address in the address bar to share these choices.";
    }
  });
  document.getElementById("plan-print").addEventListener("click", () => window.print());

  const restored = readPlanQuery(window.location.search);
  if (restored) {
    fillForm(restored);
    startUp(update(false));
  } else {
    showTicks(ticks);
    startUp(ready);
  }
}
