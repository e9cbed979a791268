// The catalog's search, in the browser. It mirrors fmcheatsheet/search.py and
// fmcheatsheet/textnorm.py step for step; the ranking constants and word lists
// come from search.json so there is one source for them. The browser tests
// check that both implementations rank the benchmark queries identically.

const WORD = /[a-z0-9]+/g;
const ALNUM_END = /[\p{L}\p{N}]$/u;

export function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

export function tokens(text) {
  return fold(text).match(WORD) || [];
}

export function makeStemmer(suffixes, keep, minStem) {
  const keepSet = new Set(keep);
  const memo = new Map();
  return function stem(word) {
    let cached = memo.get(word);
    if (cached !== undefined) return cached;
    cached = stemUncached(word, suffixes, keepSet, minStem);
    memo.set(word, cached);
    return cached;
  };
}

function stemUncached(word, suffixes, keep, minStem) {
  if (word.length <= 3 || keep.has(word) || /^\d+$/.test(word) || word.endsWith("ss")) return word;
  for (const [suffix, replacement] of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= (minStem[suffix] ?? 3)) {
      let base = word.slice(0, word.length - suffix.length) + replacement;
      if (replacement === "" && base.endsWith("e") && base.length > 4) base = base.slice(0, -1);
      return base;
    }
  }
  return word.endsWith("e") && word.length > 4 ? word.slice(0, -1) : word;
}

export function compact(text) {
  return tokens(text).join("");
}

export function boundedEditDistance(a, b, bound) {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  let previous2 = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array(b.length + 1).fill(0);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2] + 1);
      }
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > bound) return bound + 1;
    previous2 = previous;
    previous = current;
  }
  const last = previous[previous.length - 1];
  return last <= bound ? last : bound + 1;
}

