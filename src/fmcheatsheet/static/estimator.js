// The estimator page: reads the form, asks estimator-core.js for the numbers and draws them.
// All arithmetic and wording of results lives in the core module; this file only touches the page.
import { estimate, fixed, grouped, mass, modelCard, parseNumber } from "./estimator-core.js";
import { startUp } from "./ready.js";

const NUMBERS = [
  "params", "tokens", "budget_flops", "gpus", "mfu", "gpu_hours", "power_watts", "overhead", "pue",
  "intensity", "wue", "water_offsite", "embodied_kg", "lifetime_years", "serving_utilisation",
];
const CHOICES = ["rule", "fit", "gpu", "region", "training_type"];
const SVG = "http://www.w3.org/2000/svg";

const sci = (v) => v.toExponential(3).replace("e+", "e");
const LABELS = {
  flops: ["Training compute", (v) => `${sci(v)} FLOPs`],
  optimal_params: ["Compute-optimal parameters", (v) => `${fixed(v / 1e9, 2)} B`],
  optimal_tokens: ["Compute-optimal tokens", (v) => `${fixed(v / 1e9, 1)} B`],
  predicted_loss: ["Predicted loss (fitted)", (v) => fixed(v, 3)],
  gpu_hours: ["GPU-hours", grouped],
  wall_clock_days: ["Wall-clock time", (v) => `${fixed(v, 1)} days`],
  energy_kwh: ["Energy", (v) => `${grouped(v)} kWh`],
  emissions_tco2e: ["Operational emissions", mass],
  embodied_tco2e: ["Embodied emissions (separate)", mass],
  water_liters: ["Water", (v) => `${grouped(v)} L`],
  serving_kwh_per_million_tokens: ["Serving energy per million tokens", (v) => `${fixed(v, 4)} kWh`],
  serving_kg_co2e_per_million_tokens: ["Serving emissions per million tokens", (v) => `${fixed(v * 1000, 2)} g CO2e`],
};

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function svgElement(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

// The form's fields as estimator inputs, or the list of fields that are not numbers.
function readForm(form, data) {
  const values = new FormData(form);
  const inputs = {};
  const errors = [];
  for (const name of NUMBERS) {
    const text = String(values.get(name) || "").trim();
    if (!text) continue;
    const value = parseNumber(text, data.number_suffixes, data.number_pattern);
    if (value === null) {
      const label = form.elements.namedItem(name).labels[0].firstChild.textContent.trim();
      errors.push(`${label}: '${text}' is not a number`);
    }
    else inputs[name] = name === "gpus" ? Math.round(value) : value;
  }
  for (const name of CHOICES) {
    const value = String(values.get(name) || "");
    if (value) inputs[name] = value;
  }
  return { inputs, errors };
}

// Only what differs from the page's defaults goes into the address, so links stay short.
function shareableQuery(form) {
  const query = new URLSearchParams();
  for (const field of form.elements) {
    if (!field.name || !field.value) continue;
    if (field.tagName === "SELECT" && field.selectedOptions[0]?.defaultSelected) continue;
    query.set(field.name, field.value.trim());
  }
  return query.toString();
}

function restore(form, search) {
  const query = new URLSearchParams(search);
  for (const [name, value] of query) {
    const field = form.elements.namedItem(name);
    if (field && "value" in field) field.value = value;
  }
  return [...query.keys()].length > 0;
}

function resultRows(results) {
  return Object.entries(LABELS)
    .filter(([key]) => key in results)
    .map(([key, [label, format]]) => {
      const row = element("tr");
      const value = element("td", format(results[key]), { "data-key": key, "data-value": String(results[key]) });
      if (`${key}_low` in results) {
        value.append(element("span", ` (range ${format(results[`${key}_low`])} to ${format(results[`${key}_high`])})`, { class: "muted" }));
      }
      row.append(element("th", label, { scope: "row" }), value);
      return row;
    });
}

// Horizontal bars on a logarithmic scale: runs differ by orders of magnitude.
function chart(data, tonnes) {
  const runs = [{ name: "This run", value: tonnes, mine: true }, ...data.published.map((p) => ({ name: p.name, value: p.emissions_tco2e }))]
    .filter((run) => run.value > 0)
    .sort((a, b) => b.value - a.value);
  // Narrow enough that phones scale the text only a little.
  const label = 112;
  const width = 400;
  const rowHeight = 26;
  const plot = width - label - 74;
  const low = Math.log10(Math.min(...runs.map((r) => r.value)) / 2);
  const high = Math.log10(Math.max(...runs.map((r) => r.value)) * 1.2);
  const height = runs.length * rowHeight + 8;
  const described = runs.map((r) => `${r.name}: ${mass(r.value)}`).join("; ");
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-labelledby": "estimate-svg-title estimate-svg-desc",
  });
  svg.append(
    svgElement("title", { id: "estimate-svg-title" }, "Operational emissions of this run and of published training runs"),
    svgElement("desc", { id: "estimate-svg-desc" }, `Logarithmic scale. ${described}.`),
    svgElement("rect", { width, height, fill: "#ffffff" }),
  );
  runs.forEach((run, index) => {
    const y = index * rowHeight + 4;
    const length = Math.max(2, ((Math.log10(run.value) - low) / (high - low)) * plot);
    const ink = run.mine ? "#a33a00" : "#1f4e79";
    const font = { "font-size": 13, "font-family": "system-ui, sans-serif" };
    svg.append(
      svgElement("text", { x: label - 6, y: y + 15, "text-anchor": "end", fill: "#1b1f24", "font-weight": run.mine ? 700 : 400, ...font }, run.name),
      svgElement("rect", { x: label, y: y + 3, width: length, height: rowHeight - 10, fill: ink, rx: 2 }),
      svgElement("text", { x: label + length + 4, y: y + 15, fill: "#1b1f24", ...font }, mass(run.value)),
    );
  });
  return svg;
}

