// The licence-check page: pick resources, see the combined result. The rules are in licencecheck.js.
import { combine } from "./licencecheck.js";
import { el, idsFromUrl, resourcePicker } from "./picker.js";
import { startUp } from "./ready.js";

const MAX = 12;
const form = document.getElementById("licence-form");
const picked = document.getElementById("licence-picked");
const result = document.getElementById("licence-result");
const commercialBox = document.getElementById("licence-commercial");
const root = document.body.dataset.root || "./";

let data = null;
let ids = [];

function sync() {
  const params = new URLSearchParams();
  if (ids.length) params.set("ids", ids.join(","));
  if (commercialBox.checked) params.set("commercial", "1");
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  render();
}

function add(id) {
  if (!ids.includes(id) && ids.length < MAX && data.rows[id]) ids.push(id);
  sync();
}

function remove(id) {
  ids = ids.filter((other) => other !== id);
  sync();
}

function link(href, text) {
  return el("a", { href, rel: "noopener noreferrer external" }, text);
}

function renderPicked() {
  picked.replaceChildren(
    ...ids.map((id) => {
      const button = el("button", { type: "button", class: "link-button", "aria-label": `Remove ${data.rows[id].name}` }, "remove");
      button.addEventListener("click", () => remove(id));
      return el("li", {}, el("a", { href: `${root}resources/${id}/` }, data.rows[id].name), " ", button);
    }),
  );
}

function resourceTable(rows) {
  const head = el("tr", {}, ...["Resource", "Licence", "Class", "Conditions", "Source"].map((h) => el("th", { scope: "col" }, h)));
  const body = rows.map((row) => {
    const names = row.licence_ids.length ? row.licence_names : [row.licence || "not stated"];
    const licence = el("td", {});
    names.forEach((name, i) => {
      const url = data.licences[row.licence_ids[i]]?.url;
      licence.append(i ? ", " : "", url ? link(url, name) : name);
    });
    const sources = el("td", {});
    if (row.sources.length) row.sources.forEach((url, i) => sources.append(i ? " " : "", link(url, `source${row.sources.length > 1 ? ` ${i + 1}` : ""}`)));
    else sources.append("none recorded");
    const conditions = row.conditions.length ? row.conditions.join(", ") : row.unknown ? "unknown" : "none";
    licence.dataset.label = "Licence";
    sources.dataset.label = "Source";
    return el(
      "tr",
      {},
      el("th", { scope: "row" }, el("a", { href: `${root}resources/${row.id}/` }, row.name)),
      licence,
      el("td", { "data-label": "Class" }, row.class),
      el("td", { "data-label": "Conditions" }, conditions),
      sources,
    );
  });
  return el("table", { class: "results-table licence-table" }, el("caption", {}, "Each resource's licence"), el("thead", {}, head), el("tbody", {}, ...body));
}

function list(title, items) {
  if (!items.length) return null;
  return el("section", { class: "check-part" }, el("h3", {}, title), el("ul", {}, ...items.map((item) => el("li", {}, ...item))));
}

function render() {
  renderPicked();
  const parts = [el("h2", { id: "licence-result-title" }, "Result")];
  if (!ids.length) {
    parts.push(el("p", { class: "muted" }, "Add resources to check them together."));
    result.replaceChildren(...parts);
    return;
  }
  const rows = ids.map((id) => data.rows[id]);
  const check = combine(rows, data, commercialBox.checked);
  const name = (id) => data.rows[id].name;
  const verdict = el("p", { class: `verdict use-${check.commercial_use}` }, "Commercial use of this combination: ", el("strong", {}, data.verdicts[check.commercial_use]));
  parts.push(verdict);
  if (check.blockers.length) {
    parts.push(el("p", {}, "Blocked by: " + check.blockers.map((b) => `${name(b.resource)} (${b.conditions.join(", ")})`).join("; ") + "."));
  }
  parts.push(resourceTable(rows));
  parts.push(list("What you must do", check.obligations.map((o) => [el("strong", {}, o.condition), ` (${o.resources.map(name).join(", ")}): ${o.text}`])));
  parts.push(list("Conflicts", check.conflicts.map((c) => [c.reason])));
  parts.push(list("Unknown, and not permission", check.unknowns.map((u) => [`${name(u.resource)}: ${u.reason}`])));
  parts.push(list("Particular terms", rows.flatMap((row) => row.notes.map((note) => [el("strong", {}, row.name), `: ${note}`]))));
  parts.push(el("p", { class: "muted" }, check.disclaimer));
  result.replaceChildren(...parts.filter(Boolean));
}

async function start() {
  const response = await fetch(form.dataset.licences);
  data = await response.json();
  ids = idsFromUrl().filter((id) => data.rows[id]).slice(0, MAX);
  commercialBox.checked = new URLSearchParams(window.location.search).get("commercial") === "1";
  commercialBox.addEventListener("change", sync);
  resourcePicker(document.getElementById("licence-add"), document.getElementById("licence-options"), add);
  render();
}

startUp(start());
