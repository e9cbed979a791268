// The licence check's combination rules, in the browser: the same steps as combine() in
// fmcheatsheet/licence_check.py. Each resource's own terms, the condition texts and the
// licences' declared compatibilities come from licences.json, which the build writes from
// that module, and a conformance test runs both on the same stacks. No DOM access here.

export function combine(rows, data, commercial) {
  const blocking = data.blocking;
  const blockers = rows
    .filter((row) => blocking.some((c) => row.conditions.includes(c)))
    .map((row) => ({ resource: row.id, conditions: blocking.filter((c) => row.conditions.includes(c)) }));
  const unknowns = rows.filter((row) => row.unknown).map((row) => ({ resource: row.id, reason: row.unknown }));
  const obligations = [];
  for (const [condition, text] of Object.entries(data.conditions)) {
    const holders = rows.filter((row) => row.conditions.includes(condition)).map((row) => row.id);
    if (holders.length) obligations.push({ condition, text, resources: holders });
  }
  for (const [access, text] of Object.entries(data.access_conditions)) {
    const holders = rows.filter((row) => row.access === access).map((row) => row.id);
    if (holders.length) obligations.push({ condition: access, text, resources: holders });
  }
  const proprietary = rows.filter((row) => row.proprietary).map((row) => row.id);
  if (proprietary.length) {
    obligations.push({ condition: "proprietary", text: data.proprietary_text, resources: proprietary });
  }
  const conflicts = findConflicts(rows, data, commercial);
  let verdict = "yes";
  if (blockers.length) verdict = "no";
  else if (unknowns.length) verdict = "unknown";
  else if (obligations.some((o) => o.condition !== "attribution")) verdict = "conditions";
  return {
    resources: rows,
    commercial_use: verdict,
    purpose: commercial ? "commercial" : "any",
    blockers,
    obligations,
    conflicts,
    unknowns,
    disclaimer: data.disclaimer,
  };
}

function findConflicts(rows, data, commercial) {
  const found = [];
  for (let i = 0; i < rows.length; i++) {
    for (const second of rows.slice(i + 1)) {
      const reason = pairConflict(rows[i], second, data) || pairConflict(second, rows[i], data);
      if (reason) found.push({ resources: [rows[i].id, second.id], reason });
    }
  }
  if (commercial) {
    for (const row of rows) {
      const terms = data.blocking.filter((c) => row.conditions.includes(c));
      if (terms.length) {
        found.push({ resources: [row.id], reason: `${row.name} forbids commercial use (${terms.join(", ")}), but the plan is commercial` });
      }
    }
  }
  return found;
}

function pairConflict(a, b, data) {
  const licences = data.licences;
  const aIds = new Set(a.licence_ids);
  const bIds = new Set(b.licence_ids);
  // Sorted as Python sorts strings: by code point.
  for (const name of [...aIds].sort(byCodePoint)) {
    const declared = new Set((licences[name] || {}).incompatible_with || []);
    const clash = [...bIds].filter((id) => declared.has(id)).sort(byCodePoint);
    if (clash.length) return `${name} (${a.name}) cannot be combined with ${clash[0]} (${b.name})`;
  }
  const sameIds = aIds.size === bIds.size && [...aIds].every((id) => bIds.has(id));
  if (a.conditions.includes("share-alike") && b.conditions.includes("share-alike") && !sameIds) {
    // A declared one-way compatibility is enough: the adaptation can carry the other licence.
    const accepts = (ids, others) => {
      const allowed = new Set([...ids, ...[...ids].flatMap((name) => (licences[name] || {}).compatible_with || [])]);
      return [...others].every((id) => allowed.has(id));
    };
    if (!accepts(aIds, bIds) && !accepts(bIds, aIds)) {
      return `both ${a.name} and ${b.name} are share-alike under different licences: adapted material combining them cannot carry both`;
    }
  }
  const blocks = (row) => data.blocking.some((c) => row.conditions.includes(c));
  if (a.conditions.includes("share-alike") && !blocks(a) && blocks(b)) {
    return `${a.name} is share-alike under terms that allow commercial use, while ${b.name} forbids it: adapted material combining them cannot meet both`;
  }
  return "";
}

function byCodePoint(x, y) {
  return x < y ? -1 : x > y ? 1 : 0;
}
