// The "Suggest a resource" form's rules, with no page access: checks a suggestion with the rules of
// `fmcheatsheet add` and writes the resource file in the catalog's canonical form, as `fmcheatsheet fmt` would.
// Every rule's data comes from the build, generated from the Python definitions: the JSON
// Schema (fields, vocabularies, limits) and contribute.json (text rules, when YAML needs
// quotes, licence syntax, the duplicate rule and the catalog's names and normalised links).
// tests/test_suggest_conformance.py compares each function here with its Python counterpart under Node.

// -- text ---------------------------------------------------------------------------

const codePoints = (text) => Array.from(text).length;

function spaces(rules) {
  const run = new RegExp(`${rules.spaces}+`, "g");
  const edges = new RegExp(`^${rules.spaces}+|${rules.spaces}+$`, "g");
  return {
    strip: (text) => text.replace(edges, ""),
    collapse: (text) => text.replace(edges, "").replace(run, " "),
  };
}

function forbiddenCharacter(text, what, rules) {
  const found = text.match(new RegExp(rules.forbidden));
  if (!found) return null;
  const code = found[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `${what} contains the invisible character U+${code}`;
}

// -- YAML, as canonical.py writes it ------------------------------------------------------

export function plainOk(text, yaml) {
  if (!text) return false;
  const plain = yaml.plain;
  const patterns = [plain.starts_structure, plain.holds_structure, plain.needs_escape, plain.space_at_an_end, ...plain.implicit];
  return !patterns.some((source) => new RegExp(source).test(text));
}

export function quoted(text, yaml) {
  const needsEscape = new RegExp(yaml.plain.needs_escape);
  let out = "";
  for (const char of text) {
    if (char === "\\" || char === '"') out += yaml.escapes[char];
    else if (needsEscape.test(char)) {
      const code = char.codePointAt(0);
      out += yaml.escapes[char] || (code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
    } else out += char;
  }
  return `"${out}"`;
}

function scalar(value, yaml) {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return plainOk(value, yaml) ? value : quoted(value, yaml);
}

function flowItem(value, yaml) {
  return new RegExp(yaml.flow_item).test(value) && plainOk(value, yaml) ? value : quoted(value, yaml);
}

// Greedy filling at word boundaries, like Python's textwrap without breaking long words.
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ").filter(Boolean)) {
    if (!line) line = word;
    else if (codePoints(line) + 1 + codePoints(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function emit(lines, key, value, depth, context) {
  const { yaml, space } = context;
  const indent = yaml.indent.repeat(depth);
  const head = `${indent}${key}:`;
  const folded = yaml.folded.includes(key);
  if (Array.isArray(value)) {
    const flow = `[${value.map((item) => flowItem(item, yaml)).join(", ")}]`;
    if (codePoints(head) + 1 + codePoints(flow) <= yaml.width) lines.push(`${head} ${flow}`);
    else {
      lines.push(head);
      for (const item of value) lines.push(`${indent}${yaml.indent}- ${flowItem(item, yaml)}`);
    }
  } else if (value !== null && typeof value === "object") {
    lines.push(head);
    const order = yaml.nested_order[key] || Object.keys(value);
    for (const k of order) if (k in value) emit(lines, k, value[k], depth + 1, context);
  } else if (typeof value === "string" && folds(key, value, context) && (folded || codePoints(head) + 1 + codePoints(value) > yaml.width)) {
    lines.push(`${head} >-`);
    for (const line of wrap(space.collapse(value), yaml.width - indent.length - yaml.indent.length)) lines.push(`${indent}${yaml.indent}${line}`);
  } else {
    lines.push(`${head} ${scalar(value, yaml)}`);
  }
}

// A folded block keeps prose up to its spacing, and other text only if its spacing is already single.
function folds(key, value, { yaml, space }) {
  const body = space.collapse(value);
  if (new RegExp(yaml.plain.needs_escape).test(body)) return false;
  return yaml.folded.includes(key) || value === body;
}

// The text of a resource file: keys in schema order, canonical formatting.
export function toYaml(resource, rules) {
  const context = { yaml: rules.yaml, space: spaces(rules) };
  const lines = [];
  for (const key of rules.yaml.order) if (key in resource) emit(lines, key, resource[key], 0, context);
  return `${lines.join("\n")}\n`;
}

// -- the duplicate rule of `fmcheatsheet add` ---------------------------------------------

export function slugify(name, rules) {
  const ascii = name.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, rules.id.max).replace(/-+$/, "") || "resource";
}

function splitUrl(url) {
  const [, scheme, netloc, path, query] = url.match(/^(?:([^:/?#]+):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/);
  const hostPort = (netloc || "").slice((netloc || "").lastIndexOf("@") + 1);
  const host = hostPort.startsWith("[") ? hostPort.slice(1, hostPort.indexOf("]")) : hostPort.split(":")[0];
  return { scheme: scheme || "", host: host.toLowerCase(), path: path || "", query: query || "" };
}

const byCodePoint = (a, b) => {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

// urls.normalize_url, step by step, with its data.
export function normalizeUrl(url, rules) {
  const parts = splitUrl(url.trim());
  let host = parts.host.replace(/^www\./, "");
  let path = parts.path;
  if (rules.arxiv_hosts.includes(host)) {
    const paper = path.match(new RegExp(rules.arxiv_path));
    if (paper) return `arxiv:${paper[1].toLowerCase()}`;
  }
  if (rules.doi_hosts.includes(parts.host.replace(/^dx\./, ""))) {
    const value = path.replace(/^\/+/, "");
    if (value) return `doi:${value.toLowerCase()}`;
  }
  const pages = host.match(new RegExp(rules.github_io));
  if (pages) {
    const repo = path.replace(/^\/+|\/+$/g, "").split("/")[0];
    host = "github.com";
    path = repo ? `/${pages[1]}/${repo}` : `/${pages[1]}`;
  }
  let hostPath;
  if (host === "github.com") {
    let segments = path.split("/").filter(Boolean);
    if (segments.length >= 4 && ["tree", "blob"].includes(segments[2]) && rules.github_default_branches.includes(segments[3])) {
      segments = [...segments.slice(0, 2), ...segments.slice(4)];
    }
    if (segments.length >= 2 && segments[1].endsWith(".git")) segments[1] = segments[1].slice(0, -4);
    hostPath = `${host}/${segments.join("/")}`.toLowerCase();
  } else {
    hostPath = `${host}${path}`;
  }
  hostPath = hostPath.replace(/\/+$/, "");
  for (const suffix of rules.index_pages) if (hostPath.endsWith(suffix)) hostPath = hostPath.slice(0, -suffix.length);
  const noise = new RegExp(rules.noise_params);
  const query = parts.query.split("&").filter((pair) => pair && !noise.test(pair.split("=")[0]));
  if (query.length) hostPath += `?${query.sort(byCodePoint).join("&")}`;
  return hostPath;
}

export function foldName(name, rules) {
  const space = spaces(rules);
  const latin = Array.from(name.normalize("NFKD"), (ch) => rules.names.lookalikes[ch] || ch).join("");
  return space.strip(latin).replace(new RegExp(rules.names.article, "i"), "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

// difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(): the total size of the matching blocks.
function matchingCharacters(a, b) {
  const b2j = new Map();
  for (let j = 0; j < b.length; j++) {
    if (!b2j.has(b[j])) b2j.set(b[j], []);
    b2j.get(b[j]).push(j);
  }
  const longest = (alo, ahi, blo, bhi) => {
    let [besti, bestj, bestsize] = [alo, blo, 0];
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const next = new Map();
      for (const j of b2j.get(a[i]) || []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        next.set(j, k);
        if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
      }
      j2len = next;
    }
    return [besti, bestj, bestsize];
  };
  let total = 0;
  const queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [alo, ahi, blo, bhi] = queue.pop();
    const [i, j, k] = longest(alo, ahi, blo, bhi);
    if (!k) continue;
    total += k;
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  return total;
}

export function nameSimilarity(a, b, rules) {
  if (a === b) return 1;
  const digits = (text) => (text.match(/[0-9]+/g) || []).join(" ");
  if (digits(a) !== digits(b)) return 0;
  if (Math.min(a.length, b.length) < rules.names.min_compared) return 0;
  const length = a.length + b.length;
  return length ? (2 * matchingCharacters(a, b)) / length : 1;
}

// checks.link_roles: each link by its normal form, with its role (primary, link or paper).
function linkRoles(resource, rules) {
  const links = Object.entries(resource.links).filter(([, url]) => url);
  const primaryKind = resource.primary || rules.duplicates.primary_order.find((kind) => links.some(([k]) => k === kind));
  const rank = { primary: 0, link: 1, paper: 2 };
  const roles = new Map();
  for (const [kind, url] of links) {
    const role = kind === primaryKind ? "primary" : kind === "paper" ? "paper" : "link";
    const key = normalizeUrl(url, rules.urls);
    if (!roles.has(key) || rank[role] < rank[roles.get(key)]) roles.set(key, role);
  }
  return roles;
}

// checks.variant_names: sibling variants ("Open RAIL-S", "Open RAIL-M") are not duplicates.
function variantNames(a, b) {
  const wordsA = a.toLowerCase().match(/[a-z0-9]+/g) || [];
  const wordsB = b.toLowerCase().match(/[a-z0-9]+/g) || [];
  if (wordsA.length !== wordsB.length) return false;
  const different = wordsA.map((w, i) => [w, wordsB[i]]).filter(([x, y]) => x !== y);
  return different.length === 1 && different[0][0].length === 1 && different[0][1].length === 1;
}

// contribute.likely_duplicates: the same id, or a pair scoring as a likely duplicate under
// checks.duplicate_pairs (weights, bonus and threshold from the data).
export function likelyDuplicates(resource, data) {
  const { rules } = data;
  const rule = rules.duplicates;
  const mine = linkRoles(resource, rules);
  const folded = foldName(resource.name, rules);
  const found = [];
  for (const [id, name, url, existingFolded, links] of data.resources) {
    const existing = { id, name, url };
    if (id === resource.id) {
      found.push({ existing, reason: "same id" });
      continue;
    }
    const weights = [];
    const reasons = [];
    for (const [key, role] of links) {
      if (!mine.has(key)) continue;
      const roles = [mine.get(key), role];
      const signal = roles.includes("paper") ? "paper" : roles.includes("primary") ? "primary" : "link";
      weights.push(rule.signals[signal]);
      reasons.push(`same ${signal === "primary" ? "main link" : signal} ${key}`);
    }
    if (!variantNames(resource.name, name)) {
      const similarity = nameSimilarity(folded, existingFolded, rules);
      if (similarity >= rules.names.similarity) {
        weights.push(Math.round(similarity * 1000) / 1000);
        reasons.push(`near-identical name '${name}'`);
      } else if (similarity >= rules.names.similar) {
        weights.push(rule.signals["similar-name"]);
        reasons.push(`similar name '${name}'`);
      }
    }
    if (!weights.length) continue;
    const score = Math.round(Math.min(1, Math.max(...weights) + rule.bonus * (weights.length - 1)) * 1000) / 1000;
    if (score >= rule.likely) found.push({ existing, reason: reasons.join("; ") });
  }
  return found;
}

// -- licences: the SPDX expression grammar of licences.py ---------------------------------

export function licenceProblem(value, known, rules) {
  if (["proprietary", "various", "unknown"].includes(value)) return null;
  const space = spaces(rules);
  const text = space.strip(value);
  const token = new RegExp(rules.licences.token, "y");
  const tokens = [];
  for (let position = 0; position < text.length; ) {
    token.lastIndex = position;
    const match = token.exec(text);
    if (!match) return `malformed licence expression '${value}'`;
    tokens.push(match[1]);
    position = token.lastIndex;
  }
  if (!tokens.length) return "licence is empty";
  const ids = [];
  let at = 0;
  const isOperator = (t) => ["and", "or", "with"].includes(t.toLowerCase());
  const atom = () => {
    if (at >= tokens.length) throw new Error("licence expression ends too early");
    const t = tokens[at];
    if (t === "(") {
      at += 1;
      either();
      if (at >= tokens.length || tokens[at] !== ")") throw new Error("unbalanced parenthesis in licence expression");
      at += 1;
      return;
    }
    if (t === ")" || isOperator(t)) throw new Error(`unexpected '${t}' in licence expression`);
    ids.push(t.endsWith("+") ? t.replace(/\++$/, "") : t);
    at += 1;
    if (at < tokens.length && tokens[at] === "WITH") {
      if (at + 1 >= tokens.length) throw new Error("WITH must be followed by an exception id");
      ids.push(tokens[at + 1]);
      at += 2;
    }
  };
  const both = () => {
    atom();
    while (at < tokens.length && tokens[at] === "AND") {
      at += 1;
      atom();
    }
  };
  const either = () => {
    both();
    while (at < tokens.length && tokens[at] === "OR") {
      at += 1;
      both();
    }
  };
  try {
    either();
    if (at !== tokens.length) {
      const t = tokens[at];
      return isOperator(t) ? `unexpected '${t}' in licence expression` : `malformed licence expression '${value}'`;
    }
  } catch (error) {
    return error.message;
  }
  const exceptions = new Set(rules.licences.exceptions);
  const unknown = ids.find((id) => !known.has(id) && !exceptions.has(id));
  return unknown ? `unknown licence '${unknown}' (SPDX ids are case-sensitive)` : null;
}

// -- the whole suggestion ------------------------------------------------------------------

function splitList(text) {
  return text.split(",").map((t) => t.trim()).filter(Boolean);
}

function checkUrl(value, maxLength) {
  if (codePoints(value) > maxLength) return `URL is ${codePoints(value).toLocaleString("en")} characters long; links are limited to ${maxLength.toLocaleString("en")}`;
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

// Checks the answers; returns {resource, errors: {field: message}}.
export function validate(answers, schema, rules, today) {
  const props = schema.properties;
  const links = schema.$defs.Links.properties;
  const hosts = rules.link_hosts;
  const space = spaces(rules);
  const errors = {};
  const resource = {};
  // Forbidden characters are looked for before spaces are tidied, as the validator does.
  const name = space.strip(answers.name);
  errors.name = forbiddenCharacter(answers.name, "name", rules) || undefined;
  if (!name) errors.name = "required";
  else if (codePoints(name) > props.name.maxLength) errors.name = `at most ${props.name.maxLength} characters`;
  resource.id = slugify(name, rules);
  resource.name = name;
  const description = space.collapse(answers.description);
  const descriptionLength = codePoints(description);
  errors.description = forbiddenCharacter(answers.description, "description", rules) || undefined;
  if (descriptionLength < props.description.minLength) {
    errors.description = `at least ${props.description.minLength} characters`;
  } else if (descriptionLength > props.description.maxLength) {
    errors.description = `at most ${props.description.maxLength} characters`;
  }
  resource.description = description;
  if (!props.type.enum.includes(answers.type)) errors.type = "choose a type";
  resource.type = answers.type;
  if (!answers.sections.length) errors.sections = "choose at least one section";
  resource.sections = answers.sections;
  if (!answers.modalities.length) errors.modalities = "choose at least one modality";
  resource.modalities = answers.modalities;
  resource.links = {};
  for (const kind of rules.yaml.nested_order.links) {
    let value = answers[kind].trim();
    if (!value) continue;
    if (kind === "paper") value = paperUrl(value);
    const problem = checkUrl(value, links[kind].maxLength);
    if (problem) errors[kind] = problem;
    else if (hosts[kind] && !hosts[kind].includes(new URL(value).hostname.toLowerCase().replace(/^www\./, ""))) {
      errors[kind] = `not a ${hosts[kind][0]} address; put other sites under website or docs`;
    }
    resource.links[kind] = value;
  }
  if (!Object.keys(resource.links).length) errors.links = "give at least one link";
  const released = answers.released.trim();
  if (released) {
    const [year, month] = released.split("-").map(Number);
    if (!new RegExp(props.released.pattern).test(released)) errors.released = "write YYYY or YYYY-MM";
    else if (month && (month < 1 || month > 12)) errors.released = "months run from 01 to 12";
    else if (year < 1950) errors.released = "before 1950; leave it out if unknown";
    else if (year > today.getFullYear() || (year === today.getFullYear() && (month || 1) > today.getMonth() + 1)) {
      errors.released = "is in the future";
    }
    resource.released = released;
  }
  const licence = answers.licence.trim();
  if (licence) {
    const licenceSchema = props.licence.anyOf.find((option) => option.enum);
    errors.licence = licenceProblem(licence, new Set(licenceSchema.enum), rules) || undefined;
    resource.licence = licence;
  }
  const codes = splitList(answers.codes);
  if (answers.coverage || codes.length) {
    const coverage = answers.coverage;
    if (!coverage) errors.coverage = "choose a coverage for the languages you listed";
    else if (coverage === "english-only" && codes.some((code) => !["en", "eng"].includes(code))) {
      errors.coverage = "coverage is english-only but codes name other languages";
    } else if (coverage === "monolingual" && codes.length > 1) {
      errors.coverage = "coverage is monolingual but several codes are listed";
    }
    const known = new Set(rules.languages.split(" "));
    const unknown = codes.find((code) => !known.has(code));
    if (unknown) errors.codes = `'${unknown}' is not an ISO 639 code`;
    else if (new Set(codes).size < codes.length) errors.codes = "a language is listed twice";
    resource.languages = codes.length ? { coverage, codes } : { coverage };
  }
  if (answers.access) resource.access = answers.access;
  const tags = splitList(answers.tags);
  const tagSchema = props.tags;
  const tagPattern = new RegExp(tagSchema.items.pattern);
  if (tags.length > tagSchema.maxItems) errors.tags = `at most ${tagSchema.maxItems} tags`;
  for (const tag of tags) {
    if (codePoints(tag) > tagSchema.items.maxLength) errors.tags = `'${tag}' is longer than ${tagSchema.items.maxLength} characters`;
    else if (!tagPattern.test(tag)) errors.tags = `'${tag}' is not lowercase kebab-case`;
  }
  if (!errors.tags && new Set(tags).size < tags.length) errors.tags = "a tag is listed twice";
  if (tags.length) resource.tags = tags;
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  resource.added = day;
  for (const field of Object.keys(errors)) if (errors[field] === undefined) delete errors[field];
  return { resource, errors };
}
