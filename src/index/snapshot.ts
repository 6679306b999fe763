import { DocStore, type DocMeta } from "./doc-store.js";
import type { EngineState } from "./engine.js";
import type { IndexArrays } from "./inverted-index.js";

// The index snapshot: a header (JSON) and the index arrays as raw bytes, so that loading is reading
// one file and wrapping its bytes, not parsing them. Layout:
//   "CIVICIDX" | u32 header length | header JSON | padding to 8 | sections (each 8-aligned)

const MAGIC = "CIVICIDX";
const FORMAT = 2;

type ArrayName = "tableKeys" | "tableIds" | "offsets" | "postDocs" | "postTfs" | "docLengths";
const ARRAY_TYPES = {
  tableKeys: Float64Array,
  tableIds: Int32Array,
  offsets: Uint32Array,
  postDocs: Uint32Array,
  postTfs: Uint8Array,
  docLengths: Float32Array,
} as const;

interface Section {
  name: ArrayName | "docMeta" | "docBytes" | "docOffsets" | "passageDoc" | "removed" | "vocabulary";
  offset: number;
  bytes: number;
}

interface Header<M> {
  format: number;
  meta: M;
  termCount: number;
  sections: Section[];
}

/** Raised when a snapshot cannot be read; the caller rebuilds the index. */
export class SnapshotError extends Error {
  override readonly name = "SnapshotError";
}

const align = (n: number) => (n + 7) & ~7;

// Documents are stored one JSON text after another with their byte offsets, and their metadata as
// columns: loading reads the columns and leaves each text to be parsed when first asked for.
function encodeDocs(store: DocStore): Array<[Section["name"], Uint8Array]> {
  const docs = store.all();
  const chunks = docs.map((doc) => Buffer.from(JSON.stringify(doc)));
  const offsets = new Uint32Array(docs.length + 1);
  chunks.forEach((chunk, i) => (offsets[i + 1] = offsets[i]! + chunk.byteLength));
  const columns = {
    ids: docs.map((d) => d.id),
    types: docs.map((d) => d.type),
    dates: docs.map((d) => d.date),
    numbers: docs.map((d) => d.number),
  };
  return [
    ["docMeta", Buffer.from(JSON.stringify(columns))],
    ["docBytes", Buffer.concat(chunks)],
    ["docOffsets", new Uint8Array(offsets.buffer)],
  ];
}

/** Encodes an engine state and caller metadata (the corpus fingerprint) into snapshot bytes. */
export function encodeSnapshot<M>(state: EngineState, meta: M): Buffer[] {
  const index = state.index;
  const payloads: Array<[Section["name"], Uint8Array]> = [
    ...(Object.keys(ARRAY_TYPES) as ArrayName[]).map(
      (name) =>
        [name, new Uint8Array(index[name].buffer, index[name].byteOffset, index[name].byteLength)] as [ArrayName, Uint8Array],
    ),
    ...encodeDocs(state.docs),
    ["passageDoc", new Uint8Array(state.passageDoc.buffer, state.passageDoc.byteOffset, state.passageDoc.byteLength)],
    ["removed", Uint8Array.from(state.removed, (r) => (r ? 1 : 0))],
    ["vocabulary", Buffer.from(state.vocabulary.join("\n"))],
  ];
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, bytes] of payloads) {
    sections.push({ name, offset, bytes: bytes.byteLength });
    offset = align(offset + bytes.byteLength);
  }
  const header: Header<M> = { format: FORMAT, meta, termCount: index.termCount, sections };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(align(MAGIC.length + 4 + headerBytes.length));
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  headerBytes.copy(prefix, MAGIC.length + 4);
  const chunks: Buffer[] = [prefix];
  for (const [, bytes] of payloads) {
    chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    const pad = align(bytes.byteLength) - bytes.byteLength;
    if (pad > 0) chunks.push(Buffer.alloc(pad));
  }
  return chunks;
}

