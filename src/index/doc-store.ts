import type { CorpusDoc, DocType } from "./types.js";

/** What the engine needs of every document without reading its text. */
export interface DocMeta {
  id: string;
  type: DocType;
  date: string | null;
  number: string | null;
}

const decoder = new TextDecoder();

/**
 * How many documents read from the stored bytes are kept parsed, in documents. Bounded so that an
 * engine's memory does not grow to a parsed copy of the whole corpus (one per thread when several
 * engines share the bytes); parsing one again costs microseconds.
 */
const PARSED_CACHE_DOCS = 512;

/**
 * The documents by slot. Documents restored from a snapshot stay as their stored bytes, parsed when
 * read (the last few hundred stay parsed), so that loading 50k articles does not mean parsing 50k
 * articles: only their metadata (id, type, date, number) is read at load.
 */
export class DocStore {
  /** Documents added after the snapshot, which have no stored bytes. */
  private readonly docs: Array<CorpusDoc | undefined> = [];
  /** Recently read stored documents, least recent first. */
  private readonly parsed = new Map<number, CorpusDoc>();
  private readonly metas: DocMeta[] = [];
  private stored: { bytes: Uint8Array; offsets: Uint32Array } | null = null;

  /** A store over stored documents: `bytes[offsets[i]..offsets[i+1]]` is document i as JSON. */
  static fromStored(metas: DocMeta[], bytes: Uint8Array, offsets: Uint32Array): DocStore {
    const store = new DocStore();
    store.metas.push(...metas);
    store.stored = { bytes, offsets };
    return store;
  }

  /** Number of slots. */
  get length(): number {
    return this.metas.length;
  }

  /** The document in a slot (parsed from the stored bytes when it came from a snapshot). */
  get(slot: number): CorpusDoc {
    const added = this.docs[slot];
    if (added) return added;
    let doc = this.parsed.get(slot);
    if (doc) {
      this.parsed.delete(slot);
    } else {
      const { bytes, offsets } = this.stored!;
      doc = JSON.parse(decoder.decode(bytes.subarray(offsets[slot]!, offsets[slot + 1]!))) as CorpusDoc;
      if (this.parsed.size >= PARSED_CACHE_DOCS) this.parsed.delete(this.parsed.keys().next().value!);
    }
    this.parsed.set(slot, doc);
    return doc;
  }

  /** The metadata of a slot, without reading the text. */
  meta(slot: number): DocMeta {
    return this.metas[slot]!;
  }

  /** Puts a document in a slot. */
  set(slot: number, doc: CorpusDoc): void {
    this.docs[slot] = doc;
    this.metas[slot] = { id: doc.id, type: doc.type, date: doc.date, number: doc.number };
  }

  /** Every document, in slot order (reads the stored ones). */
  all(): CorpusDoc[] {
    return this.metas.map((_, slot) => this.get(slot));
  }
}
