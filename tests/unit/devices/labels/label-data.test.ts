import { describe, expect, it } from 'vitest';
import {
  binLabel,
  encodeGs1,
  gs1_128Label,
  gs1DataMatrixLabel,
  itemLabel,
  LabelError,
  makeSscc,
  shippingLabel,
  ssccLabel,
  validateSscc,
  zplFieldText,
} from '../../../../src/main/devices/labels';

function ruleOf(fn: () => unknown): { rule: string; code: string; field: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof LabelError) return { rule: e.rule, code: e.code, field: e.field };
    throw e;
  }
  throw new Error('expected a LabelError');
}

describe('GS1 element strings', () => {
  it('puts predefined-length AIs first and FNC1 only after a variable-length AI that is not last', () => {
    const g = encodeGs1([
      { ai: '10', value: 'AB12' },
      { ai: '21', value: 'S9' },
      { ai: '01', value: '09521234543213' },
      { ai: '17', value: '2027-12-31' },
    ]);
    expect(g.hri).toBe('(01)09521234543213(17)271231(10)AB12(21)S9');
    expect(g.scanData).toBe('0109521234543213172712311' + '0AB12\x1d21S9');
    expect(g.zplCode128).toBe('(01)09521234543213(17)271231(10)AB12>8(21)S9');
    expect(g.zplDataMatrix).toBe('#10109521234543213172712311' + '0AB12#121S9');
  });

  it('pads GTIN-13 to 14 digits in AI 01', () => {
    expect(encodeGs1([{ ai: '01', value: '5901234123457' }]).scanData).toBe('0105901234123457');
  });

  it('SSCC check digit: public vector and computed from parts', () => {
    expect(validateSscc('123456789012345675')).toBe('123456789012345675');
    expect(ruleOf(() => validateSscc('123456789012345676')).rule).toBe('BAD_SSCC');
    expect(ruleOf(() => validateSscc('12345678901234567')).rule).toBe('BAD_SSCC');
    expect(makeSscc({ extensionDigit: 1, companyPrefix: '2345678', serialReference: '901234567' })).toBe('123456789012345675');
    expect(makeSscc({ extensionDigit: 3, companyPrefix: '9521234', serialReference: 1 })).toBe('395212340000000014');
  });

  it('rejects bad input with a stable rule and the field at fault', () => {
    expect(ruleOf(() => encodeGs1([{ ai: '01', value: '09521234543214' }]))).toEqual({ rule: 'BAD_GTIN', code: 'BAD_GTIN', field: '01' });
    expect(ruleOf(() => encodeGs1([{ ai: '10', value: 'L'.repeat(21) }]))).toMatchObject({ rule: 'BAD_LOT', code: 'VALIDATION' });
    expect(ruleOf(() => encodeGs1([{ ai: '10', value: 'LOT 1' }])).rule).toBe('BAD_LOT'); // space is not in CSET 82
    expect(ruleOf(() => encodeGs1([{ ai: '10', value: 'A(1)' }])).rule).toBe('BAD_LOT');
    expect(ruleOf(() => encodeGs1([{ ai: '17', value: '271301' }])).rule).toBe('BAD_DATE');
    expect(ruleOf(() => encodeGs1([{ ai: '17', value: '2027-02-30' }])).rule).toBe('BAD_DATE');
    expect(encodeGs1([{ ai: '17', value: '270200' }]).scanData).toBe('17270200'); // DD 00 = end of month
    expect(encodeGs1([{ ai: '17', value: '2028-02-29' }]).scanData).toBe('17280229');
    expect(ruleOf(() => encodeGs1([{ ai: '01', value: '5901234123457' }, { ai: '01', value: '5901234123457' }])).rule).toBe('BAD_CODE');
  });
});