function compareTuples(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

function lowerBound(sorted, value) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SearchIndex {
  // documents: [id, {field: text}] in catalog order; params: search.json "params".
  constructor(documents, synonymGroups, params) {
    this.params = params;
    this.stem = makeStemmer(params.suffixes, params.keep, params.min_stem);
    this.stopwords = new Set(params.stopwords);
    this.postings = new Map();
    this.idfCache = new Map();
    this.names = new Map();
    this.documentCount = 0;
    const surface = new Map();
    const tokenized = documents.map(([id, fields]) => [
      id,
      Object.entries(fields).map(([name, text]) => [name, tokens(text)]),
    ]);
    const totals = Object.fromEntries(Object.keys(params.field_weights).map((name) => [name, 0]));
    for (const [, fields] of tokenized) for (const [name, words] of fields) totals[name] += words.length;
    const average = {};
    for (const name of Object.keys(params.field_weights)) {
      average[name] = Math.max(1.0, totals[name] / Math.max(1, tokenized.length));
    }
    const b = params.length_norm;
    for (const [id, fields] of tokenized) {
      this.documentCount += 1;
      const nameWords = fields.find(([name]) => name === "name");
      this.names.set(id, nameWords ? nameWords[1].join("") : "");
      for (const [fieldName, words] of fields) {
        const weight = params.field_weights[fieldName] / (1 - b + (b * words.length) / average[fieldName]);
        const counts = new Map();
        for (const word of words) {
          const term = this.stem(word);
          surface.set(word, term);
          counts.set(term, (counts.get(term) || 0) + 1);
        }
        for (const [term, tf] of counts) {
          const value = (weight * tf) / (tf + 0.5);
          let posting = this.postings.get(term);
          if (!posting) {
            posting = new Map();
            this.postings.set(term, posting);
          }
          if (value > (posting.get(id) || 0)) posting.set(id, value);
        }
      }
    }
    this.sortedWords = Array.from(surface.keys()).sort();
    this.surface = surface;
    // Correction candidates: words of letters only, by first letter and length.
    this.buckets = new Map();
    for (const word of this.sortedWords) {
      if (!/^[a-z]+$/.test(word)) continue;
      const key = `${word[0]}${word.length}`;
      if (!this.buckets.has(key)) this.buckets.set(key, []);
      this.buckets.get(key).push(word);
    }
    this.setSynonyms(synonymGroups);
  }

  setSynonyms(groups) {
    const table = new Map();
    for (const group of groups) {
      const phrases = new Map();
      for (const phrase of group) {
        const key = tokens(phrase).map(this.stem);
        if (key.length) phrases.set(key.join(" "), key);
      }
      for (const [key] of phrases) {
        if (!table.has(key)) table.set(key, new Map());
        for (const [other, otherTerms] of phrases) if (other !== key) table.get(key).set(other, otherTerms);
      }
    }
    this.synonyms = new Map();
    this.maxPhrase = 1;
    for (const [key, others] of table) {
      this.synonyms.set(key, Array.from(others.values()));
      this.maxPhrase = Math.max(this.maxPhrase, key.split(" ").length);
    }
  }

  idf(term) {
    let value = this.idfCache.get(term);
    if (value === undefined) {
      const posting = this.postings.get(term);
      const found = posting ? posting.size : 0;
      value = Math.log(1 + (this.documentCount - found + 0.5) / (found + 0.5));
      this.idfCache.set(term, value);
    }
    return value;
  }

  queryWords(text) {
    const words = tokens(text);
    const kept = words.filter((w) => !this.stopwords.has(w));
    return kept.length ? kept : words;
  }

  concepts(text) {
    const words = this.queryWords(text);
    const stems = words.map(this.stem);
    const out = [];
    let position = 0;
    while (position < stems.length) {
      let matched = false;
      for (let length = Math.min(this.maxPhrase, stems.length - position); length > 1; length--) {
        const phrase = stems.slice(position, position + length);
        const others = this.synonyms.get(phrase.join(" "));
        if (others) {
          const cap = this.idfCap(phrase);
          const alternatives = [{ terms: phrase, weight: 1.0, cap: null }];
          for (const o of others) alternatives.push({ terms: o, weight: this.params.synonym_weight, cap });
          out.push({ text: words.slice(position, position + length).join(" "), alternatives });
          position += length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const typing = position === stems.length - 1 && ALNUM_END.test(text);
      out.push(this.wordConcept(words[position], stems[position], typing));
      position += 1;
    }
    return out;
  }

  wordConcept(word, term, isLast) {
    const p = this.params;
    const alternatives = [{ terms: [term], weight: 1.0, cap: null }];
    const cap = this.idfCap([term]);
    for (const s of this.synonyms.get(term) || []) alternatives.push({ terms: s, weight: p.synonym_weight, cap });
    if (!this.postings.has(term) && word.length >= 5) {
      for (const fixed of this.corrections(word)) {
        alternatives.push({ terms: [fixed], weight: p.typo_weight, cap: null });
        const fixedCap = this.idfCap([fixed]);
        for (const s of this.synonyms.get(fixed) || []) {
          alternatives.push({ terms: s, weight: p.typo_weight * p.synonym_weight, cap: fixedCap });
        }
      }
    }
    if (isLast && word.length >= p.min_prefix) {
      for (const t of this.completions(word)) {
        if (t !== term) alternatives.push({ terms: [t], weight: p.prefix_weight, cap: null });
      }
    }
    const best = new Map();
    for (const alt of alternatives) {
      const key = alt.terms.join(" ");
      if (!best.has(key) || best.get(key).weight < alt.weight) best.set(key, alt);
    }
    return { text: word, alternatives: Array.from(best.values()) };
  }

  // A synonym may not weigh more than the words the user typed.
  idfCap(phrase) {
    if (!phrase.every((t) => this.postings.has(t))) return null;
    let total = 0;
    for (const t of phrase) total += this.idf(t);
    return total / phrase.length;
  }

  termIdf(term, cap) {
    const idf = this.idf(term);
    return cap === null ? idf : Math.min(idf, cap);
  }

  nearestWords(word) {
    const budget = word.length <= 7 ? 1 : 2;
    const found = [];
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const candidate of this.buckets.get(`${word[0]}${length}`) || []) {
        const distance = boundedEditDistance(word, candidate, budget);
        if (distance <= budget) {
          found.push([distance, -this.postings.get(this.surface.get(candidate)).size, candidate]);
        }
      }
    }
    found.sort(compareTuples);
    return found.map((f) => f[2]);
  }

  corrections(word, limit = 3) {
    const stems = [];
    for (const candidate of this.nearestWords(word)) {
      const term = this.surface.get(candidate);
      if (!stems.includes(term)) stems.push(term);
    }
    return stems.slice(0, limit);
  }

  completions(prefix, limit = 8) {
    const found = new Set();
    for (let i = lowerBound(this.sortedWords, prefix); i < this.sortedWords.length; i++) {
      const candidate = this.sortedWords[i];
      if (!candidate.startsWith(prefix)) break;
      found.add(this.surface.get(candidate));
    }
    return Array.from(found)
      .sort((a, b) => compareTuples([-this.postings.get(a).size, a], [-this.postings.get(b).size, b]))
      .slice(0, limit);
  }

  alternativeScores(alternative) {
    const postings = alternative.terms.map((t) => this.postings.get(t));
    const out = new Map();
    if (!postings.length || postings.some((p) => !p)) return out;
    let smallest = postings[0];
    for (const p of postings) if (p.size < smallest.size) smallest = p;
    for (const id of smallest.keys()) {
      if (postings.every((p) => p.has(id))) {
        let total = 0;
        for (let i = 0; i < postings.length; i++) {
          total += postings[i].get(id) * this.termIdf(alternative.terms[i], alternative.cap);
        }
        out.set(id, (alternative.weight * total) / postings.length);
      }
    }
    return out;
  }

  // Returns [[id, score], ...] best first, within `allowed` (a Set of ids) when given.
  search(text, allowed = null, limit = 20) {
    const concepts = this.concepts(text);
    if (!concepts.length) return [];
    const scores = new Map();
    const matched = new Map();
    for (const concept of concepts) {
      const best = new Map();
      const total = new Map();
      for (const alternative of concept.alternatives) {
        for (const [id, value] of this.alternativeScores(alternative)) {
          total.set(id, (total.get(id) || 0) + value);
          if (value > (best.get(id) || 0)) best.set(id, value);
        }
      }
      for (const [id, value] of best) {
        // Same association as Python's `scores[id] += value + ACCUMULATE * (...)`.
        scores.set(id, (scores.get(id) || 0) + (value + this.params.accumulate * (total.get(id) - value)));
        matched.set(id, (matched.get(id) || 0) + 1);
      }
    }
    const exact = compact(text);
    if (exact) {
      for (const [id, name] of this.names) {
        if (name === exact) {
          scores.set(id, (scores.get(id) || 0) + this.params.exact_name_bonus);
          matched.set(id, concepts.length);
        }
      }
    }
    const ranked = [];
    for (const [id, score] of scores) {
      if (allowed && !allowed.has(id)) continue;
      const coverage = matched.get(id) / concepts.length;
      ranked.push([id, parseFloat((score * (0.25 + 0.75 * coverage * coverage)).toFixed(6))]);
    }
    ranked.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return limit === null ? ranked : ranked.slice(0, limit);
  }

  suggest(text) {
    let changed = false;
    const fixed = [];
    for (const word of this.queryWords(text)) {
      const term = this.stem(word);
      if (this.postings.has(term) || this.synonyms.has(term) || word.length < 4) {
        fixed.push(word);
        continue;
      }
      const candidates = this.nearestWords(word);
      if (candidates.length) {
        fixed.push(candidates[0]);
        changed = true;
      } else {
        fixed.push(word);
      }
    }
    return changed ? fixed.join(" ") : null;
  }
}

// Builds the index from search.json exactly as Catalog.search_documents() does in Python.
export function indexFromData(data) {
  const f = Object.fromEntries(data.fields.map((name, i) => [name, i]));
  const documents = data.docs.map((row) => [
    row[f.id],
    {
      name: row[f.name],
      tags: row[f.tags].join(" "),
      description: row[f.description],
      languages: row[f.coverage] ? [row[f.coverage].replace(/-/g, " "), ...row[f.language_names]].join(" ") : "",
      sections: row[f.sections].filter((s) => s in data.sections).map((s) => data.sections[s].title).join(" "),
    },
  ]);
  return new SearchIndex(documents, data.synonyms, data.params);
}
