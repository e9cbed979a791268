// The "Suggest a resource" form on the page: reads the answers, asks suggest-core.js for errors,
// likely duplicates or the file, and shows them.
import { startUp } from "./ready.js";
import { likelyDuplicates, toYaml, validate } from "./suggest-core.js";

// -- the page ------------------------------------------------------------------------------

function answersOf(form, linkKinds) {
  const data = new FormData(form);
  const answers = {};
  for (const key of ["name", "description", "type", "released", "licence", "coverage", "codes", "access", "tags", ...linkKinds]) {
    answers[key] = String(data.get(key) || "");
  }
  answers.sections = data.getAll("sections").map(String);
  answers.modalities = data.getAll("modalities").map(String);
  return answers;
}

function showErrors(form, errors, status) {
  const fields = Object.keys(errors);
  for (const field of fields) {
    const slot = document.getElementById(`e-${field}`);
    if (slot) slot.textContent = errors[field];
    const input = form.elements.namedItem(field);
    if (input && "setAttribute" in input) input.setAttribute("aria-invalid", "true");
  }
  status.textContent = `Please correct ${fields.length} field${fields.length > 1 ? "s" : ""}.`;
  const first = form.querySelector("[aria-invalid=true]") || document.getElementById(`e-${fields[0]}`);
  if (first && first.focus) first.focus();
}

function showDuplicates(duplicates, form) {
  const list = document.getElementById("duplicate-list");
  list.replaceChildren(
    ...duplicates.map(({ existing, reason }) => {
      const item = document.createElement("li");
      const link = Object.assign(document.createElement("a"), { href: `${form.dataset.resources}${existing.id}/`, textContent: existing.name });
      item.append(link, document.createTextNode(` — ${reason}`));
      return item;
    }),
  );
  const section = document.getElementById("duplicates");
  section.hidden = false;
  section.querySelector("h2").focus?.();
}

function showFile(resource, yaml, form) {
  const filename = `${resource.id}.yaml`;
  document.getElementById("result-path").textContent = `catalog/resources/${filename}`;
  document.getElementById("result-yaml").textContent = yaml;
  for (const node of document.querySelectorAll(".result-filename")) node.textContent = filename;
  const download = document.getElementById("result-download");
  download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml" }));
  download.download = filename;
  const github = document.getElementById("result-github");
  if (form.dataset.repo) {
    const params = new URLSearchParams({ filename, value: yaml });
    github.href = `${form.dataset.repo}/new/${form.dataset.branch}/catalog/resources?${params}`;
    github.hidden = false;
  }
  const result = document.getElementById("result");
  result.hidden = false;
  result.querySelector("h2").focus?.();
}

async function setUp() {
  const form = document.getElementById("suggest");
  if (!form) return;
  const load = (url) => fetch(url).then((response) => response.json());
  const [schema, data] = await Promise.all([load(form.dataset.schema), load(form.dataset.contribute)]);
  const status = document.getElementById("form-status");
  // What the last check showed: its messages, the duplicates found or the file made.
  const clear = () => {
    for (const node of form.querySelectorAll(".error")) node.textContent = "";
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const id of ["result", "duplicates"]) document.getElementById(id).hidden = true;
  };
  // "Start again": the browser empties the fields, and the page forgets what it showed.
  form.addEventListener("reset", () => {
    clear();
    status.textContent = "";
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { resource, errors } = validate(answersOf(form, data.rules.yaml.nested_order.links), schema, data.rules, new Date());
    clear();
    if (Object.keys(errors).length) {
      showErrors(form, errors, status);
      return;
    }
    const duplicates = likelyDuplicates(resource, data);
    if (duplicates.length) {
      status.textContent = "The catalog seems to have this resource already; no file was made.";
      showDuplicates(duplicates, form);
      return;
    }
    status.textContent = "The file is ready below.";
    showFile(resource, toYaml(resource, data.rules), form);
  });
}

startUp(setUp());
