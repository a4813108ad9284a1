/**
 * A small TF-IDF index over the training examples: sparse, L2-normalised vectors (sublinear
 * term frequency × smoothed inverse document frequency, raised to `idfPower`) and an inverted
 * index, so the cosine similarity of a message to every example costs only the postings of its
 * few stems.
 * natural's TfIdf scores a query by summing term weights per document (no cosine, one pass over
 * every document per query), so SafeStep keeps its own few lines here.
 * Memory (round 8, docs/startup-notes.md): the index *is* its inverted index, three typed arrays
 * (term → its documents and weights), which the model cache stores and views in place; nothing is
 * copied at a start. The documents' own vectors (document-major) are needed only to train, so a
 * restored index rebuilds them only if asked.
 */

/** A sparse vector: term → weight, L2-normalised. */
export type SparseVector = ReadonlyMap<string, number>;

/** The cosine-similarity index of a fixed set of documents. Pure after construction. */
export interface TfIdfIndex {
  /** Number of documents. */
  readonly size: number;
  /**
   * The document's own vector (for training). A built index gives its terms in the document's
   * own order; a restored one in term order (the same vector, rebuilt from the postings).
   */
  document(i: number): SparseVector;
  /** Weights a bag of terms; terms unknown to the index are dropped (the map may be empty). */
  vector(terms: readonly string[]): SparseVector;
  /** Cosine similarity of `v` to every document (0 where they share no term). */
  similarities(v: SparseVector): Float64Array;
  /** Everything the index holds, for a cache (restoreTfIdfIndex rebuilds it exactly). */
  state(): TfIdfState;
}

/** Document numbers in postings: 16 bits while there are at most 65,536 documents, else 32. */
export type DocumentIds = Uint16Array | Int32Array;

/**
 * An index as data, packed for a cache (model-cache.ts stores these arrays as they are): the
 * terms in order and each one's IDF weight, the number of documents, and the postings: term t's
 * documents (ascending) and weights there are entries `postStart[t]` … `postStart[t+1]`-1 of
 * `postDoc` and `postWeight`.
 */
export interface TfIdfState {
  terms: string[];
  idf: Float64Array;
  documents: number;
  postStart: Int32Array;
  postDoc: DocumentIds;
  postWeight: Float64Array;
}

/**
 * Builds the index from each document's terms (stems). `idfPower` softens (below 1) or sharpens
 * how much rare terms outweigh common ones; 1 is classic TF-IDF. `weight`: a factor on a term's
 * IDF (default 1), e.g. to count derived features less than words.
 */
export function createTfIdfIndex(
  documents: readonly (readonly string[])[],
  options: { idfPower?: number; weight?: (term: string) => number } = {},
): TfIdfIndex {
  const power = options.idfPower ?? 1;
  const weight = options.weight ?? (() => 1);
  const n = documents.length;
  const df = new Map<string, number>();
  for (const terms of documents) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const terms = [...df.keys()];
  const ids = new Map(terms.map((t, i) => [t, i]));
  const idf = Float64Array.from(terms, (t) => Math.pow(Math.log((n + 1) / (df.get(t)! + 1)) + 1, power) * weight(t));
  const vectors = documents.map(vectoriser(ids, idf));
  let nnz = 0;
  for (const v of vectors) nnz += v.size;
  const start = new Int32Array(n + 1);
  const term = new Int32Array(nnz);
  const weights = new Float64Array(nnz);
  let at = 0;
  vectors.forEach((v, d) => {
    start[d] = at;
    for (const [t, w] of v) (term[at] = ids.get(t)!), (weights[at++] = w);
  });
  start[n] = at;
  return indexOf(postingsOf(terms, idf, { start, term, weight: weights }), ids, { start, term, weight: weights });
}

/** Rebuilds an index from its state (see TfIdfIndex.state), using its arrays as they are; throws if the state is inconsistent. */
export function restoreTfIdfIndex(state: TfIdfState): TfIdfIndex {
  if (!isConsistent(state)) throw new Error('tf-idf state: arrays do not match');
  return indexOf(state, new Map(state.terms.map((t, i) => [t, i])));
}

