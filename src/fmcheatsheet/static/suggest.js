// The "Suggest a resource" form: checks the answers against the catalog's JSON
// Schema (generated from the same model the validator uses) and writes the
// resource file in the catalog's canonical form, as `fmcheatsheet fmt` would.

const WIDTH = 100;
const FOLDED = new Set(["description"]);
const ORDER = ["id", "name", "description", "type", "sections", "modalities", "links", "released", "licence",
  "languages", "access", "tags", "added"];
const LINKS = ["website", "github", "huggingface", "docs", "paper"];
const LINK_HOSTS = { github: ["github.com"], huggingface: ["huggingface.co", "hf.co"] };
const PLAIN_FLOW_ITEM = /^[A-Za-z0-9][A-Za-z0-9 .+#/()_-]*$/;
const DATE_LIKE = /^\d{4}(-\d{2}){0,2}$/;
// Strings YAML 1.1 would read as something other than text: these must be quoted.
const IMPLICIT = [
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:~|null|Null|NULL)$/,
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?/,
  /^(?:<<|=)$/,
];

export function quoted(text) {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}

export function plainOk(text) {
  if (!text || text !== text.trim() || text.includes("\n")) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
  if (text.includes(": ") || text.includes(" #") || text.endsWith(":")) return false;
  if (/[\t\u0000-\u001f\u007f-\u009f\ufeff\u2028\u2029]/.test(text)) return false;
  return !IMPLICIT.some((pattern) => pattern.test(text));
}

export function scalar(value) {
  if (typeof value === "number") return String(value);
  if (DATE_LIKE.test(value)) return value;
  return plainOk(value) ? value : quoted(value);
}

function flowItem(value) {
  return PLAIN_FLOW_ITEM.test(value) && plainOk(value) ? value : quoted(value);
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function emit(lines, key, value, depth) {
  const indent = "  ".repeat(depth);
  const head = `${indent}${key}:`;
  if (Array.isArray(value)) {
    const flow = `[${value.map(flowItem).join(", ")}]`;
    if (head.length + 1 + flow.length <= WIDTH) lines.push(`${head} ${flow}`);
    else {
      lines.push(head);
      for (const item of value) lines.push(`${indent}  - ${flowItem(item)}`);
    }
  } else if (value !== null && typeof value === "object") {
    lines.push(head);
    for (const [k, v] of Object.entries(value)) emit(lines, k, v, depth + 1);
  } else if (typeof value === "string" && (FOLDED.has(key) || head.length + 1 + value.length > WIDTH)) {
    lines.push(`${head} >-`);
    for (const line of wrap(value, WIDTH - indent.length - 2)) lines.push(`${indent}  ${line}`);
  } else {
    lines.push(`${head} ${scalar(value)}`);
  }
}

// The text of a resource file: keys in schema order, canonical formatting.
export function toYaml(resource) {
  const lines = [];
  for (const key of ORDER) if (key in resource) emit(lines, key, resource[key], 0);
  return `${lines.join("\n")}\n`;
}

export function slugify(name) {
  const ascii = name.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "") || "resource";
}

function splitList(text) {
  return text.split(",").map((t) => t.trim()).filter(Boolean);
}

function checkUrl(value) {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return "URL contains spaces or control characters";
  let url;
  try {
    url = new URL(value);
  } catch {
    return "write the URL in full, starting with https://";
  }
  if (!/^https?:$/.test(url.protocol)) return `URL scheme '${url.protocol}' is not allowed; only http and https links are`;
  if (url.username || url.password) return "URL must not carry a user name or password";
  if (!url.hostname.includes(".")) return "URL has no valid host name";
  return null;
}

function paperUrl(value) {
  const arxiv = value.match(/^(?:arxiv:)?(\d{4}\.\d{4,5})(v\d+)?$/i);
  if (arxiv) return `https://arxiv.org/abs/${arxiv[1]}`;
  const doi = value.match(/^(?:doi:)?(10\.\d{4,9}\/\S+)$/i);
  if (doi) return `https://doi.org/${doi[1]}`;
  return value;
}

function licenceProblem(value, known) {
  const special = new Set(["proprietary", "various", "unknown"]);
  if (special.has(value)) return null;
  const tokens = value.match(/\(|\)|[A-Za-z0-9.+:-]+/g) || [];
  for (const token of tokens) {
    if (["(", ")", "AND", "OR", "WITH"].includes(token)) continue;
    if (!known.has(token.replace(/\+$/, ""))) return `unknown licence '${token}' (SPDX ids are case-sensitive)`;
  }
  return tokens.length ? null : "licence is empty";
}

