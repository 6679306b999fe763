// A compact inverted index over term hashes, built for 50k+ Vietnamese articles: postings live in
// typed arrays (CSR: one offsets array, one documents array, one frequencies array), so building is
// a counting sort, a query walks plain arrays, and a snapshot is the arrays themselves.
// Documents added after the build go to a small in-memory delta; removed ones are tombstoned.

/** BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation. Defaults to 1.2. */
  k1: number;
  /** Length normalisation. Defaults to 0.75. */
  b: number;
}

/** Open-addressing hash table from a 53-bit term hash to a dense term id, in typed arrays. */
class TermTable {
  keys: Float64Array<ArrayBufferLike>;
  ids: Int32Array<ArrayBufferLike>;
  size = 0;
  private mask: number;

  constructor(capacity = 1 << 16) {
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  static from(keys: Float64Array, ids: Int32Array, size: number): TermTable {
    const table = new TermTable(1);
    table.keys = keys;
    table.ids = ids;
    table.size = size;
    table.mask = keys.length - 1;
    return table;
  }

  get(hash: number): number {
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === hash) return this.ids[slot]!;
      if (key === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The id of the hash, inserting it with id `size` when new. */
  intern(hash: number): number {
    if ((this.size + 1) * 10 > this.keys.length * 7) this.grow();
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === hash) return this.ids[slot]!;
      if (key === 0) {
        this.keys[slot] = hash;
        this.ids[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.ids = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      const key = oldKeys[i]!;
      if (key === 0) continue;
      let slot = key & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.ids[slot] = oldIds[i]!;
    }
  }
}

/** A growable typed array. */
class Grow<T extends Uint32Array | Uint8Array | Float32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  trimmed(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** The arrays of a built index, as stored in a snapshot. */
export interface IndexArrays {
  tableKeys: Float64Array;
  tableIds: Int32Array;
  termCount: number;
  offsets: Uint32Array;
  postDocs: Uint32Array;
  postTfs: Uint8Array;
  docLengths: Float32Array;
}

/** The k-th largest score among the touched documents (a min-heap of size k over the scores). */
function kthLargest(acc: Accumulator, k: number): number {
  const heap = new Float32Array(k);
  let size = 0;
  for (let i = 0; i < acc.count; i++) {
    const score = acc.scores[acc.touched[i]!]!;
    if (size < k) {
      // Sift up.
      let at = size++;
      heap[at] = score;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent]! <= heap[at]!) break;
        [heap[parent], heap[at]] = [heap[at]!, heap[parent]!];
        at = parent;
      }
    } else if (score > heap[0]!) {
      // Replace the smallest, sift down.
      heap[0] = score;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let smallest = at;
        if (left < size && heap[left]! < heap[smallest]!) smallest = left;
        if (right < size && heap[right]! < heap[smallest]!) smallest = right;
        if (smallest === at) break;
        [heap[smallest], heap[at]] = [heap[at]!, heap[smallest]!];
        at = smallest;
      }
    }
  }
  return heap[0]!;
}

/** Frequencies of the terms of one document, by term hash. */
export type TermFrequencies = Map<number, number>;

/** Scores accumulated for a query: the documents touched and their scores. */
export interface Accumulator {
  scores: Float32Array;
  touched: Uint32Array;
  count: number;
}

/** The inverted index: build with `addDocument` then `freeze`, or load with `fromArrays`. */
export class InvertedIndex {
  private table = new TermTable();
  private building: { terms: Grow<Uint32Array>; docs: Grow<Uint32Array>; tfs: Grow<Uint8Array> } | null = {
    terms: new Grow(new Uint32Array(1 << 16), (n) => new Uint32Array(n)),
    docs: new Grow(new Uint32Array(1 << 16), (n) => new Uint32Array(n)),
    tfs: new Grow(new Uint8Array(1 << 16), (n) => new Uint8Array(n)),
  };
  private offsets: Uint32Array = new Uint32Array(1);
  private postDocs: Uint32Array = new Uint32Array(0);
  private postTfs: Uint8Array = new Uint8Array(0);
  private lengths = new Grow(new Float32Array(1024), (n) => new Float32Array(n));
  private removed = new Uint8Array(1024);
  private removedCount = 0;
  private baseDocs = 0;
  private totalLength = 0;
  /** Postings of documents added after the build: term hash → [doc, tf, doc, tf, …]. */
  private delta = new Map<number, number[]>();
  private norms = new Float32Array(0);

  constructor(private readonly bm25: Bm25Options = { k1: 1.2, b: 0.75 }) {}

