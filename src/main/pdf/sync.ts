import { CharCodes, PDFCatalog, PDFContext, PDFCrossRefSection, PDFDocument, PDFHeader, PDFPageTree, PDFTrailer, PDFTrailerDict, type PDFFont } from 'pdf-lib';

/*
 * pdf-lib (a maintained, dependency-light, pure-JS library) draws the PDFs (purchase orders, report exports); its own
 * create/save are async, but the core answers every call synchronously (one SQLite transaction, no interleaving), so
 * documents are created and serialized with pdf-lib's synchronous building blocks (standard fonts need no async
 * embedding; the writer below lays out the same header, objects, xref and trailer as pdf-lib's PDFWriter).
 */

/** Standard fonts encode WinAnsi only: anything else would throw, so it is replaced rather than lose the whole PO. */
export const winAnsi = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2212/g, '-')
    .replace(/\u2264/g, '<=')
    .replace(/\u2265/g, '>=')
    .replace(/[^\x20-\x7e\u00a0-\u00ff\u20ac\u2013\u2014\u2022\u2026]/g, '?');

/**
 * PDFDocument.create() without the promise: the same synchronous steps (a context, a page tree, a catalog). The
 * constructor is private in the typings only; create() itself calls it exactly like this.
 */
export function createDocumentSync(): PDFDocument {
  const Doc = PDFDocument as unknown as { new (context: PDFContext, ignoreEncryption: boolean, updateMetadata: boolean): PDFDocument };
  const context = PDFContext.create();
  const pageTreeRef = context.register(PDFPageTree.withContext(context));
  context.trailerInfo.Root = context.register(PDFCatalog.withContextAndPages(context, pageTreeRef));
  return new Doc(context, false, true);
}

/** Header, every indirect object, the cross-reference table and the trailer, as pdf-lib's PDFWriter lays them out. */
export function serializeSync(context: PDFContext): Uint8Array {
  const header = PDFHeader.forVersion(1, 7);
  const xref = PDFCrossRefSection.create();
  const objects = context.enumerateIndirectObjects();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    size += b.length;
  };
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  const bytesOf = (o: { sizeInBytes(): number; copyBytesInto(buf: Uint8Array, offset: number): number }) => {
    const b = new Uint8Array(o.sizeInBytes());
    o.copyBytesInto(b, 0);
    return b;
  };
  push(bytesOf(header));
  push(Uint8Array.of(CharCodes.Newline, CharCodes.Newline));
  for (const [ref, obj] of objects) {
    xref.addEntry(ref, size);
    push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    push(bytesOf(obj));
    push(ascii('\nendobj\n\n'));
  }
  const xrefOffset = size;
  push(bytesOf(xref));
  push(Uint8Array.of(CharCodes.Newline));
  const trailerDict = PDFTrailerDict.of(
    context.obj({ Size: context.largestObjectNumber + 1, Root: context.trailerInfo.Root, Info: context.trailerInfo.Info, ID: context.trailerInfo.ID }),
  );
  push(bytesOf(trailerDict));
  push(Uint8Array.of(CharCodes.Newline, CharCodes.Newline));
  push(bytesOf(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset)));
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Writes the standard fonts' dictionaries (a standard font's embed() does so before its first await) and serializes. */
export function saveSync(doc: PDFDocument, fonts: PDFFont[]): Uint8Array {
  for (const f of fonts) {
    void f.embed();
    if (!doc.context.lookup(f.ref)) throw new Error(`font ${f.name} was not written synchronously`);
  }
  return serializeSync(doc.context);
}
