// The comparison table's rows, the same as fmcheatsheet/compare.py builds them: each row's
// values for the chosen resources, and whether they differ. No DOM access here.

export function compareRows(data, ids) {
  const unique = [...new Set(ids)];
  if (unique.length < data.min || unique.length > data.max) return null;
  const columns = unique.map((id) => data.resources[id].cells);
  return data.rows.map(([key, label]) => {
    const values = columns.map((cells) => cells[key]);
    return { key, label, values, differs: new Set(values).size > 1 };
  });
}