function otherRegions(data, inputs) {
  const ids = [...data.comparison_regions];
  if (inputs.region && !ids.includes(inputs.region)) ids.unshift(inputs.region);
  return ids
    .map((id) => {
      const region = data.regions.find((r) => r.id === id);
      const other = estimate({ ...inputs, region: id, intensity: undefined }, data);
      return { region, tonnes: other.results?.emissions_tco2e };
    })
    .filter((row) => row.region && row.tonnes !== undefined)
    .sort((a, b) => a.tonnes - b.tonnes)
    .map(({ region, tonnes }) => {
      const row = element("tr");
      const name = element("th", region.name, { scope: "row" });
      if (region.id === inputs.region) {
        name.append(element("span", " (your choice)", { class: "muted" }));
        row.className = "current";
      }
      name.append(element("br"), element("span", `${region.kg_co2e_per_kwh} kg CO2e/kWh, ${region.year}`, { class: "muted" }));
      row.append(name, element("td", mass(tonnes)));
      return row;
    });
}

async function copy(text, status, done) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = done;
  } catch {
    status.textContent = "Copying is blocked here: select the text and copy it yourself.";
  }
}

function setUp() {
  const form = document.getElementById("estimate-form");
  if (!form) return;
  const page = {
    output: document.getElementById("estimate-output"),
    notes: document.getElementById("estimate-assumptions"),
    notesBox: document.getElementById("estimate-notes-box"),
    status: document.getElementById("estimate-status"),
    extra: document.getElementById("estimate-extra"),
    chart: document.getElementById("estimate-chart"),
    regions: document.getElementById("estimate-regions"),
    cardBox: document.getElementById("estimate-card-box"),
    card: document.getElementById("estimate-card"),
  };
  const idle = page.status.textContent;
  const dataPromise = fetch(form.dataset.data).then((r) => r.json());
  let timer = null;

  const update = async () => {
    const data = await dataPromise;
    const query = shareableQuery(form);
    const search = query ? `?${query}` : "";
    if (search !== location.search) history.replaceState(null, "", search || location.pathname);
    const { inputs, errors } = readForm(form, data);
    const filled = Object.keys(inputs).some((key) => NUMBERS.includes(key) || key === "gpu" || key === "region");
    const result = errors.length ? { error: errors.join("; ") } : filled ? estimate(inputs, data) : { error: "" };
    if (result.error !== undefined) {
      page.status.textContent = result.error || idle;
      for (const node of [page.output, page.notes, page.chart, page.regions, page.card]) node.replaceChildren();
      page.extra.hidden = true;
      page.cardBox.hidden = true;
      page.notesBox.hidden = true;
      return;
    }
    page.output.replaceChildren(...resultRows(result.results));
    page.notes.replaceChildren(...result.assumptions.map((text) => element("li", text)));
    page.notesBox.hidden = false;
    const tonnes = result.results.emissions_tco2e;
    page.extra.hidden = tonnes === undefined;
    if (tonnes !== undefined) {
      page.chart.replaceChildren(chart(data, tonnes));
      page.regions.replaceChildren(...otherRegions(data, inputs));
    }
    const card = modelCard(result);
    page.cardBox.hidden = !card.text;
    page.card.textContent = card.text || "";
    const summary = tonnes === undefined ? "Estimate updated." : `Estimate updated: ${mass(tonnes)} operational.`;
    if (page.status.textContent !== summary) page.status.textContent = summary;
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  });
  document.getElementById("estimate-share").addEventListener("click", () => copy(location.href, page.status, "Link copied."));
  document.getElementById("estimate-copy-card").addEventListener("click", () => copy(page.card.textContent, page.status, "Model-card text copied."));
  startUp(restore(form, location.search) ? update() : dataPromise);
}

setUp();
