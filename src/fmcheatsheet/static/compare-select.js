// "Compare" boxes on resource cards (browse and section pages) and a bar that opens the comparison.
// The choice is kept in local storage, so it survives moving between pages.
const KEY = "fmcheatsheet-compare";
const MAX = 4;
const root = document.body.dataset.root || "./";

export function loadSelection() {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) || "[]");
    return Array.isArray(saved) ? saved.filter((id) => typeof id === "string").slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function saveSelection(ids) {
  try {
    localStorage.setItem(KEY, JSON.stringify(ids.slice(0, MAX)));
  } catch {
    // Storage can be disabled; the selection then lasts for this page only.
  }
}

let bar = null;

function updateBar(ids) {
  if (!bar) {
    bar = document.createElement("div");
    bar.className = "compare-bar";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "Comparison");
    document.body.append(bar);
  }
  bar.hidden = ids.length === 0;
  const link = document.createElement("a");
  link.href = `${root}compare/?ids=${ids.join(",")}`;
  link.textContent = ids.length < 2 ? `Compare (${ids.length} chosen, pick at least 2)` : `Compare ${ids.length} resources`;
  if (ids.length < 2) link.setAttribute("aria-disabled", "true");
  const clear = document.createElement("button");
  clear.type = "button";
  clear.className = "link-button";
  clear.textContent = "clear";
  clear.addEventListener("click", () => {
    saveSelection([]);
    enhanceCards(document);
  });
  bar.replaceChildren(link, " ", clear);
}

// Adds a "Compare" box to every card under `scope` that has none yet, in step with the selection.
export function enhanceCards(scope) {
  const ids = loadSelection();
  for (const card of scope.querySelectorAll(".card")) {
    const anchor = card.querySelector(".card-title a");
    if (!anchor) continue;
    const id = anchor.getAttribute("href").replace(/\/$/, "").split("/").pop();
    let box = card.querySelector("input.compare-box");
    if (!box) {
      box = document.createElement("input");
      box.type = "checkbox";
      box.className = "compare-box";
      const label = document.createElement("label");
      label.className = "compare-label";
      label.append(box, " Compare");
      box.setAttribute("aria-label", `Compare ${anchor.textContent}`);
      box.addEventListener("change", () => {
        const current = loadSelection().filter((other) => other !== id);
        if (box.checked) {
          if (current.length >= MAX) {
            box.checked = false;
            return;
          }
          current.push(id);
        }
        saveSelection(current);
        enhanceCards(document);
      });
      card.append(label);
    }
    box.checked = ids.includes(id);
  }
  updateBar(ids);
}
