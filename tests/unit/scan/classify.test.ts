import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyScan, describeAim, parseDigitalLink, parseElementString, type InternalPrefix } from '../../../src/shared/scan';

const REF = new Date('2026-11-26T00:00:00Z');
const GS = '\x1d';
const classify = (raw: string, extra: Parameters<typeof classifyScan>[1] = {}) => classifyScan(raw, { referenceDate: REF, ...extra });

describe('AIM symbology identifiers', () => {
  it.each([
    [']A0', 'code39', false],
    [']C0', 'code128', false],
    [']C1', 'gs1-128', true],
    [']E0', 'ean-13', false],
    [']E4', 'ean-8', false],
    [']e0', 'gs1-databar', true],
    [']I0', 'itf', false],
    [']I1', 'itf', false],
    [']d1', 'datamatrix', false],
    [']d2', 'gs1-datamatrix', true],
    [']Q1', 'qr', false],
    [']Q3', 'gs1-qr', true],
    [']J1', 'gs1-dotcode', true],
    [']z', 'aztec', false],
    [']z0', 'aztec', false],
    [']L', 'pdf417', false],
    [']L2', 'pdf417', false],
    [']X0', 'unknown', false],
  ])('%s is %s (GS1: %s)', (aim, symbology, gs1) => {
    expect(describeAim(aim)).toEqual({ aim, symbology, gs1 });
  });
});

describe('classifyScan', () => {
  it('GS1 DataMatrix with lot, expiry, serial and weight', () => {
    const c = classify(`]d201095060001343521727020010LOT-7${GS}21SN123${GS}3103001250`);
    expect(c).toMatchObject({
      kind: 'gs1',
      symbology: 'gs1-datamatrix',
      aim: ']d2',
      gtin: '09506000134352',
      lot: 'LOT-7',
      expiry: '2027-02-28',
      serial: 'SN123',
      netWeightGrams: 1250,
      weightKg: 1.25,
    });
  });

  it('SSCC pallet label with count of contained trade items', () => {
    const c = classify(`]C100106141411234567897${'02'}09506000134352${'37'}48`);
    expect(c).toMatchObject({ kind: 'gs1', sscc: '106141411234567897', contentGtin: '09506000134352', count: 48 });
  });

  it('bracketed human-readable text typed or pasted in', () => {
    expect(classify('(01)09506000134352(10)ABC')).toMatchObject({ kind: 'gs1', gtin: '09506000134352', lot: 'ABC' });
  });

  it('GS1 data from a wedge scanner that dropped the AIM id and FNC1', () => {
    expect(classify('01095060001343521727013110ABC')).toMatchObject({ kind: 'gs1', gtin: '09506000134352', expiry: '2027-01-31', lot: 'ABC' });
  });

  it.each([
    ['02345673', 'gtin8', '00000002345673'],
    ['416000336108', 'gtin12', '00416000336108'],
    ['4006381333931', 'gtin13', '04006381333931'],
    ['12345678901231', 'gtin14', '12345678901231'],
  ])('bare GTIN %s → %s', (code, gtinKind, gtin14) => {
    expect(classify(code)).toMatchObject({ kind: 'gtin', gtinKind, gtin14, code });
  });

  it('a bare GTIN with a wrong check digit is an error that says so', () => {
    expect(classify('4006381333932')).toMatchObject({ kind: 'error', code: 'BAD_GTIN_CHECK_DIGIT', message: 'Check digit of 4006381333932 should be 1, not 2', position: 12 });
    expect(classify(']E04006381333932')).toMatchObject({ kind: 'error', code: 'BAD_GTIN_CHECK_DIGIT' });
  });

  it('an 8-digit internal number in Code 128 is a SKU candidate, not a broken GTIN', () => {
    expect(classify(']C012345678')).toMatchObject({ kind: 'internal', type: 'sku', code: '12345678' });
    expect(classify('12345678')).toMatchObject({ kind: 'error', code: 'BAD_GTIN_CHECK_DIGIT' });
  });

  it('EAN-13 and UPC-A through ]E0, EAN-8 through ]E4', () => {
    expect(classify(']E04006381333931')).toMatchObject({ kind: 'gtin', gtinKind: 'gtin13', gtin14: '04006381333931', symbology: 'ean-13' });
    expect(classify(']E00416000336108')).toMatchObject({ kind: 'gtin', gtinKind: 'gtin12', gtin14: '00416000336108' });
    expect(classify(']E402345673')).toMatchObject({ kind: 'gtin', gtinKind: 'gtin8', gtin14: '00000002345673' });
  });

  it('HID POS delivers the AIM id separately', () => {
    expect(classify(`010950600013435210ABC`, { aim: ']C1' })).toMatchObject({ kind: 'gs1', aim: ']C1', lot: 'ABC' });
    const bad = classify(`0109506000134353`, { aim: ']C1' });
    expect(bad).toMatchObject({ kind: 'error', code: 'GS1_BAD_CHECK_DIGIT', position: 15 });
  });

  it('Digital Link in a QR code', () => {
    const c = classify(']Q1https://id.gs1.org/01/09506000134352/10/ABC?17=250101');
    expect(c).toMatchObject({ kind: 'digital-link', gtin: '09506000134352', lot: 'ABC', expiry: '2025-01-01', base: 'https://id.gs1.org', primaryKey: '01' });
    expect(classify('https://example.com/some/page')).toMatchObject({ kind: 'unknown', code: 'UNRECOGNISED' });
    expect(classify('https://example.com/01/09506000134353')).toMatchObject({ kind: 'error', code: 'GS1_BAD_CHECK_DIGIT' });
  });

  it.each([
    ['BIN:A-01-02', 'bin', 'A-01-02', 'BIN:', undefined],
    ['LOC-R3-S2', 'bin', 'R3-S2', 'LOC-', undefined],
    ['SO-10042', 'document', '10042', 'SO-', 'sales-order'],
    ['po-77', 'document', '77', 'po-', 'purchase-order'],
    ['RMA-9', 'document', '9', 'RMA-', 'return'],
    ['TOTE-0012', 'document', '0012', 'TOTE-', 'tote'],
  ])('internal code %s → %s', (raw, type, code, prefix, documentType) => {
    const c = classify(raw);
    expect(c).toMatchObject({ kind: 'internal', type, code, prefix, text: raw });
    if (c.kind === 'internal') expect(c.documentType).toBe(documentType);
  });

  it('prefixes are configurable', () => {
    const prefixes: InternalPrefix[] = [{ prefix: 'SHELF/', type: 'bin' }];
    expect(classify('SHELF/12', { internalPrefixes: prefixes })).toMatchObject({ kind: 'internal', type: 'bin', code: '12' });
    expect(classify('BIN:1', { internalPrefixes: prefixes })).toMatchObject({ kind: 'internal', type: 'sku', code: 'BIN:1' });
  });

  it('anything code-like is a SKU candidate; blank or spaced text is not', () => {
    expect(classify('WIDGET-RED-XL')).toMatchObject({ kind: 'internal', type: 'sku', code: 'WIDGET-RED-XL', prefix: '' });
    expect(classify('hello world')).toMatchObject({ kind: 'unknown', code: 'UNRECOGNISED' });
    expect(classify('')).toMatchObject({ kind: 'error', code: 'EMPTY_SCAN' });
    expect(classify('\r\n')).toMatchObject({ kind: 'error', code: 'EMPTY_SCAN' });
    expect(classify(']d2')).toMatchObject({ kind: 'error', code: 'EMPTY_SCAN' });
  });

  it('strips the Enter/Tab terminator of a wedge scan', () => {
    expect(classify('4006381333931\r\n')).toMatchObject({ kind: 'gtin', gtin14: '04006381333931' });
  });
});

