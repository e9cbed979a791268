// The catalog's search, in the browser. It mirrors fmcheatsheet/search.py,
// fmcheatsheet/semantic.py and fmcheatsheet/textnorm.py step for step, in the same
// order of floating-point operations; the constants, word lists and query rules come
// from search.json, so there is one source for them. tests/test_search_conformance.py
// runs this module under Node on fixtures the Python code generates.
//
// The word vectors (search-vectors.bin) are not part of search.json: the page loads
// them only when a query needs them and hands them to setVectors(). Until then, or if
// they cannot be loaded, the index ranks on words alone, exactly as the library does
// without its vector table.

const WORD = /[a-z0-9]+/g;
const CASED_WORD = /[A-Za-z0-9]+/g;
const CAPITALS = /^[A-Z0-9]*[A-Z][A-Z0-9]*$/;
// The parts of a glued or camel-case word (textnorm.py's _GLUED_PART).
const GLUED_PART = /[A-Z]+(?=[A-Z][a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
const MIN_GLUED_PART = 3;
const ALNUM_END = /[\p{L}\p{N}]$/u;
const SCAFFOLD = 0;
const SYNONYM = 1;
const READER = 2;
// How a phrase of the vocabulary reads each word of a query (search.py's _WORD, _SKIP, _MAY_SKIP).
const WORD_ROLE = 0;
const SKIP = 1;
const MAY_SKIP = 2;
// A plural possessive ("the models' data") reads like a singular one ("the model's data").
const PLURAL_POSSESSIVE = /(?<=[A-Za-z]s)['\u2019](?![A-Za-z0-9])/g;

export function fold(text) {
  return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

export function tokens(text) {
  return fold(text).match(WORD) || [];
}

// The term of a word a name writes in capitals: the word in capitals, which no (lowercase) stem
// meets, so "tie" never finds TIES-Merging (search.py's acronym_term).
function acronymTerm(word) {
  return word.toUpperCase();
}

// Words the text writes in capitals ("TIES", "GPT4"), as tokens (lowercase).
export function capitalised(text) {
  const plain = text.normalize("NFKD").replace(/\p{M}/gu, "");
  const words = new Set(tokens(text));
  const found = (plain.match(CASED_WORD) || []).filter((w) => CAPITALS.test(w)).map((w) => w.toLowerCase());
  return new Set(found.filter((w) => words.has(w)));
}

// The parts of each word the text glues together by case ("GlotLID": Glot, LID), as written
// (textnorm.py's glued_words): words of at least two parts of MIN_GLUED_PART letters, numbers aside.
export function gluedWords(text) {
  const plain = text.normalize("NFKD").replace(/\p{M}/gu, "");
  const found = [];
  for (const word of plain.match(CASED_WORD) || []) {
    const parts = (word.match(GLUED_PART) || []).filter((part) => !/^[0-9]+$/.test(part));
    if (parts.length >= 2 && parts.every((part) => part.length >= MIN_GLUED_PART)) found.push(parts);
  }
  return found;
}

// A field's weight for a term used tf times: repeats saturate (BM25's term frequency; search.py's _saturated).
function saturated(weight, tf) {
  return (weight * tf) / (tf + 0.5);
}

// The term of a part of a word a name glues together ("lid" in GlotLID): only the same word
// meets it, never a stem, completion or correction (search.py's glued_term).
function gluedTerm(word) {
  return `+${word}`;
}

export function makeStemmer(suffixes, keep, minStem, notAfter = {}, spellings = {}) {
  const keepSet = new Set(keep);
  const spelt = new Map(Object.entries(spellings));
  const memo = new Map();
  return function stem(word) {
    let cached = memo.get(word);
    if (cached !== undefined) return cached;
    cached = stemUncached(word, suffixes, keepSet, minStem, notAfter, spelt);
    memo.set(word, cached);
    return cached;
  };
}

// British and American spellings of a word stem alike: the result is looked up in `spellings`.
function stemUncached(word, suffixes, keep, minStem, notAfter, spellings) {
  if (word.length <= 3 || keep.has(word) || /^\d+$/.test(word) || word.endsWith("ss")) return word;
  for (const [suffix, replacement] of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= (minStem[suffix] ?? 3)) {
      if ((notAfter[suffix] ?? "").includes(word[word.length - suffix.length - 1])) continue;
      let base = word.slice(0, word.length - suffix.length) + replacement;
      if (replacement === "" && base.endsWith("e") && base.length > 4) base = base.slice(0, -1);
      return spellings.get(base) ?? base;
    }
  }
  const base = word.endsWith("e") && word.length > 4 ? word.slice(0, -1) : word;
  return spellings.get(base) ?? base;
}

// Per word of the text, whether a hyphen joins it to the next ("LLaVA-style"; textnorm.joined).
export function joined(text) {
  const between = gaps(text);
  return between.map((_, i) => i + 1 < between.length && between[i + 1] === "-");
}

// Whether a phrase is a run of the words: starting at `at`, or anywhere (search.py's _occurs).
function occurs(phrase, words, at = null) {
  const opens = (i) => phrase.length <= words.length - i && phrase.every((w, k) => words[i + k] === w);
  return at === null ? words.some((_, i) => opens(i)) : opens(at);
}

// Per word of the text, what stands between it and the word before (the text before it, for the
// first): spaces, punctuation, a hyphen (textnorm.gaps).
export function gaps(text) {
  const folded = fold(text);
  const found = [];
  let end = 0;
  for (const m of folded.matchAll(WORD)) {
    found.push(folded.slice(end, m.index));
    end = m.index + m[0].length;
  }
  return found;
}

// Per word of the text, the word as written, its case kept; the words themselves if the two
// readings disagree (textnorm.written).
export function written(text) {
  const words = tokens(text);
  const plain = text.normalize("NFKD").replace(/\p{M}/gu, "");
  const cased = plain.match(CASED_WORD) || [];
  const same = cased.length === words.length && cased.every((w, i) => w.toLowerCase() === words[i]);
  return same ? cased : words;
}

// Per word of the text, whether it says the resource is not it (search.py's negated): the words
// after a negation ("not", "rather than") up to the end of its clause (a punctuation mark of
// `breaks`, a word of `until`) or `span` words of the topic (filler not counted, words joined by
// hyphens as one). A phrase of `unless` ("not only") negates nothing; nor does a negation joined
// by a hyphen to the next word, or one written with a capital inside a sentence (a name).
export function negated(text, rules, stopwords, span) {
  const words = tokens(text);
  const out = words.map(() => false);
  if (!rules.when.length) return out;
  const between = gaps(text);
  const cased = written(text);
  const breaks = new Set(Array.from(rules.breaks));
  const until = new Set(rules.until);
  const longest = Math.max(...rules.when.map((p) => p.length));
  const clauseEnds = (position) => Array.from(between[position]).some((ch) => breaks.has(ch));
  let i = 0;
  while (i < words.length) {
    let found = 0;
    for (let size = Math.min(longest, words.length - i); size > 0; size--) {
      if (!rules.when.some((p) => p.length === size && occurs(p, words, i))) continue;
      let inside = false;
      for (let k = i + 1; k < i + size; k++) if (clauseEnds(k)) inside = true;
      if (!inside) {
        found = size;
        break;
      }
    }
    if (!found || rules.unless.some((p) => occurs(p, words, i))) {
      i += 1;
      continue;
    }
    const after = i + found;
    const first = cased[i].slice(0, 1);
    const capital =
      first !== first.toLowerCase() && first === first.toUpperCase() && i > 0 && !/[.!?:]/.test(between[i]);
    if (capital || (after < words.length && between[after] === "-")) {
      i = after;
      continue;
    }
    let counted = 0;
    let j = after;
    while (j < words.length && counted < span && !clauseEnds(j) && !until.has(words[j])) {
      out[j] = true;
      if (!stopwords.has(words[j]) && !(j + 1 < words.length && between[j + 1] === "-")) counted += 1;
      j += 1;
    }
    i = j;
  }
  return out;
}

export function compact(text) {
  return tokens(text).join("");
}

const SENTENCE_END = /[.!?]\s+(?=[A-Z0-9])/;

// `text` up to the end of its first sentence: a full stop, "!" or "?" before a capital or a digit.
export function firstSentence(text) {
  const found = SENTENCE_END.exec(text);
  return found === null ? text : text.slice(0, found.index);
}

const ALIASED = /^(.*[^\s(])\s*\(([^()]+)\)\s*$/;
const FORMER_NAMES_SPLIT = /,|\band\b|\bor\b/;

// Other names a name gives itself, run together: the name before a bracket ("MMLU" in "MMLU
// (Measuring ...)"), an acronym in the bracket written in capitals ("BBQ"), and each former name a
// bracket lists after one of formerNameWords ("formerly LMArena, Chatbot Arena"); search.py's name_aliases.
export function nameAliases(name, formerNameWords = []) {
  return aliasTexts(name, formerNameWords)
    .map((text) => compact(text))
    .filter(Boolean);
}

// The other names a name gives itself, as written (search.py's alias_texts).
export function aliasTexts(name, formerNameWords = []) {
  const found = ALIASED.exec(name);
  if (found === null) return [];
  const [, before, inside] = found;
  const texts = [before];
  const trimmed = inside.trim();
  const space = trimmed.indexOf(" ");
  const opening = space < 0 ? trimmed : trimmed.slice(0, space);
  if (formerNameWords.includes(opening.toLowerCase())) {
    const rest = space < 0 ? "" : trimmed.slice(space + 1);
    return texts.concat(rest.split(FORMER_NAMES_SPLIT));
  }
  const words = tokens(inside);
  const caps = capitalised(inside);
  if (words.length && words.every((w) => caps.has(w) || /^[0-9]+$/.test(w))) texts.push(inside);
  return texts;
}

// Per name (run together, aliases included), the resources whose words say it: its words in a row
// in any field of tokenized ([id, [[field, words], ...]]); search.py's mentions.
export function mentions(tokenized, names, formerNameWords = []) {
  // By first word and length, so that each word of a text is compared once per length of name.
  const forms = new Map();
  for (const name of names.values()) {
    for (const text of [name, ...aliasTexts(name, formerNameWords)]) {
      const words = tokens(text);
      if (!words.length) continue;
      if (!forms.has(words[0])) forms.set(words[0], new Map());
      const bySize = forms.get(words[0]);
      if (!bySize.has(words.length)) bySize.set(words.length, new Set());
      bySize.get(words.length).add(words.join(" "));
    }
  }
  const found = new Map();
  for (const [id, fields] of tokenized) {
    for (const [, words] of fields) {
      words.forEach((word, i) => {
        for (const [size, named] of forms.get(word) || []) {
          const run = words.slice(i, i + size);
          if (run.length !== size || !named.has(run.join(" "))) continue;
          const key = run.join("");
          if (!found.has(key)) found.set(key, new Set());
          found.get(key).add(id);
        }
      });
    }
  }
  return found;
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

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Python's tuple order, for arrays of numbers or strings.
function compareTuples(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i], b[i]);
    if (c) return c;
  }
  return a.length - b.length;
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

function round6(value) {
  return parseFloat(value.toFixed(6));
}

function plainSum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

// -- word vectors (fmcheatsheet/semantic.py) ---------------------------------------

// The Euclidean length, summed left to right as semantic.py does.
function length(values) {
  let squares = 0;
  for (const v of values) squares += v * v;
  return Math.sqrt(squares);
}

export function normalise(values) {
  const norm = length(values);
  if (norm === 0) return null;
  return values.map((v) => v / norm);
}

// To nine decimals, as semantic.dot in Python (which may add with compensated rounding).
export function dot(a, b) {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * b[i];
  return Math.floor(total * 1e9 + 0.5) / 1e9;
}

export class WordVectors {
  // buffer: the bytes of search-vectors.bin (an ArrayBuffer).
  constructor(buffer) {
    const view = new DataView(buffer);
    const length = view.getUint32(0, true);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)));
    this.dims = header.dims;
    this.bits = header.bits ?? 8;
    this.scales = header.scales;
    this.rows = new Map(header.terms.map((term, i) => [term, i]));
    this.neighbours = new Map(Object.entries(header.neighbours || {}));
    this.provenance = header.provenance || {};
    this.data = new Uint8Array(buffer, 4 + length);
    if (this.data.length !== (header.terms.length * this.dims * this.bits) / 8) {
      throw new Error("search-vectors.bin: the table's size does not match its header");
    }
    this.decoded = new Map();
  }

  has(term) {
    return this.rows.has(term);
  }

  vector(term) {
    let found = this.decoded.get(term);
    if (found !== undefined) return found;
    const row = this.rows.get(term);
    if (row === undefined) return null;
    found = new Array(this.dims);
    if (this.bits === 4) {
      const start = (row * this.dims) / 2;
      for (let i = 0; i < this.dims / 2; i++) {
        const byte = this.data[start + i];
        found[2 * i] = ((byte & 15) - 8) * this.scales[2 * i];
        found[2 * i + 1] = ((byte >> 4) - 8) * this.scales[2 * i + 1];
      }
    } else {
      const start = row * this.dims;
      for (let i = 0; i < this.dims; i++) {
        const byte = this.data[start + i];
        found[i] = (byte > 127 ? byte - 256 : byte) * this.scales[i];
      }
    }
    this.decoded.set(term, found);
    return found;
  }

  embed(weighted) {
    const total = this.total(weighted);
    return total === null ? null : normalise(total);
  }

  // The weighted sum of the stems' vectors (what embed scales to length one).
  total(weighted) {
    let total = null;
    for (const [term, weight] of weighted) {
      const vector = this.vector(term);
      if (vector === null || weight <= 0) continue;
      if (total === null) total = vector.map((v) => weight * v);
      else total = total.map((t, i) => t + weight * vector[i]);
    }
    return total;
  }
}

