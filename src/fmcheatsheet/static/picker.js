// A search box that adds resources to a list: the licence check and the comparison pages use it.
// Suggestions come from the site's own search, so a name, an abbreviation or a typo all work.
import { loadCatalog } from "./app.js";

export function resourcePicker(input, listbox, onPick) {
  let options = [];
  let active = -1;

  function close() {
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    options = [];
    active = -1;
  }

  function highlight(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
  }

  async function suggest() {
    const query = input.value;
    if (!query.trim()) return close();
    const catalog = await loadCatalog();
    if (input.value !== query) return;
    const hits = catalog.index.search(query, null, 8);
    options = hits.map(([id], i) => {
      const doc = catalog.byId.get(id);
      const option = document.createElement("div");
      option.className = "suggestion";
      option.id = `${listbox.id}-${i}`;
      option.setAttribute("role", "option");
      option.dataset.id = id;
      const name = document.createElement("span");
      name.className = "suggestion-name";
      name.textContent = doc.name;
      const meta = document.createElement("span");
      meta.className = "suggestion-meta";
      meta.textContent = `${doc.type} · ${doc.licence_class}`;
      option.append(name, meta);
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(id);
      });
      return option;
    });
    listbox.replaceChildren(...options);
    listbox.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    highlight(options.length ? 0 : -1);
  }

  function choose(id) {
    input.value = "";
    close();
    onPick(id);
  }

  input.addEventListener("input", suggest);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (active >= 0) choose(options[active].dataset.id);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

// The ids in the page's address (?ids=a,b,c), without repeats.
export function idsFromUrl() {
  const raw = new URLSearchParams(window.location.search).get("ids") || "";
  return [...new Set(raw.split(",").map((id) => id.trim()).filter(Boolean))];
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