describe('Digital Link details', () => {
  it('percent-decodes, keeps the stem, types the attributes', () => {
    const r = parseDigitalLink('https://brand.example.com/products/01/09506000134352/10/AB%2FC?3103=000500&17=270100&utm=x', { referenceDate: REF });
    expect(r).toMatchObject({ ok: true, base: 'https://brand.example.com/products', primaryKey: '01' });
    if (!r.ok) return;
    expect(r.elements.map((e) => [e.ai, e.value])).toEqual([['01', '09506000134352'], ['10', 'AB/C'], ['3103', '0.500'], ['17', '2027-01-31']]);
  });

  it.each([
    ['https://id.gs1.org/01/09506000134352/21/S1/10/L1', 'DL_BAD_QUALIFIER', 'AI (01) allows only 22/10/21 or 235, in that order; got 21/10'],
    ['https://id.gs1.org/00/106141411234567897/10/L1', 'DL_BAD_QUALIFIER', 'AI (00) takes no qualifiers; got 10'],
    ['https://id.gs1.org/01/09506000134352?21=S1', 'DL_BAD_ATTRIBUTE', 'AI (21) belongs in the path after (01), not in the query'],
    ['https://id.gs1.org/8006/095060001343520102?254=X', 'DL_BAD_ATTRIBUTE', 'AI (254) is not allowed as a Digital Link data attribute'],
    ['https://id.gs1.org/01/09506000134352?17=271301', 'GS1_BAD_DATE', 'AI (17) month 13 is not a month'],
    ['ftp://id.gs1.org/01/09506000134352', 'DL_BAD_URI', 'a GS1 Digital Link starts with http:// or https://'],
  ])('%s → %s', (uri, code, message) => {
    const r = parseDigitalLink(uri, { referenceDate: REF });
    expect(r).toMatchObject({ ok: false, code, message });
  });
});

describe('never throws (fast-check)', () => {
  const kinds = new Set(['gs1', 'gtin', 'digital-link', 'internal', 'unknown', 'error']);
  const check = (s: string) => {
    const c = classifyScan(s, { referenceDate: REF });
    expect(kinds.has(c.kind)).toBe(true);
    const e = parseElementString(s, { referenceDate: REF });
    expect(typeof e.ok).toBe('boolean');
    const d = parseDigitalLink(s, { referenceDate: REF });
    expect(typeof d.ok).toBe('boolean');
  };

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 2000 });
  });

  it('scanner-like strings: AIM ids, digits, GS, brackets, URLs', () => {
    const piece = fc.oneof(
      fc.constantFrom(']C1', ']d2', ']Q3', ']E0', ']E4', ']e0', ']Q1', GS, '(', ')', '01', '10', '17', '21', '3103', '00', '8008', '7007', 'https://a/', '/01/', '?17=', '&', '%2', '%00', '|]e0', '\\('),
      fc.stringMatching(/^\d{1,18}$/),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }).map((a) => a.join('')), check), { numRuns: 3000 });
  });
});