// -- the index (fmcheatsheet/search.py) --------------------------------------------

export class SearchIndex {
  // documents: [id, {field: text}] in catalog order; vocabulary: {synonyms, phrases};
  // params: search.json "params"; types: id -> resource type; sections: [id, text].
  // questions: id -> the resource's readers' questions; recommended: id -> how many best practices cite it;
  // coverage: id -> its language coverage ("english-only", "multilingual").
  constructor(
    documents,
    vocabulary,
    params,
    {
      types = new Map(),
      modalities = new Map(),
      coverage = new Map(),
      sections = [],
      questions = new Map(),
      recommended = new Map(),
    } = {},
  ) {
    this.params = params;
    this.stem = makeStemmer(params.suffixes, params.keep, params.min_stem, params.not_after, params.spellings);
    this.stopwords = new Set(params.stopwords.split ? params.stopwords.split(/\s+/) : params.stopwords);
    this.articles = new Set(params.articles || []);
    this.possessives = new Set(params.possessives || []);
    this.owners = new Set(params.owners || []);
    this.modifiers = new Set(params.modifiers || []);
    this.types = types;
    // A resource tagged with a kind of text (code) carries that kind too (search.py's modality_tags).
    this.modalityTags = Object.entries(params.modality_tags || {}).map(([kind, tags]) => [kind, new Set(tags)]);
    this.modalities = new Map(modalities);
    for (const [id, fields] of documents) {
      const tags = (fields.tags || "").split(" ");
      const kinds = this.modalityTags.filter(([, named]) => tags.some((t) => named.has(t))).map(([kind]) => kind);
      if (kinds.length) this.modalities.set(id, [...(this.modalities.get(id) || ["text"]), ...kinds]);
    }
    const light = params.light_verbs || { when: [] };
    this.lightVerbs = light.when.map((v) => v.split(" "));
    this.modalityWords = new Map(Object.entries(params.modality_words || {}));
    this.modalityNouns = new Set(params.modality_nouns || []);
    this.modalityPhrases = (params.modality_phrases || []).map(([p, m]) => [p.split(" "), m]);
    this.textModelsUnless = new Set((params.text_models || { unless: [] }).unless);
    const multilingual = params.multilingual || { when: [], unless: [] };
    this.multilingualWhen = multilingual.when.map((p) => p.split(" "));
    this.multilingualUnless = multilingual.unless.map((p) => p.split(" "));
    // Resources covering English alone or one language (search.py's few_languages).
    const few = new Set(params.few_languages || []);
    this.fewLanguages = new Set(
      Array.from(coverage)
        .filter(([, c]) => few.has(c))
        .map(([id]) => id),
    );
    const dataHad = params.data_had || { intent: "", when: [] };
    this.dataHadIntent = dataHad.intent;
    this.dataHad = new Set(dataHad.when);
    // Per resource, the modalities other than text that it carries and its name or tags name
    // (search.py's _named_modalities).
    this.namedModalities = new Map();
    this.postings = new Map();
    // Per term, the resources whose name gives it its best weight, valued as a context word's
    // match (search.py's _context_postings): the name's weight discounted, or another field's.
    this.contextPostings = new Map();
    this.idfTable = new Map();
    this.phraseCache = new Map();
    this.names = new Map();
    this.documentCount = 0;
    this.vectors = null;
    this.docVectors = new Map();
    this.ownWords = new Map();
    this.scales = new Map();
    this.centre = null;
    this.questions = questions;
    this.recommended = new Map(Array.from(recommended).filter(([, count]) => count > 0));
    this.questionVectors = new Map();
    const surface = new Map();
    // Words a name writes in capitals whose stem is another word (TIES is not the plural of
    // "tie"): indexed as written, in capitals, where a resource uses them as the name.
    this.acronyms = new Set();
    // Acronyms glued into a name ("LID" in "GlotLID"): words of the name, matched only as typed.
    this.glued = new Set();
    const gluedNames = new Map(documents.map(([id, fields]) => [id, gluedWords(fields.name || "")]));
    for (const [, fields] of documents) {
      for (const w of capitalised(fields.name || "")) if (this.stem(w) !== w) this.acronyms.add(w);
    }
    this.written = new Map(documents.map(([id, fields]) => [id, this.acronymsWritten(fields)]));
    const negations = params.negations || { when: [], unless: [], until: [], breaks: "" };
    this.negations = {
      when: negations.when.map((p) => p.split(" ")),
      unless: negations.unless.map((p) => p.split(" ")),
      until: negations.until,
      breaks: negations.breaks,
    };
    // A description's words, less what it says the resource is not (search.py's negated()).
    const kept = new Map(
      documents.map(([id, fields]) => [
        id,
        negated(fields.description || "", this.negations, this.stopwords, params.negation_span).map((no) => !no),
      ]),
    );
    this.tokenized = documents.map(([id, fields]) => [
      id,
      Object.entries(fields).map(([name, text]) => [
        name,
        name === "description" ? tokens(text).filter((_, i) => kept.get(id)[i]) : tokens(text),
      ]),
    ]);
    // How many words of the description's first sentence the meaning vector keeps: the later ones weigh less there.
    this.leads = new Map(
      documents.map(([id, fields]) => {
        const first = tokens(firstSentence(fields.description || "")).length;
        return [id, kept.get(id).slice(0, first).filter(Boolean).length];
      }),
    );
    // Word by word, how many words its tag has ("world" in "world-model": 2).
    this.tagSizes = new Map(
      documents.map(([id, fields]) => [
        id,
        (fields.tags || "")
          .split(/\s+/)
          .filter(Boolean)
          .flatMap((tag) => tokens(tag).map((_, i, all) => all.length)),
      ]),
    );
    const totals = Object.fromEntries(Object.keys(params.field_weights).map((name) => [name, 0]));
    for (const [, fields] of this.tokenized) for (const [name, words] of fields) totals[name] += words.length;
    const average = {};
    for (const name of Object.keys(params.field_weights)) {
      average[name] = Math.max(1.0, totals[name] / Math.max(1, this.tokenized.length));
    }
    const b = params.length_norm;
    // A match in a short field says more than one in a long field (BM25's length normalisation).
    const fieldWeight = (fieldName, size) => params.field_weights[fieldName] / (1 - b + (b * size) / average[fieldName]);
    // Per resource, the terms of its name that none of its other fields use.
    this.nameOnly = new Map();
    // Per resource, its family (see family()), when its name has one.
    this.family = new Map();
    for (const [id, fields] of this.tokenized) {
      this.documentCount += 1;
      const nameWords = fields.find(([name]) => name === "name");
      this.names.set(id, nameWords ? nameWords[1].join("") : "");
      const nameTerms = new Set();
      const otherTerms = new Set();
      const written = this.written.get(id);
      const nameValues = new Map();
      const otherValues = new Map();
      for (const [fieldName, words] of fields) {
        const weight = fieldWeight(fieldName, words.length);
        const values = fieldName === "name" ? nameValues : otherValues;
        const counts = new Map();
        const acronyms = written.get(fieldName);
        for (const word of words) {
          const term = this.termOf(word, acronyms);
          surface.set(word, this.stem(word));
          counts.set(term, (counts.get(term) || 0) + 1);
          (fieldName === "name" ? nameTerms : otherTerms).add(term);
        }
        for (const [term, tf] of counts) {
          const value = saturated(weight, tf);
          let posting = this.postings.get(term);
          if (!posting) {
            posting = new Map();
            this.postings.set(term, posting);
          }
          if (value > (posting.get(id) || 0)) posting.set(id, value);
          if (value > (values.get(term) || 0)) values.set(term, value);
        }
      }
      const nameList = nameWords ? nameWords[1] : [];
      const glued = new Set();
      for (const parts of gluedNames.get(id)) {
        for (const part of parts) {
          const word = part.toLowerCase();
          if (/^[A-Z]+$/.test(part) && !nameList.includes(word) && !this.stopwords.has(word)) glued.add(word);
        }
      }
      if (glued.size) {
        // As a word of the name used once would weigh.
        const value = saturated(params.glued_weight * fieldWeight("name", nameList.length), 1);
        for (const part of Array.from(glued).sort()) {
          const term = gluedTerm(part);
          if (!this.postings.has(term)) this.postings.set(term, new Map());
          this.postings.get(term).set(id, value);
          nameValues.set(term, value);
          nameTerms.add(term);
          this.glued.add(part);
        }
      }
      for (const [term, value] of nameValues) {
        const other = otherValues.get(term) || 0;
        if (value > other) {
          if (!this.contextPostings.has(term)) this.contextPostings.set(term, new Map());
          this.contextPostings.get(term).set(id, Math.max(other, params.context_name_weight * value));
        }
      }
      const own = new Set(Array.from(nameTerms).filter((term) => !otherTerms.has(term)));
      if (own.size) this.nameOnly.set(id, own);
      const said = fields.filter(([name]) => name === "name" || name === "tags").flatMap(([, words]) => words);
      const carried = modalities.get(id) || [];
      const namedModalities = Array.from(this.modalitiesNamed(said)).filter((m) => carried.includes(m));
      if (namedModalities.length) this.namedModalities.set(id, namedModalities);
      const found = family(nameWords ? nameWords[1] : []);
      if (found !== null) this.family.set(id, found);
    }
    // A word used only as an acronym ("halie"): its completions and corrections are the acronym.
    for (const [word, term] of surface) if (!this.postings.has(term)) surface.set(word, acronymTerm(word));
    // A word a resource writes only where it says it is not that is still a word it uses: it counts
    // in the word's rarity, never as a match (search.py's _negated).
    this.negatedIn = new Map();
    for (const [id, fields] of documents) {
      const acronyms = this.written.get(id).get("description");
      const mask = kept.get(id);
      tokens(fields.description || "").forEach((word, i) => {
        if (mask[i]) return;
        const term = this.termOf(word, acronyms);
        const posting = this.postings.get(term);
        if (!posting || posting.has(id)) return;
        if (!this.negatedIn.has(term)) this.negatedIn.set(term, new Set());
        this.negatedIn.get(term).add(id);
      });
    }
    for (const [term, posting] of this.postings) {
      this.idfTable.set(term, this.rarity(posting.size + (this.negatedIn.get(term) || new Set()).size));
    }
    this.sortedWords = Array.from(surface.keys()).sort();
    this.surface = surface;
    this.byName = new Map();
    for (const [id, name] of this.names) {
      if (!this.byName.has(name)) this.byName.set(name, []);
      this.byName.get(name).push(id);
    }
    for (const [id, fields] of documents) {
      for (const alias of nameAliases(fields.name || "", this.params.former_name_words)) {
        if (!this.byName.has(alias)) this.byName.set(alias, []);
        if (!this.byName.get(alias).includes(id)) this.byName.get(alias).push(id);
      }
    }
    this.mentions = mentions(
      this.tokenized,
      new Map(documents.map(([id, fields]) => [id, fields.name || ""])),
      this.params.former_name_words,
    );
    this.byNameWords = new Map();
    this.maxName = 1;
    for (const [id, fields] of this.tokenized) {
      const entry = fields.find(([name]) => name === "name");
      const words = entry ? entry[1] : [];
      if (!words.length || words.every((w) => this.stopwords.has(w))) continue;
      const key = words.join(" ");
      if (!this.byNameWords.has(key)) this.byNameWords.set(key, []);
      this.byNameWords.get(key).push(id);
      this.maxName = Math.max(this.maxName, words.length);
    }
    // Correction candidates: words of letters only, by first letter and length.
    this.buckets = new Map();
    for (const word of this.sortedWords) {
      if (!/^[a-z]+$/.test(word)) continue;
      const key = `${word[0]}${word.length}`;
      if (!this.buckets.has(key)) this.buckets.set(key, []);
      this.buckets.get(key).push(word);
    }
    this.setVocabulary(vocabulary.synonyms || [], vocabulary.phrases || {});
    this.sections = sections.map(([id, text]) => [id, Array.from(new Set(tokens(text).map(this.stem))).sort(), null]);
  }

