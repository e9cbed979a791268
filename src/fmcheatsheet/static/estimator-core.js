// The estimator's arithmetic for the browser: a line-for-line port of fmcheatsheet/estimator.py.
// Pure functions only (no DOM, no fetch): every constant and table arrives as `data`, the
// estimator.json the site build emits. tests/test_estimator_conformance.py runs this module under
// Node against Python's answers for the shared vectors and generated inputs.

// 7B, 1.4T, 70e9, 6,000 -> a number, or null; the pattern (a comma only separates thousands)
// and the suffixes come from the data (number_pattern, number_suffixes), as Python's parse_number reads them.
export function parseNumber(text, suffixes, pattern) {
  const match = String(text).match(new RegExp(pattern));
  if (!match) return null;
  const value = parseFloat(match[1].replace(/[,_]/g, "")) * (suffixes[(match[2] || "").toLowerCase()] || 1);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

// Number formats shared with Python, which rounds half up on the exact binary value as toFixed does.
export const num = (value) => String(value);
export const fixed = (value, digits) => value.toFixed(digits);
export const grouped = (value) => fixed(value, 0).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
export const pct = (value) => `${fixed(value * 100, 0)}%`;

export function mass(tonnes) {
  if (tonnes >= 10) return `${grouped(tonnes)} t CO2e`;
  if (tonnes >= 1) return `${fixed(tonnes, 1)} t CO2e`;
  const kg = tonnes * 1000;
  return `${kg >= 10 ? fixed(kg, 0) : fixed(kg, 2)} kg CO2e`;
}

class EstimateError extends Error {}

export function fittedLoss(fit, params, tokens) {
  return fit.E + fit.A / params ** fit.alpha + fit.B / tokens ** fit.beta;
}

function fitOf(data, name) {
  const key = name || data.default_fit;
  if (!(key in data.fits)) throw new EstimateError(`unknown fit '${key}'`);
  return data.fits[key];
}

export function computeOptimal(data, budget, rule = "chinchilla", fitName = null) {
  if (rule === "tokens-per-parameter") {
    const ratio = data.tokens_per_parameter;
    const params = Math.sqrt(budget / (6 * ratio));
    return [params, ratio * params];
  }
  const c = fitOf(data, fitName);
  const a = c.alpha;
  const b = c.beta;
  const g = ((a * c.A) / (b * c.B)) ** (1 / (a + b));
  const params = g * (budget / 6) ** (b / (a + b));
  return [params, budget / 6 / params];
}

function checkRanges(inputs, data) {
  if (inputs.mfu != null && !(inputs.mfu > 0 && inputs.mfu <= 1)) {
    throw new EstimateError("MFU must be between 0 and 1 (typical: 0.3 to 0.5)");
  }
  const serving = inputs.serving_utilisation;
  if (serving != null && !(serving > 0 && serving <= 1)) {
    throw new EstimateError("serving utilisation must be between 0 and 1");
  }
  if (inputs.pue != null && inputs.pue < 1) throw new EstimateError("PUE must be at least 1");
  if (inputs.lifetime_years != null && !(inputs.lifetime_years > 0)) {
    throw new EstimateError("service life must be more than 0 years");
  }
  const rule = inputs.rule ?? "chinchilla";
  if (rule !== "chinchilla" && rule !== "tokens-per-parameter") {
    throw new EstimateError(`unknown rule '${rule}' (chinchilla or tokens-per-parameter)`);
  }
  const type = inputs.training_type ?? "pre-training";
  if (!data.training_types.includes(type)) {
    throw new EstimateError(`unknown training type '${type}' (pre-training or fine-tuning)`);
  }
}

function powerOf(data, inputs, accelerator) {
  if (inputs.power_watts != null) return [inputs.power_watts, [inputs.power_watts, inputs.power_watts]];
  if (!accelerator || accelerator.tdp_watts == null) return [null, [0, 0]];
  const bounds = data.defaults.power_fraction_of_tdp;
  const tdp = accelerator.tdp_watts;
  return [tdp * bounds.value, [tdp * bounds.low, tdp * bounds.high]];
}

function intensityOf(data, inputs) {
  if (inputs.intensity != null && inputs.region != null) {
    throw new EstimateError("give either an intensity or a region, not both");
  }
  if (inputs.intensity != null) return [inputs.intensity, "given"];
  if (inputs.region == null) return [null, ""];
  const region = data.regions.find((x) => x.id === inputs.region);
  if (!region) throw new EstimateError(`unknown region '${inputs.region}'`);
  return [region.kg_co2e_per_kwh, `${region.name}, ${region.year}, ${region.source}`];
}

function embodied(data, inputs, accelerator, gpuHours, hoursRange, result) {
  const row = accelerator ? data.embodied.find((e) => e.accelerator === accelerator.id) : null;
  if (inputs.embodied_kg == null && !row) return;
  let life = inputs.lifetime_years;
  if (life == null) life = data.defaults.lifetime_years.value;
  const share = gpuHours / (life * data.hours_per_year);
  const r = result.results;
  let perDevice;
  let low;
  let high;
  let source;
  if (inputs.embodied_kg != null) {
    perDevice = low = high = inputs.embodied_kg;
    source = "given";
  } else {
    [perDevice, low, high] = [row.kg_co2e, row.kg_co2e_low, row.kg_co2e_high];
    source = `${row.source}; high ${row.high_source}`;
  }
  r.embodied_tco2e = (perDevice * share) / 1000;
  if (low !== high || hoursRange) {
    const [lowHours, highHours] = hoursRange || [gpuHours, gpuHours];
    r.embodied_tco2e_low = (low * lowHours) / (life * data.hours_per_year) / 1000;
    r.embodied_tco2e_high = (high * highHours) / (life * data.hours_per_year) / 1000;
  }
  result.assumptions.push(
    `Embodied emissions = ${num(perDevice)} kg CO2e per device` +
      (low !== high ? ` (range ${num(low)} to ${num(high)})` : "") +
      ` (${source}) x GPU-hours / (${num(life)} years x ${data.hours_per_year} h)` +
      (inputs.lifetime_years == null ? " (default service life)" : "") +
      "; reported separately, not added to operational emissions.",
  );
  result.facts.embodied_life_years = life;
}

function serving(data, inputs, accelerator, pue, pueRange, intensity, result) {
  if (!inputs.params) throw new EstimateError("serving estimate: give the model size (--params)");
  if (!accelerator) throw new EstimateError("serving estimate: give the accelerator (--gpu)");
  const [power, powerRange] = powerOf(data, inputs, accelerator);
  if (power === null) {
    throw new EstimateError(
      `serving estimate: ${accelerator.name} has no published power figure; give --power-watts`,
    );
  }
  const utilisation = inputs.serving_utilisation;
  const overhead = inputs.overhead ?? 0;
  const seconds = (1e6 * 2 * inputs.params) / (accelerator.peak_bf16_tflops * 1e12 * utilisation);
  const factor = (seconds / 3600 / 1000) * (1 + overhead);
  const r = result.results;
  r.serving_gpu_hours_per_million_tokens = seconds / 3600;
  r.serving_kwh_per_million_tokens = factor * power * pue;
  const ranged = inputs.power_watts == null || inputs.pue == null;
  if (ranged) {
    r.serving_kwh_per_million_tokens_low = factor * powerRange[0] * pueRange[0];
    r.serving_kwh_per_million_tokens_high = factor * powerRange[1] * pueRange[1];
  }
  if (intensity !== null) {
    r.serving_kg_co2e_per_million_tokens = r.serving_kwh_per_million_tokens * intensity;
    if (ranged) {
      r.serving_kg_co2e_per_million_tokens_low = r.serving_kwh_per_million_tokens_low * intensity;
      r.serving_kg_co2e_per_million_tokens_high = r.serving_kwh_per_million_tokens_high * intensity;
    }
  }
  result.assumptions.push(
    `Serving: 2 x parameters FLOPs per token on ${accelerator.name} at ${pct(utilisation)} of peak dense BF16; ` +
      `energy per million tokens = device-hours x ${num(power)} W x PUE ${num(pue)}` +
      (intensity !== null ? ` x ${num(intensity)} kg CO2e/kWh for emissions.` : "."),
  );
}

// inputs: the keys of Python's Inputs; data: estimator.json.
// Returns {results, assumptions, facts} or {error}.
export function estimate(inputs, data) {
  try {
    return run(inputs, data);
  } catch (error) {
    if (error instanceof EstimateError) return { error: error.message };
    throw error;
  }
}

function run(inputs, data) {
  const result = { results: {}, assumptions: [], facts: {} };
  const notes = result.assumptions;
  const r = result.results;
  const facts = result.facts;
  const defaults = data.defaults;
  checkRanges(inputs, data);
  const rule = inputs.rule ?? "chinchilla";
  const overhead = inputs.overhead ?? 0;
  const fit = fitOf(data, inputs.fit);
  let flops = null;
  if (inputs.params && inputs.tokens) {
    flops = 6 * inputs.params * inputs.tokens;
    notes.push("Training compute FLOPs = 6 x parameters x tokens (dense transformer, forward and backward).");
  }
  if (inputs.budget_flops) {
    if (flops !== null) throw new EstimateError("give either parameters and tokens, or a compute budget, not both");
    flops = inputs.budget_flops;
    const [params, tokens] = computeOptimal(data, flops, rule, inputs.fit);
    r.optimal_params = params;
    r.optimal_tokens = tokens;
    if (rule === "tokens-per-parameter") {
      notes.push(
        `Compute-optimal size from the rule of about ${num(data.tokens_per_parameter)} training tokens per parameter.`,
      );
    } else {
      notes.push(
        `Compute-optimal size minimises L(N, D) = ${num(fit.E)} + ${num(fit.A)}/N^${num(fit.alpha)} ` +
          `+ ${num(fit.B)}/D^${num(fit.beta)} under FLOPs = 6ND: ${fit.name} (${fit.source}).`,
      );
    }
    r.predicted_loss = fittedLoss(fit, params, tokens);
  } else if (inputs.params && inputs.tokens) {
    r.predicted_loss = fittedLoss(fit, inputs.params, inputs.tokens);
  }
  if ("predicted_loss" in r) {
    notes.push(`Predicted loss uses ${fit.name}; it describes that paper's data and tokenizer only.`);
  }
  if (flops !== null) r.flops = flops;
  let accelerator = null;
  if (inputs.gpu != null) {
    accelerator = data.accelerators.find((a) => a.id === inputs.gpu);
    if (!accelerator) throw new EstimateError(`unknown accelerator '${inputs.gpu}'`);
  }
  const gpus = inputs.gpus || 1;
  let gpuHours = inputs.gpu_hours ?? null;
  let hoursRange = null;
  if (gpuHours === null && flops !== null && accelerator) {
    const mfu = inputs.mfu ?? defaults.mfu.value;
    const seconds = flops / (gpus * accelerator.peak_bf16_tflops * 1e12 * mfu);
    gpuHours = (gpus * seconds) / 3600;
    r.wall_clock_days = seconds / 86400;
    notes.push(
      `${accelerator.name}: ${num(accelerator.peak_bf16_tflops)} TFLOP/s peak dense BF16 (${accelerator.source}); ` +
        `${gpus} devices at ${pct(mfu)} model FLOPs utilisation` +
        (inputs.mfu == null ? ` (default; range ${pct(defaults.mfu.low)} to ${pct(defaults.mfu.high)}).` : "."),
    );
    if (inputs.mfu == null) {
      hoursRange = [(gpuHours * mfu) / defaults.mfu.high, (gpuHours * mfu) / defaults.mfu.low];
      [r.gpu_hours_low, r.gpu_hours_high] = hoursRange;
      r.wall_clock_days_low = (r.wall_clock_days * mfu) / defaults.mfu.high;
      r.wall_clock_days_high = (r.wall_clock_days * mfu) / defaults.mfu.low;
    }
  } else if (gpuHours !== null && inputs.gpus) {
    r.wall_clock_days = gpuHours / inputs.gpus / 24;
  }
  facts.gpus = inputs.gpus || accelerator ? gpus : null;
  facts.accelerator = accelerator ? accelerator.name : null;
  facts.training_type = inputs.training_type ?? "pre-training";
  const pue = inputs.pue ?? defaults.pue.value;
  const pueRange = inputs.pue == null ? [defaults.pue.low, defaults.pue.high] : [pue, pue];
  const [intensity, where] = intensityOf(data, inputs);
  if (gpuHours !== null) {
    r.gpu_hours = gpuHours;
    const [power, powerRange] = powerOf(data, inputs, accelerator);
    if (power === null && accelerator) {
      notes.push(
        `Energy not estimated: ${accelerator.name} has no published power figure; ` +
          "give the measured average power per device.",
      );
    }
    if (power !== null) {
      const itKwh = ((gpuHours * power) / 1000) * (1 + overhead);
      const energy = itKwh * pue;
      r.energy_kwh = energy;
      const source = inputs.power_watts != null ? "given" : `the ${accelerator.name} TDP`;
      notes.push(
        `Energy = GPU-hours x ${num(power)} W per device (${source})` +
          (overhead ? ` x (1 + ${num(overhead)} node overhead)` : "") +
          ` x PUE ${num(pue)}` +
          (inputs.pue == null
            ? ` (default; range ${num(pueRange[0])} to ${num(pueRange[1])}; use your data centre's).`
            : "."),
      );
      if (inputs.power_watts == null) {
        const bounds = defaults.power_fraction_of_tdp;
        notes.push(
          `TDP is an upper bound on chip power; measured averages run ${num(bounds.low)} ` +
            `to ${num(bounds.high)} of it (${bounds.source}).`,
        );
      }
      Object.assign(facts, { power_watts: power, power_given: inputs.power_watts != null, pue });
      facts.pue_given = inputs.pue != null;
      let energyRange = null;
      if (hoursRange || inputs.power_watts == null || inputs.pue == null) {
        const [lowHours, highHours] = hoursRange || [gpuHours, gpuHours];
        const factor = (1 + overhead) / 1000;
        energyRange = [
          lowHours * powerRange[0] * factor * pueRange[0],
          highHours * powerRange[1] * factor * pueRange[1],
        ];
        [r.energy_kwh_low, r.energy_kwh_high] = energyRange;
      }
      if (intensity !== null) {
        r.emissions_tco2e = (energy * intensity) / 1000;
        if (energyRange) {
          r.emissions_tco2e_low = (energyRange[0] * intensity) / 1000;
          r.emissions_tco2e_high = (energyRange[1] * intensity) / 1000;
        }
        notes.push(`Emissions = energy x ${num(intensity)} kg CO2e/kWh (${where}); location-based.`);
        const region = inputs.region ? data.regions.find((x) => x.id === inputs.region).name : null;
        Object.assign(facts, { intensity, where, region });
      }
      if (inputs.wue != null || inputs.water_offsite != null) {
        r.water_liters = itKwh * (inputs.wue || 0) + energy * (inputs.water_offsite || 0);
        notes.push("Water = IT energy x on-site WUE + total energy x off-site water factor (L/kWh).");
      }
    }
    embodied(data, inputs, accelerator, gpuHours, hoursRange, result);
  }
  if (inputs.serving_utilisation != null) serving(data, inputs, accelerator, pue, pueRange, intensity, result);
  if (!Object.keys(r).length) {
    throw new EstimateError(
      "not enough inputs: give --params and --tokens, or --budget-flops, or --gpu-hours " +
        "(with --power-watts or --gpu)",
    );
  }
  const overflow = Object.keys(r).find((key) => !Number.isFinite(r[key]));
  if (overflow) throw new EstimateError(`the inputs are too large: ${overflow} does not fit in a number`);
  return result;
}

function range(r, key, show, unit) {
  if (!(`${key}_low` in r)) return "";
  return ` (range ${show(r[`${key}_low`])}${unit} to ${show(r[`${key}_high`])}${unit})`;
}

function sources(result) {
  const found = [];
  for (const note of result.assumptions) {
    for (const url of note.match(/https:\/\/[^\s;,)]+/g) || []) if (!found.includes(url)) found.push(url);
  }
  return found;
}

