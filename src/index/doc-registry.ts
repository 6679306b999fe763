import { docNumberKey, foldedDocNumberKey } from "./doc-number.js";
import { DocStore, type DocMeta } from "./doc-store.js";
import type { CorpusDoc, DocPage, SearchOptions } from "./types.js";

/**
 * The documents the engine knows, by slot, and the lookups over them: by id, by official number
 * (exact, and folded for numbers typed without `Đ`), newest first, and which index entries
 * (passages) belong to which document. A slot is never reused: a replaced document gets a new one.
 */
export class DocRegistry {
  private readonly slotById = new Map<string, number>();
  private readonly byNumber = new Map<string, number[]>();
  private readonly byFoldedNumber = new Map<string, number[]>();
  private latestOrder: number[] | null = null;
  /** The document slot of each passage (index entry). */
  readonly passageDoc: number[] = [];
  /** Each document's passages as [first, end). */
  private readonly docPassages: Array<[number, number]> = [];

  constructor(readonly store: DocStore = new DocStore()) {}

  /** Number of live documents. */
  get size(): number {
    return this.slotById.size;
  }

  /** Number of slots, removed ones included (the next slot to fill). */
  get slots(): number {
    return this.store.length;
  }

  /** The live slot of a document id. */
  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /** Whether a slot holds a live document. */
  isLive(slot: number): boolean {
    return this.slotById.get(this.store.meta(slot).id) === slot;
  }

  /** The document in a slot. */
  doc(slot: number): CorpusDoc {
    return this.store.get(slot);
  }

  /** A slot's metadata, without reading its text. */
  meta(slot: number): DocMeta {
    return this.store.meta(slot);
  }

  /** Records a live document in its slot; `doc` null means the store already holds it. */
  register(doc: CorpusDoc | null, slot: number): void {
    if (doc) this.store.set(slot, doc);
    const meta = this.store.meta(slot);
    this.slotById.set(meta.id, slot);
    if (meta.number) {
      link(this.byNumber, docNumberKey(meta.number), slot);
      link(this.byFoldedNumber, foldedDocNumberKey(meta.number), slot);
    }
    this.latestOrder = null;
  }

  /** Forgets a live document; its slot stays (tombstoned). Returns the slot, or undefined. */
  unregister(id: string): number | undefined {
    const slot = this.slotById.get(id);
    if (slot === undefined) return undefined;
    this.slotById.delete(id);
    const meta = this.store.meta(slot);
    if (meta.number) {
      unlink(this.byNumber, docNumberKey(meta.number), slot);
      unlink(this.byFoldedNumber, foldedDocNumberKey(meta.number), slot);
    }
    this.latestOrder = null;
    return slot;
  }

  /** Records that index entry `passage` is part of document `slot`. */
  linkPassage(passage: number, slot: number): void {
    this.passageDoc[passage] = slot;
    const range = this.docPassages[slot];
    if (range) range[1] = passage + 1;
    else this.docPassages[slot] = [passage, passage + 1];
  }

  /** The index entries of a document, as [first, end), or undefined when it has none. */
  passagesOf(slot: number): readonly [number, number] | undefined {
    return this.docPassages[slot];
  }

  /**
   * Slots whose `number` field is the official number given. Typed without diacritics
   * (`123/QD-UBND`), the folded match is accepted; `ĐA` typed with its `Đ` never finds `DA`.
   */
  slotsWithNumber(number: string): number[] {
    const key = docNumberKey(number);
    const exact = this.byNumber.get(key) ?? [];
    if (exact.length > 0 || key.includes("Đ")) return exact;
    return this.byFoldedNumber.get(foldedDocNumberKey(number)) ?? [];
  }

  /** Newest documents first (by date, then the later added first), optionally of one type. */
  latest(options: SearchOptions = {}): DocPage {
    const { limit = 5, offset = 0, type } = options;
    if (!this.latestOrder) {
      this.latestOrder = [...this.slotById.values()].sort((a, b) => {
        const da = this.store.meta(a).date ?? "";
        const db = this.store.meta(b).date ?? "";
        return da === db ? b - a : db.localeCompare(da);
      });
    }
    const slots = type ? this.latestOrder.filter((s) => this.store.meta(s).type === type) : this.latestOrder;
    return { total: slots.length, docs: slots.slice(offset, offset + limit).map((s) => this.store.get(s)) };
  }

  /** Whether each slot is removed, for a snapshot. */
  removedFlags(): boolean[] {
    return Array.from({ length: this.store.length }, (_, slot) => !this.isLive(slot));
  }
}

function link(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (list) list.push(slot);
  else map.set(key, [slot]);
}

function unlink(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key)?.filter((s) => s !== slot);
  if (list && list.length > 0) map.set(key, list);
  else map.delete(key);
}