  terms(text) {
    return tokens(text).map(this.stem);
  }

  // The index term of a field's word: its stem, but an acronym as written (search.py's _terms_of).
  termOf(word, acronyms) {
    return acronyms.has(word) ? acronymTerm(word) : this.stem(word);
  }

  // Per field of a resource, the acronyms it uses as such: every field of a resource whose
  // name writes the acronym; elsewhere a field that writes it in capitals too, or a tag.
  acronymsWritten(fields) {
    const own = Array.from(capitalised(fields.name || "")).filter((w) => this.stem(w) !== w);
    const out = new Map();
    for (const [name, text] of Object.entries(fields)) {
      const used = new Set(own);
      if (this.acronyms.size) {
        for (const w of name === "tags" ? tokens(text) : capitalised(text)) if (this.acronyms.has(w)) used.add(w);
      }
      out.set(name, used);
    }
    return out;
  }

  rarity(found) {
    const n = this.documentCount;
    return Math.log(1 + (n - found + 0.5) / (found + 0.5));
  }

  setVocabulary(groups, readers) {
    const table = new Map();
    const keys = new Map();
    for (const group of groups) {
      const phrases = new Map();
      for (const phrase of group) {
        const key = this.terms(phrase);
        if (key.length) phrases.set(key.join(" "), key);
      }
      for (const [key, terms] of phrases) {
        keys.set(key, terms);
        if (!table.has(key)) table.set(key, new Map());
        for (const [other, otherTerms] of phrases) if (other !== key) table.get(key).set(other, otherTerms);
      }
    }
    this.synonyms = new Map();
    for (const [key, others] of table) this.synonyms.set(key, Array.from(others.values()).sort(compareTuples));
    this.readers = new Map();
    for (const [term, phrases] of Object.entries(readers)) {
      const target = this.terms(term);
      for (const phrase of phrases) {
        const key = this.terms(phrase);
        if (key.length && target.length) this.readers.set(key.join(" "), target);
      }
    }
    // Each phrase's stems without its articles (see roles); phrases differing only in them are one.
    const skeletons = new Map();
    const texts = groups.flat().concat(Object.values(readers).flat());
    for (const text of texts) {
      const key = this.terms(text).join(" ");
      if (!skeletons.has(key)) skeletons.set(key, this.skeleton(tokens(text)));
    }
    const found = new Map();
    const setDefault = (key, value) => {
      if (key.length && !found.has(key.join(" "))) found.set(key.join(" "), value);
    };
    for (const text of this.params.scaffolding) {
      const key = this.skeleton(tokens(text));
      if (key.length) found.set(key.join(" "), [SCAFFOLD, []]);
    }
    const synonymKeys = Array.from(keys.values()).sort(compareTuples);
    for (const terms of synonymKeys) if (terms.length > 1) setDefault(skeletons.get(terms.join(" ")), [SYNONYM, terms]);
    const readerKeys = Array.from(this.readers.keys()).map((k) => k.split(" ")).sort(compareTuples);
    for (const terms of readerKeys) {
      const key = terms.join(" ");
      setDefault(skeletons.get(key), [READER, this.readers.get(key)]);
    }
    this.phrases = found;
    this.phrasePrefixes = new Set();
    for (const key of found.keys()) {
      const parts = key.split(" ");
      for (let n = 1; n <= parts.length; n++) this.phrasePrefixes.add(parts.slice(0, n).join(" "));
    }
    this.triggers = new Map();
    this.maxTrigger = 1;
    // The one-word signals of the intents read only at the query's opening, as written (search.py's
    // _verbs_as_written).
    this.verbsAsWritten = new Set();
    this.lightIntent = null;
    for (const rule of this.params.intents) {
      const intent = {
        name: rule.name,
        favour: rule.favour,
        disfavour: rule.disfavour || [],
        first: Boolean(rule.first),
        purpose: Boolean(rule.purpose),
      };
      if (this.params.light_verbs && rule.name === this.params.light_verbs.intent && this.lightIntent === null) {
        this.lightIntent = intent;
      }
      for (const text of rule.when) {
        if (intent.first && !text.includes(" ")) this.verbsAsWritten.add(text);
        const key = this.terms(text);
        if (!key.length) continue;
        if (!this.triggers.has(key.join(" "))) this.triggers.set(key.join(" "), intent);
        this.maxTrigger = Math.max(this.maxTrigger, key.length);
      }
    }
    // Single words that name a kind of resource ("paper", "benchmark"), not a task.
    this.kindWords = new Set();
    for (const [key, intent] of this.triggers) {
      if (!key.includes(" ") && !intent.first && !intent.purpose) this.kindWords.add(key);
    }
  }