  /** Restores an index from its arrays (a snapshot). */
  static fromArrays(arrays: IndexArrays, bm25?: Bm25Options): InvertedIndex {
    const index = new InvertedIndex(bm25);
    index.building = null;
    index.table = TermTable.from(arrays.tableKeys, arrays.tableIds, arrays.termCount);
    index.offsets = arrays.offsets;
    index.postDocs = arrays.postDocs;
    index.postTfs = arrays.postTfs;
    index.lengths = new Grow(arrays.docLengths.slice(), (n) => new Float32Array(n));
    index.lengths.length = arrays.docLengths.length;
    index.baseDocs = arrays.docLengths.length;
    index.removed = new Uint8Array(Math.max(1024, arrays.docLengths.length * 2));
    for (let i = 0; i < arrays.docLengths.length; i++) index.totalLength += arrays.docLengths[i]!;
    index.computeNorms();
    return index;
  }

  /** Number of document slots (including removed ones). */
  get slots(): number {
    return this.lengths.length;
  }

  /** Number of live documents. */
  get liveCount(): number {
    return this.lengths.length - this.removedCount;
  }

  /** Adds the next document (its number is the current `slots`) with its term frequencies and length. */
  addDocument(terms: TermFrequencies, length: number): number {
    const doc = this.lengths.length;
    this.lengths.push(length);
    this.totalLength += length;
    if (doc >= this.removed.length) {
      const next = new Uint8Array(this.removed.length * 2);
      next.set(this.removed);
      this.removed = next;
    }
    if (this.building) {
      for (const [hash, tf] of terms) {
        this.building.terms.push(this.table.intern(hash));
        this.building.docs.push(doc);
        this.building.tfs.push(tf > 255 ? 255 : tf);
      }
    } else {
      for (const [hash, tf] of terms) {
        let list = this.delta.get(hash);
        if (!list) this.delta.set(hash, (list = []));
        list.push(doc, tf > 255 ? 255 : tf);
      }
      this.extendNorms();
    }
    return doc;
  }

  /** Marks a document removed: it no longer matches. */
  removeDocument(doc: number): void {
    if (doc >= this.lengths.length || this.removed[doc]) return;
    this.removed[doc] = 1;
    this.removedCount++;
    this.totalLength -= this.lengths.data[doc]!;
  }

  /** Ends the build: sorts the postings by term into the compact arrays. */
  freeze(): void {
    const building = this.building;
    if (!building) return;
    this.building = null;
    const termCount = this.table.size;
    const n = building.terms.length;
    const terms = building.terms.data;
    const offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < n; i++) offsets[terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
    const cursor = offsets.slice(0, termCount);
    const postDocs = new Uint32Array(n);
    const postTfs = new Uint8Array(n);
    const docs = building.docs.data;
    const tfs = building.tfs.data;
    // Documents were added in order, so each term's postings come out sorted by document.
    for (let i = 0; i < n; i++) {
      const at = cursor[terms[i]!]!++;
      postDocs[at] = docs[i]!;
      postTfs[at] = tfs[i]!;
    }
    this.offsets = offsets;
    this.postDocs = postDocs;
    this.postTfs = postTfs;
    this.baseDocs = this.lengths.length;
    this.computeNorms();
  }

  /** Document frequency of a term. */
  df(hash: number): number {
    const id = this.table.get(hash);
    let df = id >= 0 ? this.offsets[id + 1]! - this.offsets[id]! : 0;
    const extra = this.delta.get(hash);
    if (extra) df += extra.length / 2;
    return df;
  }

  /** The live entries holding a term (compact postings, then those added later). */
  postings(hash: number): number[] {
    const found: number[] = [];
    const id = this.table.get(hash);
    if (id >= 0) {
      for (let i = this.offsets[id]!; i < this.offsets[id + 1]!; i++) {
        const doc = this.postDocs[i]!;
        if (!this.removed[doc]) found.push(doc);
      }
    }
    const extra = this.delta.get(hash);
    if (extra) for (let i = 0; i < extra.length; i += 2) if (!this.removed[extra[i]!]) found.push(extra[i]!);
    return found;
  }

  /** BM25 inverse document frequency of a term (0 when absent). */
  idf(hash: number): number {
    return this.idfForDf(this.df(hash));
  }