const yamlText = (text) => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();

// A Markdown paragraph for a model card and the Hugging Face co2_eq_emissions metadata block,
// or {error} when the estimate has no emissions to report.
export function modelCard(result) {
  const r = result.results;
  const f = result.facts;
  if (!("emissions_tco2e" in r)) {
    return {
      error:
        "a model-card report needs emissions: give the hardware and energy inputs and a --region or --intensity",
    };
  }
  const hardware = f.accelerator ? `${f.gpus} x ${f.accelerator}` : "the hardware given";
  const days = "wall_clock_days" in r ? ` over ${fixed(r.wall_clock_days, 1)} days` : "";
  const sentences = [
    `**Environmental impact.** ${capitalize(f.training_type)} ran on ${hardware} for ` +
      `${grouped(r.gpu_hours)} GPU-hours${days}.`,
    `At ${num(f.power_watts)} W per device ` +
      `(${f.power_given ? "measured or given" : "the TDP, an upper bound"}) ` +
      `and a data-centre PUE of ${num(f.pue)}${f.pue_given ? "" : " (assumed)"}, it used about ` +
      `${grouped(r.energy_kwh)} kWh${range(r, "energy_kwh", grouped, " kWh")}.`,
    `With a grid intensity of ${num(f.intensity)} kg CO2e/kWh (${f.region || "given"}, location-based), ` +
      `operational emissions were about ${mass(r.emissions_tco2e)}${range(r, "emissions_tco2e", mass, "")}.`,
  ];
  if ("embodied_tco2e" in r) {
    sentences.push(
      `Manufacturing the hardware, spread over a ${num(f.embodied_life_years)}-year service life, adds about ` +
        `${mass(r.embodied_tco2e)}${range(r, "embodied_tco2e", mass, "")} of embodied emissions, ` +
        "reported separately.",
    );
  }
  sentences.push(
    "Estimated with the Foundation Model Development Cheatsheet estimator " +
      "(energy = GPU-hours x power x PUE; emissions = energy x grid intensity); " +
      "ranges come from the stated bounds on defaulted inputs. Sources: " +
      sources(result).join("; ") +
      ".",
  );
  const metadata = [
    "---",
    "co2_eq_emissions:",
    `  emissions: ${fixed(r.emissions_tco2e * 1e6, 0)}`,
    '  source: "Estimate with the Foundation Model Development Cheatsheet estimator ' +
      '(energy x location-based grid intensity)"',
    `  training_type: "${f.training_type}"`,
    `  geographical_location: "${yamlText(f.region || "not stated")}"`,
    `  hardware_used: "${yamlText(hardware)}"`,
    "---",
  ].join("\n");
  return { text: `${sentences.join(" ")}\n\n${metadata}\n` };
}