describe('template validation', () => {
  it('item label: wrong GTIN check digit is refused', () => {
    expect(ruleOf(() => itemLabel({ sku: 'A', name: 'B', gtin: '5901234123458' }))).toMatchObject({ rule: 'BAD_GTIN', field: 'gtin' });
  });
  it('GS1 labels: lot over 20 characters', () => {
    expect(ruleOf(() => gs1_128Label({ gtin: '09521234543213', lot: 'X'.repeat(21) })).rule).toBe('BAD_LOT');
    expect(ruleOf(() => gs1DataMatrixLabel({ gtin: '09521234543213', lot: 'X'.repeat(21) })).rule).toBe('BAD_LOT');
  });
  it('SSCC label: wrong length', () => {
    expect(ruleOf(() => ssccLabel({ sscc: '39521234000000001' })).rule).toBe('BAD_SSCC');
  });
  it('codes that would corrupt the ZPL are refused', () => {
    expect(ruleOf(() => binLabel({ code: 'A^XZ' })).rule).toBe('BAD_CODE');
    expect(ruleOf(() => binLabel({ code: 'A>5' })).rule).toBe('BAD_CODE');
  });
  it('a barcode that cannot fit at a scannable size is refused, not printed unreadable', () => {
    expect(ruleOf(() => binLabel({ code: 'AISLE-0001-SHELF-99' }, { size: { width: 20, height: 15, unit: 'mm' } }))).toMatchObject({ rule: 'BARCODE_DOES_NOT_FIT', field: 'code' });
  });
  it('shipping label: weight must be positive', () => {
    const base = {
      shipTo: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'GB' },
      orderNumber: '1',
      carrier: 'UPS',
      service: 'Ground',
      trackingNumber: '1Z999AA10123456784',
    };
    expect(ruleOf(() => shippingLabel({ ...base, weight: { value: 0, unit: 'kg' } })).rule).toBe('BAD_WEIGHT');
    expect(shippingLabel({ ...base, weight: { value: 2, unit: 'lb' } }).zpl).toContain('^FDWEIGHT 2.00 LB^FS');
  });
  it('DPI other than 203/300 is refused', () => {
    expect(ruleOf(() => binLabel({ code: 'A' }, { dpi: 600 as 300 })).rule).toBe('BAD_SIZE');
  });
});

describe('sizes and rendering', () => {
  it('4×6 in is 812×1218 dots at 203 dpi and 1200×1800 at 300 dpi', () => {
    const data = { sscc: '395212340000000014' };
    expect(ssccLabel(data)).toMatchObject({ widthDots: 812, heightDots: 1218 });
    expect(ssccLabel(data).zpl).toContain('^PW812\n^LL1218\n');
    expect(ssccLabel(data, { dpi: 300 })).toMatchObject({ widthDots: 1200, heightDots: 1800 });
  });
  it('millimetre sizes convert at 8 dots/mm (203 dpi)', () => {
    expect(binLabel({ code: 'A-1' }, { size: { width: 100, height: 50, unit: 'mm' } })).toMatchObject({ widthDots: 799, heightDots: 400 });
  });
  it('GS1-128 uses ZPL mode D and the DataMatrix declares its escape character', () => {
    expect(gs1_128Label({ gtin: '09521234543213', lot: 'LOT42' }).zpl).toMatch(/\^BCN,\d+,N,N,N,D\^FD\(01\)09521234543213\(10\)LOT42\^FS/);
    expect(gs1DataMatrixLabel({ gtin: '09521234543213', lot: 'LOT42' }).zpl).toMatch(/\^BXN,\d+,200,,,,#\^FD#10109521234543213/);
  });
  it('text that would break a ZPL field is hex-escaped', () => {
    expect(zplFieldText('50% off ^XZ ~JA a_b é')).toEqual({ fh: true, data: '50% off _5EXZ _7EJA a_5Fb _C3_A9' });
    expect(zplFieldText('plain')).toEqual({ fh: false, data: 'plain' });
    expect(itemLabel({ sku: 'X', name: 'Müller ^XZ' }).zpl).toContain('^FH^FDM_C3_BCller _5EXZ^FS');
  });
  it('copies become ^PQ', () => {
    expect(binLabel({ code: 'A-1' }, {}, 3).zpl).toContain('^PQ3\n^XZ');
    expect(ruleOf(() => binLabel({ code: 'A-1' }, {}, 0)).rule).toBe('BAD_COPIES');
  });
  it('the SVG preview has the physical size and escapes text', () => {
    const label = itemLabel({ sku: 'X', name: 'Salt & <Pepper>' });
    expect(label.svg).toContain('width="2in" height="1in" viewBox="0 0 406 203"');
    expect(label.svg).toContain('Salt &amp; &lt;Pepper&gt;');
  });
});