  /** BM25 inverse document frequency for a document frequency (0 when absent). */
  idfForDf(df: number): number {
    if (df === 0) return 0;
    const n = this.liveCount;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** A fresh accumulator sized for this index. */
  createAccumulator(): Accumulator {
    const size = Math.max(16, this.lengths.length);
    return { scores: new Float32Array(size), touched: new Uint32Array(size), count: 0 };
  }

  /** Adds `weight × idf × BM25(tf)` of one term to the accumulator, for every document holding it. */
  accumulate(acc: Accumulator, hash: number, weight: number, idf = this.idf(hash)): void {
    if (idf === 0 || weight === 0) return;
    const { k1 } = this.bm25;
    const w = weight * idf * (k1 + 1);
    const scores = acc.scores;
    const norms = this.norms;
    const id = this.table.get(hash);
    if (id >= 0) {
      const end = this.offsets[id + 1]!;
      const docs = this.postDocs;
      const tfs = this.postTfs;
      for (let i = this.offsets[id]!; i < end; i++) {
        const doc = docs[i]!;
        const tf = tfs[i]!;
        if (scores[doc] === 0) acc.touched[acc.count++] = doc;
        scores[doc]! += (w * tf) / (tf + norms[doc]!);
      }
    }
    const extra = this.delta.get(hash);
    if (extra) {
      for (let i = 0; i < extra.length; i += 2) {
        const doc = extra[i]!;
        const tf = extra[i + 1]!;
        if (scores[doc] === 0) acc.touched[acc.count++] = doc;
        scores[doc]! += (w * tf) / (tf + norms[doc]!);
      }
    }
  }

  /**
   * Adds terms to the best `limit` documents already in the accumulator only, finding each
   * document in the term's postings by binary search (postings are sorted by document).
   */
  accumulateForCandidates(acc: Accumulator, terms: Array<{ hash: number; weight: number; idf: number }>, limit: number): void {
    let candidates: Uint32Array;
    if (acc.count <= limit) candidates = acc.touched.slice(0, acc.count);
    else {
      // The `limit` best by current score: the floor is the smallest of a min-heap of the best scores.
      const floor = kthLargest(acc, limit);
      candidates = acc.touched.filter((doc, i) => i < acc.count && acc.scores[doc]! >= floor);
    }
    candidates.sort();
    const { k1 } = this.bm25;
    for (const term of terms) {
      if (term.idf === 0 || term.weight === 0) continue;
      const w = term.weight * term.idf * (k1 + 1);
      const id = this.table.get(term.hash);
      if (id >= 0) {
        let lo = this.offsets[id]!;
        const end = this.offsets[id + 1]!;
        for (let c = 0; c < candidates.length && lo < end; c++) {
          const doc = candidates[c]!;
          // Galloping search: candidates and postings are both sorted, so the next match is near.
          let step = 1;
          let hi = lo;
          while (hi < end && this.postDocs[hi]! < doc) {
            lo = hi + 1;
            hi += step;
            step *= 2;
          }
          if (hi > end) hi = end;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (this.postDocs[mid]! < doc) lo = mid + 1;
            else hi = mid;
          }
          if (lo < end && this.postDocs[lo] === doc) {
            const tf = this.postTfs[lo]!;
            acc.scores[doc]! += (w * tf) / (tf + this.norms[doc]!);
          }
        }
      }
      const extra = this.delta.get(term.hash);
      if (extra) {
        for (let i = 0; i < extra.length; i += 2) {
          const doc = extra[i]!;
          if (acc.scores[doc] === 0) continue;
          const tf = extra[i + 1]!;
          acc.scores[doc]! += (w * tf) / (tf + this.norms[doc]!);
        }
      }
    }
  }

  /** The best `k` live documents of the accumulator, best first; clears it for the next query. */
  top(acc: Accumulator, k: number, filter?: (doc: number) => boolean): Array<{ doc: number; score: number }> {
    const picked: Array<{ doc: number; score: number }> = [];
    let floor = -Infinity;
    for (let i = 0; i < acc.count; i++) {
      const doc = acc.touched[i]!;
      const score = acc.scores[doc]!;
      acc.scores[doc] = 0;
      if (score <= floor || this.removed[doc] || (filter && !filter(doc))) continue;
      picked.push({ doc, score });
      if (picked.length >= k * 4) {
        picked.sort((a, b) => b.score - a.score);
        picked.length = k;
        floor = picked[k - 1]!.score;
      }
    }
    acc.count = 0;
    picked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    if (picked.length > k) picked.length = k;
    return picked;
  }

  /** The arrays to store in a snapshot (base documents only; the delta is rebuilt from its documents). */
  toArrays(): IndexArrays {
    this.freeze();
    return {
      tableKeys: this.table.keys,
      tableIds: this.table.ids,
      termCount: this.table.size,
      offsets: this.offsets,
      postDocs: this.postDocs,
      postTfs: this.postTfs,
      docLengths: this.lengths.data.slice(0, this.baseDocs),
    };
  }

  /** Number of documents in the compact (base) part. */
  get baseCount(): number {
    return this.baseDocs;
  }

  /** Number of postings, for statistics. */
  get postingCount(): number {
    return this.postDocs.length;
  }

  /** Number of distinct terms, for statistics. */
  get termCount(): number {
    return this.table.size;
  }

  private computeNorms(): void {
    const n = this.lengths.length;
    const live = Math.max(1, this.liveCount);
    const avg = this.totalLength / live || 1;
    const { k1, b } = this.bm25;
    this.norms = new Float32Array(Math.max(n, 16));
    for (let i = 0; i < n; i++) this.norms[i] = k1 * (1 - b + (b * this.lengths.data[i]!) / avg);
    this.avgLength = avg;
  }

  private avgLength = 1;

  private extendNorms(): void {
    const n = this.lengths.length;
    if (n > this.norms.length) {
      const next = new Float32Array(n * 2);
      next.set(this.norms);
      this.norms = next;
    }
    const { k1, b } = this.bm25;
    this.norms[n - 1] = k1 * (1 - b + (b * this.lengths.data[n - 1]!) / this.avgLength);
  }
}
