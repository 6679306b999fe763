import yauzl from "yauzl";

/** The outcome of {@link inflatedSizeWithin}: within the limit (with the DOCX core properties), or why not. */
export type ZipCheck = { ok: true; inflatedBytes: number; coreXml: string | null } | { ok: false; reason: string };

// A Word file has a few dozen parts; thousands are a sign of a crafted archive.
const MAX_ENTRIES = 2_000;
const CORE_PROPERTIES = "docProps/core.xml";

/**
 * Inflates every part of a ZIP archive (a DOCX) without keeping it, counting the bytes, and stops as soon as the
 * total passes `limitBytes`: a "zip bomb" (a small file that inflates to gigabytes) is refused before any parser
 * holds it in memory. The declared sizes are not trusted; the inflated bytes are counted.
 */
export function inflatedSizeWithin(zip: Buffer, limitBytes: number): Promise<ZipCheck> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (openErr, archive) => {
      if (openErr || !archive) return resolve({ ok: false, reason: `not a valid DOCX (${openErr?.message ?? "unreadable ZIP"})` });
      let total = 0;
      let entries = 0;
      let coreXml: string | null = null;
      let done = false;
      const finish = (result: ZipCheck) => {
        if (done) return;
        done = true;
        archive.close();
        resolve(result);
      };
      const tooBig = () =>
        finish({ ok: false, reason: `inflates to more than ${Math.round(limitBytes / 1024 / 1024)} MiB (a ZIP bomb or a far too large document)` });
      archive.on("error", (err: Error) => finish({ ok: false, reason: `not a valid DOCX (${err.message})` }));
      archive.on("end", () => finish({ ok: true, inflatedBytes: total, coreXml }));
      archive.on("entry", (entry: yauzl.Entry) => {
        if (++entries > MAX_ENTRIES) return finish({ ok: false, reason: `more than ${MAX_ENTRIES} parts in the archive` });
        if (/\/$/.test(entry.fileName)) return archive.readEntry();
        if (total + entry.uncompressedSize > limitBytes) return tooBig();
        archive.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return finish({ ok: false, reason: `not a valid DOCX (${streamErr?.message ?? "unreadable part"})` });
          const keep = entry.fileName === CORE_PROPERTIES ? ([] as Buffer[]) : null;
          stream.on("data", (chunk: Buffer) => {
            total += chunk.length;
            keep?.push(chunk);
            if (total > limitBytes) {
              stream.destroy();
              tooBig();
            }
          });
          stream.on("error", (err: Error) => finish({ ok: false, reason: `not a valid DOCX (${err.message})` }));
          stream.on("end", () => {
            if (keep) coreXml = Buffer.concat(keep).toString("utf8");
            if (!done) archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}
