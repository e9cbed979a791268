// The estimator in the browser: the formulas of fmcheatsheet/estimator.py, checked
// against the same test vectors (data/estimator-vectors.json) by the browser tests.

const SUFFIX = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, p: 1e15 };

// pattern: estimator.json's number_pattern, the one Python's parse_number uses.
export function parseNumber(text, pattern) {
  const match = String(text).match(new RegExp(pattern));
  if (!match) return null;
  const value = parseFloat(match[1].replace(/[,_]/g, "")) * (SUFFIX[(match[2] || "").toLowerCase()] || 1);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

export function chinchillaLoss(c, params, tokens) {
  return c.E + c.A / params ** c.alpha + c.B / tokens ** c.beta;
}

export function computeOptimal(c, budget, rule, tokensPerParameter) {
  if (rule === "tokens-per-parameter") {
    const params = Math.sqrt(budget / (6 * tokensPerParameter));
    return [params, tokensPerParameter * params];
  }
  const a = c.alpha;
  const b = c.beta;
  const g = ((a * c.A) / (b * c.B)) ** (1 / (a + b));
  const params = g * (budget / 6) ** (b / (a + b));
  return [params, budget / 6 / params];
}

// inputs: the same keys as Python's Inputs; data: estimator.json. Returns {results, assumptions} or {error}.
export function estimate(inputs, data) {
  const c = data.chinchilla;
  const r = {};
  const notes = [];
  let flops = null;
  if (inputs.params && inputs.tokens) {
    flops = 6 * inputs.params * inputs.tokens;
    notes.push("Training compute FLOPs = 6 x parameters x tokens.");
  }
  if (inputs.budget_flops) {
    if (flops !== null) return { error: "give either parameters and tokens, or a compute budget, not both" };
    flops = inputs.budget_flops;
    const [params, tokens] = computeOptimal(c, flops, inputs.rule || "chinchilla", data.tokens_per_parameter);
    r.optimal_params = params;
    r.optimal_tokens = tokens;
    r.predicted_loss = chinchillaLoss(c, params, tokens);
    notes.push(inputs.rule === "tokens-per-parameter"
      ? "Compute-optimal size from about 20 training tokens per parameter."
      : "Compute-optimal size minimises the Chinchilla loss fit (Hoffmann et al. 2022) under FLOPs = 6ND.");
  } else if (inputs.params && inputs.tokens) {
    r.predicted_loss = chinchillaLoss(c, inputs.params, inputs.tokens);
  }
  if (flops !== null) r.flops = flops;
  const accelerator = inputs.gpu ? data.accelerators.find((a) => a.id === inputs.gpu) : null;
  if (inputs.gpu && !accelerator) return { error: `unknown accelerator '${inputs.gpu}'` };
  let gpuHours = inputs.gpu_hours ?? null;
  if (gpuHours === null && flops !== null && accelerator) {
    const gpus = inputs.gpus || 1;
    const mfu = inputs.mfu ?? data.default_mfu;
    if (!(mfu > 0 && mfu <= 1)) return { error: "MFU must be between 0 and 1" };
    const seconds = flops / (gpus * accelerator.peak_bf16_tflops * 1e12 * mfu);
    gpuHours = (gpus * seconds) / 3600;
    r.wall_clock_days = seconds / 86400;
    notes.push(`${accelerator.name}: ${accelerator.peak_bf16_tflops} TFLOP/s peak dense BF16; ${gpus} devices at ${Math.round(mfu * 100)}% MFU.`);
  } else if (gpuHours !== null && inputs.gpus) {
    r.wall_clock_days = gpuHours / inputs.gpus / 24;
  }
  if (gpuHours !== null) {
    r.gpu_hours = gpuHours;
    const power = inputs.power_watts ?? (accelerator ? accelerator.tdp_watts : null);
    if (power !== null) {
      const pue = inputs.pue ?? data.default_pue;
      const itKwh = ((gpuHours * power) / 1000) * (1 + (inputs.overhead || 0));
      const energy = itKwh * pue;
      r.energy_kwh = energy;
      notes.push(`Energy = GPU-hours x ${power} W per device x PUE ${pue}.`);
      let intensity = inputs.intensity ?? null;
      if (intensity !== null && inputs.region) return { error: "give either an intensity or a region, not both" };
      if (inputs.region) {
        const region = data.regions.find((x) => x.id === inputs.region);
        if (!region) return { error: `unknown region '${inputs.region}'` };
        intensity = region.kg_co2e_per_kwh;
        notes.push(`${region.name}: ${intensity} kg CO2e/kWh (${region.year}).`);
      }
      if (intensity !== null) r.emissions_tco2e = (energy * intensity) / 1000;
      if (inputs.wue != null || inputs.water_offsite != null) {
        r.water_liters = itKwh * (inputs.wue || 0) + energy * (inputs.water_offsite || 0);
      }
    }
  }
  if (!Object.keys(r).length) return { error: "not enough inputs: give parameters and tokens, a compute budget, or GPU-hours" };
  const overflow = Object.keys(r).find((key) => !Number.isFinite(r[key]));
  if (overflow) return { error: `the inputs are too large: ${overflow} does not fit in a number` };
  return { results: r, assumptions: notes };
}

const LABELS = {
  flops: ["Training compute", (v) => `${v.toExponential(3)} FLOPs`],
  optimal_params: ["Compute-optimal parameters", (v) => `${(v / 1e9).toFixed(2)} B`],
  optimal_tokens: ["Compute-optimal tokens", (v) => `${(v / 1e9).toFixed(1)} B`],
  predicted_loss: ["Predicted loss (Chinchilla fit)", (v) => v.toFixed(3)],
  gpu_hours: ["GPU-hours", (v) => Math.round(v).toLocaleString("en")],
  wall_clock_days: ["Wall-clock time", (v) => `${v.toFixed(1)} days`],
  energy_kwh: ["Energy", (v) => `${Math.round(v).toLocaleString("en")} kWh`],
  emissions_tco2e: ["Emissions", (v) => `${v.toFixed(2)} t CO2e`],
  water_liters: ["Water", (v) => `${Math.round(v).toLocaleString("en")} L`],
};

function setUp() {
  const form = document.getElementById("estimate-form");
  if (!form) return;
  const output = document.getElementById("estimate-output");
  const notes = document.getElementById("estimate-assumptions");
  const status = document.getElementById("estimate-status");
  const dataPromise = fetch(form.dataset.data).then((r) => r.json());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = await dataPromise;
    const field = (name) => String(new FormData(form).get(name) || "").trim();
    const inputs = { rule: field("rule") || "chinchilla" };
    const errors = [];
    for (const name of ["params", "tokens", "budget_flops", "gpu_hours", "power_watts", "pue", "intensity", "mfu", "gpus", "wue", "water_offsite", "overhead"]) {
      const text = field(name);
      if (!text) continue;
      const value = parseNumber(text, data.number_pattern);
      if (value === null) errors.push(`${name}: '${text}' is not a number`);
      else inputs[name] = name === "gpus" ? Math.round(value) : value;
    }
    if (field("gpu")) inputs.gpu = field("gpu");
    if (field("region")) inputs.region = field("region");
    const result = errors.length ? { error: errors.join("; ") } : estimate(inputs, data);
    if (result.error) {
      status.textContent = result.error;
      output.replaceChildren();
      notes.replaceChildren();
      return;
    }
    status.textContent = "Estimate updated.";
    const rows = Object.entries(LABELS)
      .filter(([key]) => key in result.results)
      .map(([key, [label, format]]) => {
        const row = document.createElement("tr");
        const th = document.createElement("th");
        th.scope = "row";
        th.textContent = label;
        const td = document.createElement("td");
        td.textContent = format(result.results[key]);
        td.dataset.key = key;
        td.dataset.value = String(result.results[key]);
        row.append(th, td);
        return row;
      });
    output.replaceChildren(...rows);
    notes.replaceChildren(...result.assumptions.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  });
}

setUp();