/** Decodes snapshot bytes; throws {@link SnapshotError} when they are truncated or inconsistent. */
export function decodeSnapshot<M>(bytes: Uint8Array): { state: EngineState; meta: M } {
  const { header, base } = readHeader<M>(bytes);
  const section = (name: Section["name"]) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s || base + s.offset + s.bytes > bytes.byteLength) throw new SnapshotError(`snapshot: section ${name} is missing or truncated`);
    return { start: bytes.byteOffset + base + s.offset, bytes: s.bytes };
  };
  const arrays = {} as Record<ArrayName, unknown>;
  for (const name of Object.keys(ARRAY_TYPES) as ArrayName[]) {
    const { start, bytes: length } = section(name);
    const Type = ARRAY_TYPES[name];
    const buffer = bytes.buffer as ArrayBuffer;
    // Copy into an aligned buffer when the file's bytes are not aligned for the element size.
    const view =
      start % Type.BYTES_PER_ELEMENT === 0
        ? new Type(buffer, start, length / Type.BYTES_PER_ELEMENT)
        : new Type(buffer.slice(start, start + length));
    arrays[name] = view;
  }
  const text = (name: Section["name"]) => {
    const { start, bytes: length } = section(name);
    return Buffer.from(bytes.buffer, start, length).toString("utf8");
  };
  const docOffsetsSection = section("docOffsets");
  const docBytesSection = section("docBytes");
  const docOffsets = new Uint32Array(
    (bytes.buffer as ArrayBuffer).slice(docOffsetsSection.start, docOffsetsSection.start + docOffsetsSection.bytes),
  );
  let metas: DocMeta[];
  try {
    const columns = JSON.parse(text("docMeta")) as { ids: string[]; types: DocMeta["type"][]; dates: Array<string | null>; numbers: Array<string | null> };
    metas = columns.ids.map((id, i) => ({ id, type: columns.types[i]!, date: columns.dates[i] ?? null, number: columns.numbers[i] ?? null }));
  } catch {
    throw new SnapshotError("snapshot: the document list is corrupt");
  }
  if (docOffsets.length !== metas.length + 1 || docOffsets[metas.length] !== docBytesSection.bytes) {
    throw new SnapshotError("snapshot: the document store is inconsistent");
  }
  const docs = DocStore.fromStored(metas, new Uint8Array(bytes.buffer, docBytesSection.start, docBytesSection.bytes), docOffsets);
  const passageSection = section("passageDoc");
  const passageDoc = new Uint32Array((bytes.buffer as ArrayBuffer).slice(passageSection.start, passageSection.start + passageSection.bytes));
  const removedSection = section("removed");
  const removed = Array.from(new Uint8Array(bytes.buffer, removedSection.start, removedSection.bytes), (b) => b === 1);
  const vocabularyText = text("vocabulary");
  const index = { ...(arrays as Omit<IndexArrays, "termCount">), termCount: header.termCount } as IndexArrays;
  if (
    index.offsets.length !== header.termCount + 1 ||
    index.offsets[header.termCount] !== index.postDocs.length ||
    index.postTfs.length !== index.postDocs.length ||
    docs.length !== removed.length ||
    passageDoc.length !== index.docLengths.length
  ) {
    throw new SnapshotError("snapshot: index arrays are inconsistent");
  }
  return { state: { docs, passageDoc, removed, index, vocabulary: vocabularyText ? vocabularyText.split("\n") : [] }, meta: header.meta };
}

function readHeader<M>(bytes: Uint8Array): { header: Header<M>; base: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.byteLength < MAGIC.length + 4 || buffer.toString("latin1", 0, MAGIC.length) !== MAGIC) {
    throw new SnapshotError("snapshot: not a civic-bot index snapshot");
  }
  const length = buffer.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + length > buffer.byteLength) throw new SnapshotError("snapshot: header is truncated");
  let header: Header<M>;
  try {
    header = JSON.parse(buffer.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + length));
  } catch {
    throw new SnapshotError("snapshot: header is corrupt");
  }
  if (header.format !== FORMAT) throw new SnapshotError(`snapshot: format ${header.format} is not ${FORMAT}`);
  return { header, base: align(MAGIC.length + 4 + length) };
}