  // Hands the index its word vectors: resources and sections get theirs now.
  setVectors(vectors) {
    this.vectors = vectors;
    this.docVectors = new Map();
    this.ownWords = new Map();
    this.scales = new Map();
    const p = this.params;
    const raw = [];
    const lengths = new Map();
    for (const [id, fields] of this.tokenized) {
      const weights = new Map();
      const tagSizes = this.tagSizes.get(id);
      const lead = this.leads.get(id);
      const written = this.written.get(id);
      for (const [fieldName, words] of fields) {
        const acronyms = written.get(fieldName);
        words.forEach((word, i) => {
          let fieldWeight = p.semantic_field_weights[fieldName];
          // A tag is one idea: the words of a compound tag share its weight.
          if (fieldName === "tags") fieldWeight /= Math.sqrt(tagSizes[i]);
          // What a resource is and is for comes first; later sentences add traits (licence, access).
          if (fieldName === "description" && i >= lead) fieldWeight *= p.later_sentences_weight;
          const term = this.termOf(word, acronyms);
          if (fieldWeight > (weights.get(term) || 0)) weights.set(term, fieldWeight);
        });
      }
      const weighted = Array.from(weights.keys())
        .sort()
        .map((t) => [t, weights.get(t) * this.idf(t)]);
      const total = vectors.total(weighted);
      const vector = total === null ? null : normalise(total);
      if (vector === null) continue;
      raw.push([id, vector]);
      // Terms few resources use: their weight, and the sum they are part of (see ownWordsOnce).
      const own = weighted.filter(([t]) => this.postings.get(t).size <= p.own_word_max_resources && vectors.has(t));
      if (own.length && this.documentCount >= p.own_word_min_resources) {
        lengths.set(id, length(total));
        for (const [t, w] of own) {
          if (!this.ownWords.has(t)) this.ownWords.set(t, new Map());
          this.ownWords.get(t).set(id, w);
        }
      }
    }
    this.centre = null;
    if (raw.length) {
      let total = raw[0][1].slice();
      for (const [, vector] of raw.slice(1)) total = total.map((t, i) => t + vector[i]);
      this.centre = total.map((t) => t / raw.length);
    }
    for (const [id, vector] of raw) {
      const centred = this.centred(vector);
      if (centred === null) continue;
      this.docVectors.set(id, centred);
      if (lengths.has(id)) this.scales.set(id, [lengths.get(id), length(vector.map((v, i) => v - this.centre[i]))]);
    }
    for (const section of this.sections) {
      section[2] = this.centred(vectors.embed(section[1].map((t) => [t, this.idf(t)])));
    }
    this.questionVectors = new Map();
    for (const [id, asked] of this.questions) {
      const found = asked.map((question) => this.questionVector(question)).filter((v) => v !== null);
      if (found.length) this.questionVectors.set(id, found);
    }
  }

  // A readers' question's meaning: its words other than scaffolding, each weighed by its rarity.
  questionVector(question) {
    const words = tokens(question).filter((w) => !this.stopwords.has(w));
    const terms = Array.from(new Set(words.map(this.stem))).sort();
    return this.centred(this.vectors.embed(terms.map((t) => [t, this.idf(t)])));
  }