/** Whether the arrays of `state` fit together (offsets in order, each term's documents ascending and in range). */
export function isConsistent(state: TfIdfState): boolean {
  const { terms, idf, documents, postStart, postDoc, postWeight } = state;
  if (idf.length !== terms.length || postStart.length !== terms.length + 1 || postStart[0] !== 0) return false;
  if (postStart[terms.length] !== postDoc.length || postDoc.length !== postWeight.length || !(documents >= 0)) return false;
  for (let t = 0; t < terms.length; t++) {
    if (postStart[t]! > postStart[t + 1]!) return false;
    for (let k = postStart[t]!, last = -1; k < postStart[t + 1]!; last = postDoc[k++]!) if (postDoc[k]! <= last || postDoc[k]! >= documents) return false;
  }
  return true;
}

/** Document-major entries: document d's are `start[d]` … `start[d+1]`-1 of `term` (an index into the terms) and `weight`. */
interface DocumentRows {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
}

/** The postings of document-major rows, each term's documents in order (16-bit numbers when they fit). */
function postingsOf(terms: string[], idf: Float64Array, rows: DocumentRows): TfIdfState {
  const n = rows.start.length - 1;
  const t = transpose(rows.start, rows.term, rows.weight, terms.length, n <= 0x10000 ? new Uint16Array(rows.term.length) : new Int32Array(rows.term.length));
  return { terms, idf, documents: n, postStart: t.start, postDoc: t.inner, postWeight: t.weight };
}

/** The document-major rows of postings (each document's terms in term order). */
function rowsOf(state: TfIdfState): DocumentRows {
  const t = transpose(state.postStart, state.postDoc, state.postWeight, state.documents, new Int32Array(state.postDoc.length));
  return { start: t.start, term: t.inner, weight: t.weight };
}

/**
 * A sparse matrix turned the other way (a counting sort): outer row r's entries are `start[r]` …
 * `start[r+1]`-1 of `inner` (column numbers below `columns`) and `weight`; the result lists, for
 * each column, its rows in ascending order (written into `into`) and their weights.
 */
function transpose<T extends Uint16Array | Int32Array>(start: Int32Array, inner: DocumentIds | Int32Array, weight: Float64Array, columns: number, into: T): { start: Int32Array; inner: T; weight: Float64Array } {
  const rows = start.length - 1;
  const out = new Int32Array(columns + 1);
  for (let k = 0; k < inner.length; k++) out[inner[k]! + 1]!++;
  for (let c = 0; c < columns; c++) out[c + 1]! += out[c]!;
  const outWeight = new Float64Array(inner.length);
  const fill = out.slice(0, columns);
  for (let r = 0; r < rows; r++) {
    for (let k = start[r]!; k < start[r + 1]!; k++) {
      const at = fill[inner[k]!]!++;
      into[at] = r;
      outWeight[at] = weight[k]!;
    }
  }
  return { start: out, inner: into, weight: outWeight };
}

/** Weights a bag of terms by `idf` (sublinear TF, L2-normalised); `ids`: term → its index in `idf`. */
function vectoriser(ids: ReadonlyMap<string, number>, idf: Float64Array): (terms: readonly string[]) => SparseVector {
  return (terms) => {
    const counts = new Map<string, number>();
    for (const t of terms) if (ids.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    let norm = 0;
    const out = new Map<string, number>();
    for (const [t, c] of counts) {
      const w = (1 + Math.log(c)) * idf[ids.get(t)!]!;
      out.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (const [t, w] of out) out.set(t, w / norm);
    return out;
  };
}

/**
 * The index over its postings. A message's similarities add up term by term in the message's own
 * order, each document's share in turn, exactly as when the postings were built from documents.
 * `built`: the document-major rows the postings came from, when the index was just built.
 */
function indexOf(state: TfIdfState, ids: ReadonlyMap<string, number>, built?: DocumentRows): TfIdfIndex {
  const { terms, documents: n, postStart, postDoc, postWeight } = state;
  let rows = built;
  return {
    size: n,
    document(i) {
      rows ??= rowsOf(state);
      const { start, term, weight } = rows;
      const v = new Map<string, number>();
      if (i >= 0 && i < n) for (let k = start[i]!; k < start[i + 1]!; k++) v.set(terms[term[k]!]!, weight[k]!);
      return v;
    },
    vector: vectoriser(ids, state.idf),
    similarities(v: SparseVector): Float64Array {
      const sims = new Float64Array(n);
      for (const [t, w] of v) {
        const id = ids.get(t);
        if (id === undefined) continue;
        for (let k = postStart[id]!; k < postStart[id + 1]!; k++) sims[postDoc[k]!] = sims[postDoc[k]!]! + w * postWeight[k]!;
      }
      return sims;
    },
    state: () => state,
  };
}
