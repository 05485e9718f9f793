import { describe, expect, it } from 'vitest';
import { AI_TABLE, lookupAi, parseElementString, resolveYear, toBracketed, toElementString, type ParseResult } from '../../../src/shared/scan';

const REF = new Date('2026-11-26T00:00:00Z');
const GS = '\x1d';
const parse = (s: string, associations: 'off' | 'warn' | 'strict' = 'warn'): ParseResult => parseElementString(s, { referenceDate: REF, associations });

const errorOf = (s: string): { code: string; message: string; position: number } => {
  const r = parse(s, 'off');
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(s)}`);
  return { code: r.code, message: r.message, position: r.position };
};

describe('AI table (from gs1-syntax-dictionary.txt)', () => {
  it('covers the AIs the app relies on', () => {
    const wanted = ['00', '01', '02', '10', '11', '12', '13', '15', '16', '17', '20', '21', '22', '30', '37', '240', '241', '250', '251', '253', '254', '400', '401', '402', '403', '7003', '8004', '8008', '8020', '90'];
    for (let n = 410; n <= 417; n++) wanted.push(String(n));
    for (const ai of ['420', '421', '422']) wanted.push(ai);
    for (let n = 91; n <= 99; n++) wanted.push(String(n));
    for (const prefix of ['310', '311', '312', '313', '314', '315', '316', '320', '321', '322', '323', '324', '325', '326', '327', '328', '329', '330', '331', '332', '333', '334', '335', '336', '337', '340', '341', '342', '343', '344', '345', '346', '347', '348', '349', '350', '351', '352', '353', '354', '355', '356', '357'])
      for (let d = 0; d <= 5; d++) wanted.push(`${prefix}${d}`);
    for (const ai of wanted) expect(AI_TABLE.has(ai), ai).toBe(true);
  });

  it('keeps the dictionary facts: types, lengths, FNC1, check digits, dates', () => {
    expect(lookupAi('00')).toMatchObject({ fnc1: false, minLength: 18, maxLength: 18, components: [{ cset: 'N', linters: ['csum', 'keyoff1'] }] });
    expect(lookupAi('10')).toMatchObject({ fnc1: true, minLength: 1, maxLength: 20, components: [{ cset: 'X' }] });
    expect(lookupAi('17')).toMatchObject({ fnc1: false, components: [{ linters: ['yymmd0'] }] });
    expect(lookupAi('3103')).toMatchObject({ fnc1: false, title: 'NET WEIGHT (kg)', ex: ['310n'] });
    expect(lookupAi('8010')!.components[0]!.cset).toBe('Y');
    expect(lookupAi('410')!.components[0]!.linters).toContain('csum');
    expect(lookupAi('253')).toMatchObject({ minLength: 13, maxLength: 30, fnc1: true });
    expect(lookupAi('01')!.dlKeyQualifiers).toEqual([['22', '10', '21'], ['235']]);
    expect(lookupAi('02')!.req).toEqual([[['37']]]);
    expect(lookupAi('7035')!.title).toBe('PROCESSOR # 5');
  });

  it('is prefix-free, so AIs can be read without separators', () => {
    const ais = [...AI_TABLE.keys()];
    for (const a of ais) for (const b of ais) if (a !== b) expect(b.startsWith(a), `${a} / ${b}`).toBe(false);
  });
});

describe('parseElementString: GS-separated scanner output', () => {
  it('reads a GS1 DataMatrix with AIM id and GS separators (scandata.c example)', () => {
    const r = parse(`]d2011231231231233310ABC123${GS}99TESTING`);
    expect(r.ok && r.elements.map((e) => [e.ai, e.raw])).toEqual([['01', '12312312312333'], ['10', 'ABC123'], ['99', 'TESTING']]);
  });

  it('accepts a leading GS (FNC1 transmitted), doubled and trailing separators', () => {
    const r = parse(`${GS}0109506000134352${GS}${GS}10LOT1${GS}`);
    expect(r.ok && r.elements.map((e) => e.ai)).toEqual(['01', '10']);
  });

  it('runs fixed-length AIs into the next AI without a separator', () => {
    const r = parse('01095060001343521725123110LOT42');
    expect(r.ok && r.elements.map((e) => `${e.ai}=${e.raw}`)).toEqual(['01=09506000134352', '17=251231', '10=LOT42']);
  });

  it('rejects non-GS1 symbologies with a clear message', () => {
    expect(errorOf(']C0ABC123')).toMatchObject({ code: 'GS1_NOT_GS1_SYMBOLOGY', message: ']C0 (code128) does not carry GS1 element strings' });
  });

  it('turns ]E0/]E4 primary data into AI (01)', () => {
    const r = parse(']E04006381333931');
    expect(r.ok && r.elements[0]).toMatchObject({ ai: '01', raw: '04006381333931' });
    expect(errorOf(']E04006381333932')).toMatchObject({ code: 'BAD_GTIN_CHECK_DIGIT', position: 15 });
  });
});

describe('error messages say exactly what is wrong, with the position', () => {
  it.each([
    ['(01)12345678901232', 'GS1_BAD_CHECK_DIGIT', 'AI (01) check digit should be 1, not 2', 17],
    ['(17)261310', 'GS1_BAD_DATE', 'AI (17) month 13 is not a month', 6],
    ['(17)250230', 'GS1_BAD_DATE', 'AI (17) day 30 does not exist in February 2025', 8],
    ['(10)123456789012345678901', 'GS1_VALUE_TOO_LONG', 'AI (10) value too long: 21 > 20 characters', 24],
    ['(21)AB C', 'GS1_INVALID_CHARACTER', "invalid character ' ' in AI (21)", 6],
    ['(00)12345678901234567', 'GS1_VALUE_TOO_SHORT', 'AI (00) requires 18 digits, got 17', 21],
    ['(01)1234567890123A', 'GS1_INVALID_CHARACTER', "invalid character 'A' in AI (01): digits only", 17],
    ['(10)', 'GS1_EMPTY_VALUE', 'AI (10) has no value', 4],
    ['(89)ABC', 'GS1_UNKNOWN_AI', 'unknown AI (89)', 0],
    ['(99X)ABC', 'GS1_SYNTAX', '"(99X)" is not an AI: 2 to 4 digits expected', 0],
    ['(410)1234567890123', 'GS1_BAD_CHECK_DIGIT', 'AI (410) check digit should be 8, not 3', 17],
    ['(8008)2612241260', 'GS1_BAD_TIME', 'AI (8008) minute 60 is out of range 00–59', 14],
  ])('%s → %s', (input, code, message, position) => {
    expect(errorOf(input)).toEqual({ code, message, position });
  });

  it('reports positions in the raw scan, AIM prefix included', () => {
    // ]d2 + 01 + 14 digits = 19 chars; the bad check digit is the 19th (index 18).
    expect(errorOf(']d20109506000134353').position).toBe(18);
    expect(errorOf(`]C10109506000134352${GS}17251301`)).toMatchObject({ code: 'GS1_BAD_DATE', position: 24 });
    expect(errorOf(`]C1891234`)).toMatchObject({ code: 'GS1_UNKNOWN_AI', position: 3 });
    expect(errorOf(`]C1${GS}21SN${GS}x`)).toMatchObject({ code: 'GS1_SYNTAX', message: "expected an AI but found 'x'" });
    expect(errorOf(`]C1${GS}${'\x1e'}`)).toMatchObject({ code: 'GS1_SYNTAX', message: 'expected an AI but found U+001E' });
  });
});

describe('typed values', () => {
  it('dates: ISO, with day 00 meaning the last day of the month (leap years included)', () => {
    const r = parse('(01)09506000134352(17)280200(11)260100(15)261231');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.elements[1]).toMatchObject({ ai: '17', raw: '280200', value: '2028-02-29', date: '2028-02-29', dayUnspecified: true });
    expect(r.elements[2]).toMatchObject({ date: '2026-01-31', dayUnspecified: true });
    expect(r.elements[3]).toMatchObject({ date: '2026-12-31' });
    expect(r.elements[3]!.dayUnspecified).toBeUndefined();
  });

  it('dates with time: 7003 expiry time, 8008 production time', () => {
    const r = parse(`(01)09506000134352(7003)2612241530(8008)26122408`);
    expect(r.ok && r.elements[1]).toMatchObject({ date: '2026-12-24', time: '15:30' });
    expect(r.ok && r.elements[2]).toMatchObject({ date: '2026-12-24', time: '08:00' });
  });

  it('310n: decimal string and grams; 320n in pounds converted exactly', () => {
    const r = parse('(01)09506000134352(3103)001250');
    expect(r.ok && r.elements[1]).toMatchObject({ value: '1.250', measure: { decimal: '1.250', unit: 'kg', amount: 1.25, grams: 1250 } });
    const five = parse('(01)09506000134352(3105)123456');
    expect(five.ok && five.elements[1]!.measure).toEqual({ decimal: '1.23456', unit: 'kg', amount: 1.23456, grams: 1234.56 });
    const zero = parse('(01)09506000134352(3100)000042');
    expect(zero.ok && zero.elements[1]!.measure).toMatchObject({ decimal: '42', grams: 42000 });
    const lb = parse('(01)09506000134352(3202)000100');
    expect(lb.ok && lb.elements[1]!.measure).toMatchObject({ decimal: '1.00', unit: 'lb', grams: 453.592 });
    const len = parse('(01)09506000134352(3113)001500');
    expect(len.ok && len.elements[1]!.measure).toEqual({ decimal: '1.500', unit: 'm', amount: 1.5 });
  });

  it('amounts: 392n price with decimals, 393n with ISO 4217 currency', () => {
    const r = parse('(01)09506000134352(30)1(3922)1299');
    expect(r.ok && r.elements[2]!.value).toBe('12.99');
    const c = parse('(01)09506000134352(30)1(3932)9781299');
    expect(c.ok && c.elements[2]).toMatchObject({ currency: '978', value: '12.99' });
  });
});

describe('GS1 General Specifications 7.12 century rule', () => {
  it.each([
    [2026, 76, 2076], // D = 50 → still the current century
    [2026, 77, 1977], // D = 51 → previous century
    [2026, 75, 2075],
    [2026, 0, 2000],
    [2026, 99, 1999],
    [2075, 25, 2125], // D = -50 → next century
    [2075, 26, 2026], // D = -49 → current
    [2099, 48, 2148],
    [2000, 50, 2050],
    [2000, 51, 1951],
  ])('in %i, YY %i is %i', (current, yy, year) => {
    expect(resolveYear(yy, new Date(Date.UTC(current, 5, 1)))).toBe(year);
  });

  it('uses the injected reference date, so expiry 770101 flips with the clock', () => {
    const p = (iso: string) => parseElementString('(01)09506000134352(17)770101', { referenceDate: new Date(iso) });
    expect((p('2026-01-01') as { elements: { date?: string }[] }).elements[1]!.date).toBe('1977-01-01');
    expect((p('2027-01-01') as { elements: { date?: string }[] }).elements[1]!.date).toBe('2077-01-01');
  });
});

describe('associations', () => {
  it('duplicate AI with another value is an error; same value is fine', () => {
    expect(parse('(01)09506000134352(10)A(10)A').ok).toBe(true);
    const r = parse('(01)09506000134352(10)A(10)B');
    expect(!r.ok && r).toMatchObject({ code: 'GS1_DUPLICATE_AI', message: 'AI (10) appears twice with different values: "A" and "B"', position: 23 });
  });

  it('exclusive AIs are an error: (01) with (02)', () => {
    const r = parse('(01)09506000134352(02)09506000134352(37)5');
    expect(!r.ok && r.code).toBe('GS1_EXCLUSIVE_AIS');
  });

  it('a missing partner is a warning by default (it may be on another label) and an error when strict', () => {
    const r = parse('(10)LOT1(17)270131');
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual([
      'AI (10) requires one of (01), (02), (03), (8006), (8026)',
      'AI (17) requires one of (01), (02), (03), (255), (8006), (8026)',
    ]);
    const strict = parse('(02)09506000134352(37)12', 'strict');
    expect(!strict.ok && strict.message).toBe('AI (37) requires (00)');
  });
});

describe('round trip helpers', () => {
  it('element string puts GS only after variable-length AIs that are not last', () => {
    const r = parse('(01)09506000134352(10)ABC(17)270131(21)S1');
    expect(r.ok && toElementString(r.elements)).toBe(`010950600013435210ABC${GS}1727013121S1`);
    expect(r.ok && toBracketed(r.elements)).toBe('(01)09506000134352(10)ABC(17)270131(21)S1');
  });
});