  centred(vector) {
    if (vector === null || this.centre === null) return vector;
    return normalise(vector.map((v, i) => v - this.centre[i]));
  }

  idf(term) {
    const known = this.idfTable.get(term);
    return known !== undefined ? known : this.rarity(0);
  }

  weight(term) {
    const known = this.idfTable.get(term);
    return known !== undefined ? known : this.rarity(Math.min(this.params.unknown_df, this.documentCount));
  }

  queryWords(text) {
    const words = tokens(text);
    const kept = words.filter((w) => !this.stopwords.has(w));
    return kept.length ? kept : words;
  }

  content(words) {
    return words.filter((w) => !this.stopwords.has(w)).map(this.stem);
  }

  // What the query asks: {concepts, intent, dropped, meaning, unknown}, as SearchIndex.read in Python.
  read(text) {
    const readText = text.replace(PLURAL_POSSESSIVE, " s");
    const words = tokens(readText);
    const stems = words.map(this.stem);
    const roles = this.roles(words);
    const owned = this.owned(readText, words);
    const concepts = [];
    const starts = []; // where each concept starts
    let dropped = [];
    const meaning = new Map();
    let opening = null;
    const topic = new Array(stems.length).fill(false); // whether each word is part of a concept
    const weights = []; // each content word's weight, and whether the search knows it
    let scaffolded = false; // whether question scaffolding has been dropped
    let light = null; // the intent a light verb after the scaffolding signals
    let position = 0;
    while (position < stems.length) {
      if (scaffolded && opening === null && light === null) {
        const length = this.lightVerb(words, position);
        if (length) {
          // "how do I do instruction tuning": a way to do what follows, as "how do I fine-tune".
          dropped.push(...words.slice(position, position + length));
          light = this.lightIntent;
          position += length;
          continue;
        }
      }
      const match = this.phraseAt(stems, roles, position);
      if (match !== null) {
        const [length, [kind, target]] = match;
        const phraseWords = words.slice(position, position + length);
        if (kind === SCAFFOLD) {
          dropped.push(...phraseWords);
          scaffolded = true;
        } else {
          if (opening === null) opening = position;
          topic.fill(true, position, position + length);
          const phrase = kind === SYNONYM ? target : stems.slice(position, position + length);
          const concept = this.phraseConcept(phraseWords.join(" "), phrase, kind, target);
          if (owned[position] || this.owners.has(phraseWords[0])) concept.context = true;
          concepts.push(concept);
          starts.push(position);
          const terms = this.content(phraseWords).concat(kind === READER ? target : []);
          for (const term of terms) this.addMeaning(meaning, term);
          for (const term of this.content(phraseWords)) weights.push([this.weight(term), true]);
        }
        position += length;
        continue;
      }
      const word = words[position];
      if (this.stopwords.has(word)) {
        dropped.push(word);
        position += 1;
        continue;
      }
      if (opening === null) opening = position;
      topic[position] = true;
      const typing = position === stems.length - 1 && ALNUM_END.test(text);
      const concept = this.wordConcept(word, stems[position], typing);
      if (owned[position]) concept.context = true;
      concepts.push(concept);
      starts.push(position);
      const meaningTerm = this.meaningTerm(word, stems[position]);
      this.addMeaning(meaning, meaningTerm);
      weights.push([this.weight(stems[position]), this.known(word, stems[position], meaningTerm)]);
      position += 1;
    }
    if (!concepts.length && dropped.length) {
      words.forEach((word, i) => {
        const typing = i === words.length - 1 && ALNUM_END.test(text);
        concepts.push(this.wordConcept(word, stems[i], typing));
        this.addMeaning(meaning, stems[i]);
        weights.push([this.weight(stems[i]), this.known(word, stems[i], stems[i])]);
      });
      dropped = [];
    }
    const intent = light !== null && concepts.length ? light : this.intent(words, stems, opening, topic);
    // When the query asks for something to train on, what it will train is context (search.py's _purposed).
    const purposed = intent !== null && intent.purpose ? this.purposed(words, stems, topic) : [];
    if (purposed.some(Boolean)) {
      concepts.forEach((concept, i) => {
        if (purposed[starts[i]]) concept.context = true;
      });
    }
    // When it asks how to do something, the data it will do it with is context too (search.py's _data_had).
    const had = intent !== null && intent.name === this.dataHadIntent ? this.dataHadWords(words, opening) : [];
    if (had.some(Boolean)) {
      concepts.forEach((concept, i) => {
        if (had[starts[i]]) concept.context = true;
      });
    }
    const total = plainSum(weights.map(([w]) => w));
    const unknown = total > 0 ? plainSum(weights.filter(([, known]) => !known).map(([w]) => w)) / total : 0;
    return {
      concepts,
      intent,
      dropped,
      meaning: Array.from(meaning.entries()).sort((a, b) => compare(a[0], b[0])),
      unknown,
      modality: this.modality(
        words,
        concepts.map((c) => c.text),
      ),
      text_model: this.textModel(words),
      multilingual: this.multilingual(words),
    };
  }

  // Whether each word names data the reader has: after a task verb and its object, a phrase opened
  // by "on", "with" or "from" up to a word for data within data_had_span words (search.py's _data_had).
  dataHadWords(words, opening) {
    const out = words.map(() => false);
    if (opening === null) return out;
    for (let position = opening + 2; position < words.length; position++) {
      if (!this.dataHad.has(words[position])) continue;
      const last = Math.min(words.length, position + 1 + this.params.data_had_span);
      for (let end = position + 1; end < last; end++) {
        if (this.modalityNouns.has(words[end])) {
          for (let j = position + 1; j <= end; j++) out[j] = true;
          return out;
        }
      }
    }
    return out;
  }

  // The modalities other than text that words name ("audio", "images"); search.py's _modalities_named.
  modalitiesNamed(words) {
    const out = new Set();
    for (const w of words) {
      const named = this.modalityWords.get(w);
      if (named !== undefined && named !== "text") out.add(named);
    }
    return out;
  }

  // Whether a query is about text: it says no word of another modality ("speech", "vision") and none
  // that implies one ("speakers", "CLIP"); search.py's _text_model.
  textModel(words) {
    return !this.modalitiesNamed(words).size && !words.some((w) => this.textModelsUnless.has(w));
  }

  // Whether a query asks for many languages: a phrase of params.multilingual.when outside one of its
  // "unless" ("programming languages"); search.py's _multilingual.
  multilingual(words) {
    const covered = words.map(() => false);
    for (const phrase of this.multilingualUnless) {
      for (let at = 0; at + phrase.length <= words.length; at++) {
        if (occurs(phrase, words, at)) for (let k = at; k < at + phrase.length; k++) covered[k] = true;
      }
    }
    return this.multilingualWhen.some((phrase) => {
      for (let at = 0; at + phrase.length <= words.length; at++) {
        if (occurs(phrase, words, at) && !covered.slice(at, at + phrase.length).some(Boolean)) return true;
      }
      return false;
    });
  }

  // Scores in which a resource covering English alone or one language keeps languages_keep of its
  // score (search.py's SearchIndex._of_many_languages).
  ofManyLanguages(scores) {
    const out = new Map(scores);
    for (const id of this.fewLanguages) {
      if (scores.has(id)) out.set(id, scores.get(id) * this.params.languages_keep);
    }
    return out;
  }

  // Scores in which a resource whose name or tags name another modality it carries keeps
  // text_model_keep of its score (search.py's SearchIndex._of_text_model).
  ofTextModel(scores) {
    const out = new Map(scores);
    for (const id of this.namedModalities.keys()) {
      if (scores.has(id)) out.set(id, scores.get(id) * this.params.text_model_keep);
    }
    return out;
  }

  // How many words a light verb at position spans ("do": 1, "carry out": 2), or 0 (search.py's _light_verb).
  lightVerb(words, position) {
    if (this.lightIntent === null) return 0;
    for (const verb of this.lightVerbs) {
      if (occurs(verb, words, position)) return verb.length;
    }
    return 0;
  }

  // The modality of the data a query names: a modality word, a concept of its own, right before
  // a word for data ("a text corpus"); search.py's SearchIndex._modality.
  modality(words, concepts) {
    for (let i = 0; i < words.length - 1; i++) {
      if (this.modalityWords.has(words[i]) && this.modalityNouns.has(words[i + 1]) && concepts.includes(words[i])) {
        return this.modalityWords.get(words[i]);
      }
    }
    // Phrases that name a modality without its word ("source code": text).
    for (const [phrase, modality] of this.modalityPhrases) {
      if (occurs(phrase, words)) return modality;
    }
    return null;
  }

