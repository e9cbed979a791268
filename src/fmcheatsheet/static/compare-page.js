// The comparison page: the table for the resources in the address, and a box to add more.
import { compareRows } from "./compare.js";
import { el, idsFromUrl, resourcePicker } from "./picker.js";
import { saveSelection } from "./compare-select.js";
import { startUp } from "./ready.js";

const form = document.getElementById("compare-form");
const result = document.getElementById("compare-result");
const root = document.body.dataset.root || "./";
let data = null;
let ids = [];

function sync() {
  history.replaceState(null, "", ids.length ? `?ids=${ids.join(",")}` : window.location.pathname);
  saveSelection(ids);
  render();
}

function render() {
  const rows = compareRows(data, ids);
  if (!rows) {
    const chosen = ids.map((id) => data.resources[id].name).join(", ");
    const text = ids.length ? `Chosen: ${chosen}. Add ${data.min - ids.length > 0 ? "at least one more" : "no more than " + data.max}.` : "Choose two to four resources.";
    result.replaceChildren(el("p", { class: "muted" }, text));
    return;
  }
  const head = el("tr", {}, el("td", {}));
  for (const id of ids) {
    const remove = el("button", { type: "button", class: "link-button", "aria-label": `Remove ${data.resources[id].name}` }, "remove");
    remove.addEventListener("click", () => {
      ids = ids.filter((other) => other !== id);
      sync();
    });
    head.append(el("th", { scope: "col" }, el("a", { href: `${root}resources/${id}/` }, data.resources[id].name), " ", remove));
  }
  const body = rows.map((row) =>
    el(
      "tr",
      { class: row.differs ? "differs" : "" },
      el("th", { scope: "row" }, row.label, row.differs ? el("span", { class: "differs-mark" }, " (differs)") : null),
      ...row.values.map((value, i) => el("td", { "data-label": data.resources[ids[i]].name }, value)),
    ),
  );
  const table = el("table", { class: "compare-table" }, el("caption", { class: "visually-hidden" }, "Comparison"), el("thead", {}, head), el("tbody", {}, ...body));
  const share = el("p", { class: "muted" }, "Share this comparison: copy the page address. From the command line: ", el("code", {}, `fmcheatsheet compare ${ids.join(" ")}`));
  result.replaceChildren(el("div", { class: "table-scroll" }, table), share);
}

async function start() {
  const response = await fetch(form.dataset.compare);
  data = await response.json();
  ids = idsFromUrl().filter((id) => data.resources[id]).slice(0, data.max);
  resourcePicker(document.getElementById("compare-add"), document.getElementById("compare-options"), (id) => {
    if (!ids.includes(id) && ids.length < data.max) ids.push(id);
    sync();
  });
  render();
}

startUp(start());