// Checks the answers against the JSON Schema; returns {resource, errors: {field: message}}.
export function validate(answers, schema, today) {
  const props = schema.properties;
  const errors = {};
  const resource = {};
  const name = answers.name.trim();
  if (!name) errors.name = "required";
  else if (name.length > props.name.maxLength) errors.name = `at most ${props.name.maxLength} characters`;
  resource.id = slugify(name);
  resource.name = name;
  const description = answers.description.split(/\s+/).filter(Boolean).join(" ");
  if (description.length < props.description.minLength) {
    errors.description = `at least ${props.description.minLength} characters`;
  } else if (description.length > props.description.maxLength) {
    errors.description = `at most ${props.description.maxLength} characters`;
  }
  resource.description = description;
  if (!props.type.enum.includes(answers.type)) errors.type = "choose a type";
  resource.type = answers.type;
  if (!answers.sections.length) errors.sections = "choose at least one section";
  resource.sections = answers.sections;
  if (!answers.modalities.length) errors.modalities = "choose at least one modality";
  resource.modalities = answers.modalities;
  const links = {};
  for (const kind of LINKS) {
    let value = answers[kind].trim();
    if (!value) continue;
    if (kind === "paper") value = paperUrl(value);
    const problem = checkUrl(value);
    if (problem) errors[kind] = problem;
    else if (LINK_HOSTS[kind] && !LINK_HOSTS[kind].includes(new URL(value).hostname.replace(/^www\./, ""))) {
      errors[kind] = `not a ${LINK_HOSTS[kind][0]} address; put other sites under website or docs`;
    }
    links[kind] = value;
  }
  if (!Object.keys(links).length) errors.links = "give at least one link";
  resource.links = links;
  const released = answers.released.trim();
  if (released) {
    const match = released.match(new RegExp(props.released.pattern));
    const [year, month] = released.split("-").map(Number);
    if (!match) errors.released = "write YYYY or YYYY-MM";
    else if (month && (month < 1 || month > 12)) errors.released = "months run from 01 to 12";
    else if (year < 1950) errors.released = "before 1950; leave it out if unknown";
    else if (year > today.getFullYear() || (year === today.getFullYear() && (month || 1) > today.getMonth() + 1)) {
      errors.released = "is in the future";
    }
    resource.released = released;
  }
  const licence = answers.licence.trim();
  if (licence) {
    const known = new Set(props.licence.anyOf[0].enum);
    const problem = licenceProblem(licence, known);
    if (problem) errors.licence = problem;
    resource.licence = licence;
  }
  const codes = splitList(answers.codes);
  if (answers.coverage || codes.length) {
    const coverage = props.languages ? answers.coverage : answers.coverage;
    if (!coverage) errors.coverage = "choose a coverage for the languages you listed";
    for (const code of codes) if (!/^[a-z]{2,3}$/.test(code)) errors.codes = `'${code}' is not an ISO 639 code`;
    resource.languages = codes.length ? { coverage, codes } : { coverage };
  }
  if (answers.access) resource.access = answers.access;
  const tags = splitList(answers.tags);
  const tagPattern = new RegExp(props.tags.items.pattern);
  for (const tag of tags) if (!tagPattern.test(tag)) errors.tags = `'${tag}' is not lowercase kebab-case`;
  if (tags.length) resource.tags = tags;
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  resource.added = day;
  return { resource, errors };
}

function answersOf(form) {
  const data = new FormData(form);
  const answers = {};
  for (const key of ["name", "description", "type", "released", "licence", "coverage", "codes", "access", "tags", ...LINKS]) {
    answers[key] = String(data.get(key) || "");
  }
  answers.sections = data.getAll("sections").map(String);
  answers.modalities = data.getAll("modalities").map(String);
  return answers;
}

async function setUp() {
  const form = document.getElementById("suggest");
  if (!form) return;
  const schema = await (await fetch(form.dataset.schema)).json();
  const status = document.getElementById("form-status");
  const result = document.getElementById("result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { resource, errors } = validate(answersOf(form), schema, new Date());
    for (const node of form.querySelectorAll(".error")) node.textContent = "";
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const fields = Object.keys(errors);
    if (fields.length) {
      for (const field of fields) {
        const slot = document.getElementById(`e-${field}`);
        if (slot) slot.textContent = errors[field];
        const input = form.elements.namedItem(field);
        if (input && "setAttribute" in input) input.setAttribute("aria-invalid", "true");
      }
      status.textContent = `Please correct ${fields.length} field${fields.length > 1 ? "s" : ""}.`;
      const first = form.querySelector("[aria-invalid=true]") || document.getElementById(`e-${fields[0]}`);
      if (first && first.focus) first.focus();
      result.hidden = true;
      return;
    }
    const yaml = toYaml(resource);
    const filename = `${resource.id}.yaml`;
    status.textContent = "The file is ready below.";
    document.getElementById("result-path").textContent = `catalog/resources/${filename}`;
    document.getElementById("result-yaml").textContent = yaml;
    const download = document.getElementById("result-download");
    download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml" }));
    download.download = filename;
    const github = document.getElementById("result-github");
    if (form.dataset.repo) {
      const params = new URLSearchParams({ filename, value: yaml });
      github.href = `${form.dataset.repo}/new/${form.dataset.branch}/catalog/resources?${params}`;
      github.hidden = false;
    }
    result.hidden = false;
    result.querySelector("h2").focus?.();
  });
}

setUp();