  // Scores in which a resource lacking the named modality, or carrying another (text and its kinds
  // aside), keeps modality_keep of its score (search.py's SearchIndex._of_modality).
  ofModality(scores, modality) {
    // Kinds of text (code) are text: a code corpus answers "a text corpus".
    const allowed = new Set([modality, "text", ...this.modalityTags.map(([kind]) => kind)]);
    const out = new Map(scores);
    for (const [id, score] of scores) {
      const found = this.modalities.get(id);
      if (found === undefined) continue;
      if (!found.includes(modality) || found.some((m) => !allowed.has(m))) {
        out.set(id, score * this.params.modality_keep);
      }
    }
    return out;
  }

  // Whether each word is what the sought resource is for: up to context_span words (articles
  // aside) after a purpose phrase that follows a word of the topic (search.py's _purposed).
  purposed(words, stems, topic) {
    const out = new Array(words.length).fill(false);
    for (let position = 1; position < stems.length; position++) {
      if (!topic[position - 1]) continue;
      for (let length = Math.min(this.maxTrigger, stems.length - position); length > 0; length--) {
        const found = this.triggers.get(stems.slice(position, position + length).join(" "));
        if (found === undefined || !found.purpose) continue;
        let taken = 0;
        for (let j = position + length; j < words.length; j++) {
          if (this.articles.has(words[j])) continue;
          if (this.stopwords.has(words[j]) || taken === this.params.context_span) break;
          out[j] = true;
          taken += 1;
        }
        break;
      }
    }
    return out;
  }

  // How a phrase reads each word: articles and the "s" of a possessive are read past; the
  // possessor and a possessive determiner may be (search.py's SearchIndex._roles).
  roles(words) {
    const roles = words.map((w) => (this.articles.has(w) ? SKIP : this.possessives.has(w) ? MAY_SKIP : WORD_ROLE));
    for (let i = 1; i < words.length; i++) {
      if (words[i] === "s" && roles[i - 1] === WORD_ROLE && !this.stopwords.has(words[i - 1])) {
        roles[i] = SKIP;
        roles[i - 1] = MAY_SKIP;
      }
    }
    return roles;
  }

  // Whether each word is context: the reader's own thing (up to context_span words after "my",
  // "our" or "your", unless filler comes first) or a word joined to a modifier ("LLaVA-style");
  // search.py's SearchIndex._owned.
  owned(text, words) {
    const owned = new Array(words.length).fill(false);
    words.forEach((word, i) => {
      if (!this.owners.has(word)) return;
      for (let j = i + 1; j < Math.min(words.length, i + 1 + this.params.context_span); j++) {
        if (this.stopwords.has(words[j])) break;
        owned[j] = true;
      }
    });
    const hyphens = joined(text);
    for (let i = 0; i < words.length - 1; i++) {
      if (hyphens[i] && this.modifiers.has(words[i + 1])) owned[i] = true;
    }
    return owned;
  }

  skeleton(words) {
    const roles = this.roles(words);
    return words.filter((_, i) => roles[i] !== SKIP).map(this.stem);
  }

  // The phrase starting at `position` that spans the most words, and their number; of two that
  // end at one word, the one matching more words wins, then the first in order.
  phraseAt(stems, roles, position) {
    if (roles[position] === SKIP) return null;
    let best = null;
    const stack = [[position, []]];
    while (stack.length) {
      const [at, key] = stack.pop();
      if (at === stems.length) continue;
      if (roles[at] !== SKIP) {
        const longer = key.concat([stems[at]]);
        const joined = longer.join(" ");
        if (this.phrasePrefixes.has(joined)) {
          if (
            this.phrases.has(joined) &&
            (best === null ||
              at + 1 > best[0] ||
              (at + 1 === best[0] &&
                (longer.length > best[1] || (longer.length === best[1] && compareTuples(longer, best[2]) < 0))))
          ) {
            best = [at + 1, longer.length, longer];
          }
          stack.push([at + 1, longer]);
        }
      }
      if (roles[at] !== WORD_ROLE && key.length) stack.push([at + 1, key]);
    }
    return best === null ? null : [best[0] - position, this.phrases.get(best[2].join(" "))];
  }

  phraseConcept(text, phrase, kind, target) {
    const p = this.params;
    const own = this.content(text.split(" "));
    let alternatives;
    if (kind === SYNONYM) {
      const cap = this.idfCap(phrase);
      alternatives = [{ terms: phrase, weight: 1.0, cap: null }];
      for (const s of this.synonyms.get(phrase.join(" "))) {
        this.pushGlued(alternatives, { terms: s, weight: p.synonym_weight, cap });
      }
    } else {
      alternatives = own.length ? [{ terms: own, weight: 1.0, cap: null }] : [];
      // Its own words mean what their synonyms mean ("my chatbot": a chat model).
      const ownSynonyms = this.synonyms.get(own.join(" "));
      if (ownSynonyms !== undefined) {
        const ownCap = this.idfCap(own);
        for (const s of ownSynonyms) this.pushGlued(alternatives, { terms: s, weight: p.synonym_weight, cap: ownCap });
      }
      this.pushGlued(alternatives, { terms: target, weight: p.reader_weight, cap: null });
      for (const s of this.synonyms.get(target.join(" ")) || []) {
        this.pushGlued(alternatives, { terms: s, weight: p.reader_weight * p.synonym_weight, cap: null });
      }
    }
    if (own.length > 1) {
      const cap = this.idfCap(own);
      for (const t of own) alternatives.push({ terms: [t], weight: p.part_weight, cap });
    }
    return { text, alternatives: dedupe(alternatives), reader: kind === READER, context: false };
  }

  // A synonym, followed by the same word glued into a name where it is one ("lid": search.py's _glued).
  pushGlued(alternatives, alternative) {
    alternatives.push(alternative);
    if (alternative.terms.length === 1 && this.glued.has(alternative.terms[0])) {
      alternatives.push({ ...alternative, terms: [gluedTerm(alternative.terms[0])] });
    }
  }

  meaningTerm(word, term) {
    const v = this.vectors;
    if (v === null || v.has(term) || this.postings.has(term) || word.length < 5) return term;
    const fixed = this.corrections(word, 1);
    return fixed.length ? fixed[0] : term;
  }

  // Whether the catalog uses a query word, or the word vectors give it (or its correction) a meaning.
  known(word, term, meaningTerm) {
    return (
      this.postings.has(term) ||
      this.acronyms.has(word) ||
      this.glued.has(word) ||
      (this.vectors !== null && this.vectors.has(meaningTerm))
    );
  }

  addMeaning(meaning, term) {
    if (this.vectors !== null && this.vectors.has(term)) meaning.set(term, this.weight(term));
  }

  intent(words, stems, opening, topic) {
    for (let position = 0; position < stems.length; position++) {
      for (let length = Math.min(this.maxTrigger, stems.length - position); length > 0; length--) {
        const found = this.triggers.get(stems.slice(position, position + length).join(" "));
        if (found === undefined || (found.first && position !== opening)) continue;
        if (found.purpose && !(position > 0 && topic[position - 1])) continue;
        if (length === 1 && words[position].endsWith("ed")) continue;
        // A plural noun sharing a task's stem ("collections of video clips") names things, not the task.
        if (length === 1 && found.first && words[position].endsWith("s") && !this.verbsAsWritten.has(words[position])) {
          continue;
        }
        return found;
      }
    }
    return null;
  }

  wordConcept(word, term, isLast) {
    const p = this.params;
    const alternatives = [{ terms: [term], weight: 1.0, cap: null }];
    // The word as written in a name ("ties" finds TIES-Merging; "tie" does not).
    if (this.acronyms.has(word)) alternatives.push({ terms: [acronymTerm(word)], weight: 1.0, cap: null });
    const cap = this.idfCap([term]);
    // The same word glued into a name ("lid" in GlotLID), never a stem of it.
    if (this.glued.has(word)) alternatives.push({ terms: [gluedTerm(word)], weight: 1.0, cap });
    for (const s of this.synonyms.get(term) || []) this.pushGlued(alternatives, { terms: s, weight: p.synonym_weight, cap });
    const known = this.postings.has(term) || this.acronyms.has(word) || this.glued.has(word);
    if (!known && word.length >= 5) {
      for (const fixed of this.corrections(word)) {
        alternatives.push({ terms: [fixed], weight: p.typo_weight, cap: null });
        const fixedCap = this.idfCap([fixed]);
        for (const s of this.synonyms.get(fixed) || []) {
          alternatives.push({ terms: s, weight: p.typo_weight * p.synonym_weight, cap: fixedCap });
        }
      }
    }
    if (this.vectors !== null) {
      for (const [near, similarity] of this.vectors.neighbours.get(term) || []) {
        if (this.postings.has(near)) alternatives.push({ terms: [near], weight: p.neighbour_weight * similarity, cap });
      }
    }
    if (isLast && word.length >= p.min_prefix) {
      for (const t of this.completions(word)) {
        if (t !== term) alternatives.push({ terms: [t], weight: p.prefix_weight, cap: null });
      }
    }
    return { text: word, alternatives: dedupe(alternatives), reader: false, context: false };
  }

