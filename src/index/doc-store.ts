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
 * The documents by slot. Documents restored from a snapshot stay as their stored bytes until first
 * read, so that loading 50k articles does not mean parsing 50k articles: only their metadata
 * (id, type, date, number) is read at load.
 */
export class DocStore {
  private readonly docs: Array<CorpusDoc | undefined> = [];
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

  /** The document in a slot (parsed on first read when it came from a snapshot). */
  get(slot: number): CorpusDoc {
    let doc = this.docs[slot];
    if (doc) return doc;
    const { bytes, offsets } = this.stored!;
    doc = JSON.parse(decoder.decode(bytes.subarray(offsets[slot]!, offsets[slot + 1]!))) as CorpusDoc;
    this.docs[slot] = doc;
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