  // A synonym may not weigh more than the words the user typed: their rarity, or a
  // typed phrase's own (that of the resources having all its words).
  idfCap(phrase) {
    if (!phrase.every((t) => this.postings.has(t))) return null;
    return phrase.length === 1 ? this.idf(phrase[0]) : this.phraseIdf(phrase, null);
  }

  termIdf(term, cap) {
    const idf = this.idf(term);
    return cap === null ? idf : Math.min(idf, cap);
  }

  reference(concept) {
    let best = null;
    const own = concept.reader ? this.content(concept.text.split(" ")).join(" ") : null;
    for (const a of concept.alternatives) {
      if (!a.terms.every((t) => this.postings.has(t)) || a.terms.join(" ") === own) continue;
      const value = a.weight * (a.terms.length === 1 ? this.termIdf(a.terms[0], a.cap) : this.phraseIdf(a.terms, a.cap));
      if (best === null || value > best) best = value;
    }
    return this.params.reference_weight * (best === null ? this.weight("") : best);
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

  // For a context concept (the reader's own thing), a match in a resource's name weighs less.
  alternativeScores(alternative, context = false) {
    const postings = alternative.terms.map((t) => {
      const found = this.postings.get(t);
      const discounted = context && found ? this.contextPostings.get(t) : undefined;
      return discounted ? new Map([...found, ...discounted]) : found;
    });
    const out = new Map();
    if (!postings.length || postings.some((p) => !p)) return out;
    const weight = alternative.weight;
    if (postings.length === 1) {
      const idf = this.termIdf(alternative.terms[0], alternative.cap);
      for (const [id, v] of postings[0]) out.set(id, weight * (v * idf));
      return out;
    }
    let smallest = postings[0];
    for (const p of postings) if (p.size < smallest.size) smallest = p;
    const idf = this.phraseIdf(alternative.terms, alternative.cap);
    for (const id of smallest.keys()) {
      if (postings.every((p) => p.has(id))) {
        let total = 0;
        for (const p of postings) total += p.get(id);
        out.set(id, weight * (total / postings.length) * idf);
      }
    }
    return out;
  }

  // The rarity of the resources that have every word of a phrase, at most `cap`.
  phraseIdf(phrase, cap) {
    const key = phrase.join(" ");
    let found = this.phraseCache.get(key);
    if (found === undefined) {
      // Every resource that writes the words counts, where it negates them too (negatedIn).
      const writers = phrase.map((t) => new Set([...this.postings.get(t).keys(), ...(this.negatedIn.get(t) || [])]));
      let smallest = writers[0];
      for (const w of writers) if (w.size < smallest.size) smallest = w;
      let count = 0;
      for (const id of smallest) if (writers.every((w) => w.has(id))) count += 1;
      found = this.rarity(count);
      this.phraseCache.set(key, found);
    }
    return cap === null ? found : Math.min(found, cap);
  }

  queryVector(reading) {
    return this.vectors === null ? null : this.centred(this.vectors.embed(reading.meaning));
  }

  // Returns [[id, score], ...] best first, within `allowed` (a Set of ids) when given;
  // with `strong`, only the strong matches.
  search(text, allowed = null, limit = 20, strong = false) {
    const p = this.params;
    const reading = this.read(text);
    const concepts = reading.concepts;
    if (!concepts.length) return [];
    const scores = new Map();
    const matched = new Map();
    // Resources matching some way that does not go through a word only their name uses.
    const explained = new Set();
    const references = concepts.map((concept) => this.reference(concept));
    const totalReference = plainSum(
      references
        .slice()
        .sort((a, b) => b - a)
        .slice(0, p.reference_concepts),
    );
    concepts.forEach((concept, i) => {
      const reference = references[i];
      const best = new Map();
      const total = new Map();
      for (const alternative of concept.alternatives) {
        for (const [id, value] of this.alternativeScores(alternative, concept.context)) {
          const own = this.nameOnly.get(id);
          if (!own || !alternative.terms.some((term) => own.has(term))) explained.add(id);
          total.set(id, (total.get(id) || 0) + value);
          if (value > (best.get(id) || 0)) best.set(id, value);
        }
      }
      for (const [id, value] of best) {
        // Same association as Python's `scores[id] += value + ACCUMULATE * (total - value)`.
        scores.set(id, (scores.get(id) || 0) + (value + p.accumulate * (total.get(id) - value)));
        matched.set(id, (matched.get(id) || 0) + reference);
      }
    });
    const lexical = new Map();
    const coverages = new Map();
    const cf = p.coverage_floor;
    for (const [id, score] of scores) {
      const coverage = Math.min(1, matched.get(id) / totalReference);
      coverages.set(id, coverage);
      lexical.set(id, (score / totalReference) * (cf + (1 - cf) * coverage * coverage));
    }
    const queryVector = this.queryVector(reading);
    let strength = this.blend(lexical, queryVector, reading, text);
    let order = strength;
    if (queryVector !== null && p.prf_docs) {
      // Pseudo-relevance feedback reorders the best prf_pool; the floor is decided without it.
      const best = Array.from(strength)
        .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
        .slice(0, p.prf_pool);
      const vectors = best
        .slice(0, p.prf_docs)
        .filter(([id]) => this.docVectors.has(id))
        .map(([id]) => this.docVectors.get(id));
      if (vectors.length) {
        let total = vectors[0].slice();
        for (const vector of vectors.slice(1)) total = total.map((t, i) => t + vector[i]);
        const centre = total.map((t) => t / vectors.length);
        const expanded = normalise(queryVector.map((q, i) => q + p.prf_weight * centre[i]));
        order = new Map(strength);
        const pool = best.map(([id]) => id);
        for (const [id, score] of this.blend(lexical, expanded, reading, text, pool)) order.set(id, score);
      }
    }
    if (reading.modality !== null) order = this.ofModality(order, reading.modality);
    else if (reading.text_model) order = this.ofTextModel(order);
    if (reading.multilingual) order = this.ofManyLanguages(order);
    order = this.diversify(this.recommendedFirst(order));
    if (queryVector !== null) strength = this.ownWordsOnce(strength, lexical, queryVector, reading, text);
    if (reading.modality !== null) strength = this.ofModality(strength, reading.modality);
    const floor = strong ? p.strong_match : 0;
    // A resource matching only through words of its name, and only part of the query,
    // is no strong match unless the query names it ("taylor swift tour dates": MS-Swift).
    const named = strong ? this.named(text) : new Map();
    // A query that is a resource's name asks for it and for what says that name (search.py's search).
    const key = compact(text);
    const exact = strong ? this.byName.get(key) : undefined;
    const said = exact ? new Set([...exact, ...(this.mentions.get(key) || [])]) : null;
    const unexplained = (id) =>
      this.nameOnly.has(id) &&
      !explained.has(id) &&
      (coverages.get(id) || 0) < p.name_only_coverage &&
      !named.has(id);
    const ranked = [];
    for (const [id, score] of order) {
      if (score <= 0 || (allowed && !allowed.has(id))) continue;
      if (strong && (round6(strength.get(id) || 0) < floor || unexplained(id))) continue;
      if (said !== null && !said.has(id)) continue;
      ranked.push([id, round6(score)]);
    }
    ranked.sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    return limit === null ? ranked : ranked.slice(0, limit);
  }

  // Strengths in which a query word that few resources use counts once for each of them: the
  // word already counts as a word match, so closeness in meaning speaks only for the rest of the
  // resource. Only whether a resource is a strong match changes, not the order.
  ownWordsOnce(strength, lexical, queryVector, reading, text) {
    const owners = new Map();
    for (const [term] of reading.meaning) {
      const own = this.ownWords.get(term);
      if (own === undefined) continue;
      for (const id of own.keys()) {
        if (!this.scales.has(id)) continue;
        if (!owners.has(id)) owners.set(id, []);
        owners.get(id).push(term);
      }
    }
    if (!owners.size) return strength;
    const ids = Array.from(owners.keys()).sort(compare);
    const rest = new Map();
    for (const id of ids) {
      // The sum behind the resource's vector, recovered from it: length x (average + apart x vector).
      const [size, apart] = this.scales.get(id);
      const meaning = this.docVectors.get(id);
      let total = this.centre.map((m, i) => size * (m + apart * meaning[i]));
      for (const term of owners.get(id)) {
        const weight = this.ownWords.get(term).get(id);
        const vector = this.vectors.vector(term);
        total = total.map((t, i) => t - weight * vector[i]);
      }
      rest.set(id, this.centred(normalise(total)));
    }
    const out = new Map(strength);
    for (const [id, score] of this.blend(lexical, queryVector, reading, text, ids, rest)) out.set(id, score);
    return out;
  }

  // The order with each resource the best practices cite lifted (params.recommended_boost).
  recommendedFirst(order) {
    const p = this.params;
    if (!this.recommended.size || !p.recommended_boost) return order;
    const step = p.recommended_boost / p.recommended_cap;
    const out = new Map();
    for (const [id, score] of order) {
      const cited = this.recommended.get(id);
      out.set(id, cited ? score * (1 + step * Math.min(cited, p.recommended_cap)) : score);
    }
    return out;
  }

  // Within the best diversity_pool, a resource with family_keep of its family above it keeps
  // family_discount of its score ("Llama Guard 3" below "Llama Guard" and "Llama Guard 4").
  diversify(order) {
    const p = this.params;
    if (!this.family.size) return order;
    const best = Array.from(order)
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .slice(0, p.diversity_pool);
    const seen = new Map();
    let out = order;
    for (const [id, score] of best) {
      const key = this.family.get(id);
      if (key === undefined) continue;
      const count = seen.get(key) || 0;
      if (count >= p.family_keep) {
        if (out === order) out = new Map(order);
        out.set(id, score * p.family_discount);
      }
      seen.set(key, count + 1);
    }
    return out;
  }

  // Word match plus closeness in meaning, the intent's favour and an exact name's bonus.
  // For every resource, or for `only` these (each then has a score, 0 included).
  // With `vectors` (id -> vector or null), those meaning vectors instead of the resources' own.
  blend(lexical, queryVector, reading, text, only = null, vectors = null) {
    const p = this.params;
    const final = only === null ? new Map(lexical) : new Map(only.map((id) => [id, lexical.get(id) || 0]));
    let candidates;
    if (only === null) candidates = Array.from(this.docVectors);
    else if (vectors !== null) candidates = only.filter((id) => vectors.get(id) != null).map((id) => [id, vectors.get(id)]);
    else candidates = only.filter((id) => this.docVectors.has(id)).map((id) => [id, this.docVectors.get(id)]);
    if (queryVector !== null) {
      // Closeness in meaning speaks only for the words that have a meaning here (see search.py).
      const scale = (p.semantic_weight / (1 - p.semantic_baseline)) * (1 - reading.unknown);
      for (const [id, vector] of candidates) {
        const closeness = dot(queryVector, vector) - p.semantic_baseline;
        if (closeness > 0) final.set(id, (final.get(id) || 0) + scale * closeness);
      }
    }
    const favour = reading.intent ? reading.intent.favour : [];
    const disfavour = reading.intent ? reading.intent.disfavour : [];
    if (favour.length || disfavour.length) {
      for (const [id, score] of final) {
        const kind = this.types.get(id);
        if (favour.includes(kind)) final.set(id, score * (1 + p.intent_boost));
        else if (disfavour.includes(kind)) final.set(id, score * p.intent_discount);
      }
    }
    for (const [id, bonus] of this.named(text)) {
      if (only === null || final.has(id)) final.set(id, (final.get(id) || 0) + bonus);
    }
    if (queryVector !== null && this.questionVectors.size) this.addQuestionCloseness(final, queryVector, reading, only);
    return final;
  }

  // Adds to the best resources (or to `only` these) the weighted closeness of their readers'
  // question nearest the query (see search.py's QUESTION_POOL).
  addQuestionCloseness(final, query, reading, only) {
    const p = this.params;
    const lift = p.question_weight * (1 - reading.unknown);
    const pool =
      only !== null
        ? only
        : Array.from(final)
            .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
            .slice(0, p.question_pool)
            .map(([id]) => id);
    for (const id of pool.filter((d) => this.questionVectors.has(d))) {
      let nearest = -Infinity;
      for (const vector of this.questionVectors.get(id)) nearest = Math.max(nearest, dot(query, vector));
      if (nearest > p.question_baseline) final.set(id, (final.get(id) || 0) + lift * (nearest - p.question_baseline));
    }
  }

  // Resources the query names: all of it (exact_name_bonus), or all it asks about (named_bonus).
  named(text) {
    const p = this.params;
    const found = new Map((this.byName.get(compact(text)) || []).map((id) => [id, p.exact_name_bonus]));
    const words = tokens(text);
    const asked = [];
    words.forEach((w, i) => {
      if (!this.stopwords.has(w) && !this.kindWords.has(this.stem(w))) asked.push(i);
    });
    for (let start = 0; start < words.length; start++) {
      for (let length = 1; length <= Math.min(this.maxName, words.length - start); length++) {
        const named = this.byNameWords.get(words.slice(start, start + length).join(" "));
        if (named && asked.every((i) => start <= i && i < start + length)) {
          for (const id of named) if (!found.has(id)) found.set(id, p.named_bonus);
        }
      }
    }
    return found;
  }

  closestSections(text, limit = 3) {
    const reading = this.read(text);
    const wanted = new Set(reading.concepts.flatMap((c) => c.alternatives[0].terms));
    const queryVector = this.queryVector(reading);
    const scored = [];
    for (const [id, terms, vector] of this.sections) {
      const shared = terms.filter((t) => wanted.has(t)).length;
      const closeness = queryVector !== null && vector !== null ? dot(queryVector, vector) : 0;
      if (shared || closeness > this.params.semantic_baseline) scored.push([-shared, -round6(closeness), id]);
    }
    scored.sort(compareTuples);
    return scored.slice(0, limit).map((s) => s[2]);
  }

  suggest(text) {
    let changed = false;
    const fixed = [];
    for (const word of this.queryWords(text)) {
      const term = this.stem(word);
      // A word the catalog knows, or a real word it does not use ("bread"), is not a typo.
      const known =
        this.postings.has(term) ||
        this.acronyms.has(word) ||
        this.glued.has(word) ||
        this.synonyms.has(term) ||
        (this.vectors !== null && this.vectors.has(term));
      if (known || word.length < 4) {
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
    if (!changed) return null;
    // Only a correction that finds something is worth offering.
    return this.search(fixed.join(" "), null, 1, true).length ? fixed.join(" ") : null;
  }
}

// The family a name belongs to: its first two words that are no version number
// ("Llama Guard 3" and "Llama Guard 4" are "llama guard"), or null.
function family(nameWords) {
  const words = nameWords.filter((w) => !/[0-9]/.test(w));
  return words.length ? words.slice(0, 2).join(" ") : null;
}

function dedupe(alternatives) {
  const best = new Map();
  for (const alt of alternatives) {
    const key = alt.terms.join(" ");
    if (!best.has(key) || best.get(key).weight < alt.weight) best.set(key, alt);
  }
  return Array.from(best.values());
}

// Builds the index from search.json exactly as Catalog.search_index does in Python.
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
      questions: row[f.questions].join(" "),
    },
  ]);
  const types = new Map(data.docs.map((row) => [row[f.id], row[f.type]]));
  const modalities = new Map(data.docs.map((row) => [row[f.id], row[f.modalities]]));
  const coverage = new Map(data.docs.map((row) => [row[f.id], row[f.coverage]]));
  const sections = Object.entries(data.sections).map(([id, s]) => [id, `${s.title} ${s.scope}`]);
  const questions = new Map(data.docs.map((row) => [row[f.id], row[f.questions]]));
  const recommended = new Map(Object.entries(data.recommended || {}));
  return new SearchIndex(documents, { synonyms: data.synonyms, phrases: data.phrases || {} }, data.params, {
    types,
    modalities,
    coverage,
    sections,
    questions,
    recommended,
  });
}
