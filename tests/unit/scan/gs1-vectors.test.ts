/**
 * GS1's own published test vectors (tests/fixtures/gs1/*.json, each with its repository, path and commit) run
 * against our parser.
 */
import { describe, expect, it } from 'vitest';
import aiVectors from '../../fixtures/gs1/syntax-engine-ai.json';
import dlVectors from '../../fixtures/gs1/syntax-engine-dl.json';
import linterVectors from '../../fixtures/gs1/syntax-dictionary-linters.json';
import scanVectors from '../../fixtures/gs1/syntax-engine-scandata.json';
import { checkGtin } from '../../../src/shared/gtin';
import { firstInvalidChar } from '../../../src/shared/scan/charsets';
import { runLinter } from '../../../src/shared/scan/gs1-value';
import { classifyScan, parseDigitalLink, parseElementString, toElementString, uriUnescape, type Gs1Element, type ScanErrorCode } from '../../../src/shared/scan';

const REF_2021 = new Date('2021-06-15T00:00:00Z'); // the reference linters hard-code CURRENT_YEAR 21
const REF = new Date('2026-11-26T00:00:00Z');
const GS = '\x1d';

/** Engine notation: "^" = FNC1. A leading FNC1 becomes the GS1-128 AIM id, inner ones GS, as a scanner sends them. */
const fromCaret = (s: string): string => (s.startsWith('^') ? `]C1${s.slice(1).replaceAll('^', GS)}` : s.replaceAll('^', GS));
const caret = (elements: Gs1Element[]): string => `^${toElementString(elements).replaceAll(GS, '^')}`;

/** Engine linter result → our stable code. */
const CODE_FOR: Record<string, ScanErrorCode> = {
  NON_DIGIT_CHARACTER: 'GS1_INVALID_CHARACTER',
  INVALID_CSET82_CHARACTER: 'GS1_INVALID_CHARACTER',
  INVALID_CSET39_CHARACTER: 'GS1_INVALID_CHARACTER',
  INVALID_CSET32_CHARACTER: 'GS1_INVALID_CHARACTER',
  INVALID_CSET64_CHARACTER: 'GS1_INVALID_CHARACTER',
  INVALID_CSET64_PADDING: 'GS1_INVALID_CHARACTER', // we do not accept '=' padding at all
  INCORRECT_CHECK_DIGIT: 'GS1_BAD_CHECK_DIGIT',
  INCORRECT_CHECK_PAIR: 'GS1_BAD_CHECK_PAIR',
  TOO_SHORT_FOR_CHECK_PAIR: 'GS1_BAD_CHECK_PAIR',
  ILLEGAL_MONTH: 'GS1_BAD_DATE',
  ILLEGAL_DAY: 'GS1_BAD_DATE',
  ILLEGAL_HOUR: 'GS1_BAD_TIME',
  ILLEGAL_MINUTE: 'GS1_BAD_TIME',
  ILLEGAL_SECOND: 'GS1_BAD_TIME',
  DATE_TOO_SHORT: 'GS1_VALUE_TOO_SHORT',
  DATE_TOO_LONG: 'GS1_VALUE_TOO_LONG',
  MMSS_INVALID_LENGTH: 'GS1_VALUE_TOO_SHORT',
};
const ourCode = (engine: string): ScanErrorCode => CODE_FOR[engine] ?? 'GS1_BAD_VALUE';

describe(`gs1-syntax-engine ${aiVectors.source.path} @ ${aiVectors.source.commit.slice(0, 8)}`, () => {
  describe('test_ai_processAIdata (element strings with FNC1)', () => {
    it.each(aiVectors.processAIdata)('$input → valid=$valid', ({ input, valid }) => {
      const r = parseElementString(fromCaret(input), { referenceDate: REF });
      expect(r.ok, r.ok ? '' : r.message).toBe(valid);
    });
  });

  describe('test_ai_parseAIdata (bracketed form)', () => {
    it.each(aiVectors.parseAIdata)('$input → valid=$valid', (v) => {
      const r = parseElementString(v.input, { referenceDate: REF });
      expect(r.ok, r.ok ? '' : r.message).toBe(v.valid);
      if (r.ok && 'expect' in v) expect(caret(r.elements)).toBe(v.expect);
    });
  });

  describe('test_ai_linters (each linter triggered through a real AI)', () => {
    it.each(aiVectors.linters)('$input → $expect', ({ input, expect: engine }) => {
      const r = parseElementString(input, { referenceDate: REF, associations: 'off' });
      if (engine === 'OK') expect(r.ok, r.ok ? '' : r.message).toBe(true);
      else {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.code, r.message).toBe(ourCode(engine));
      }
    });
    it.each(aiVectors.lintersNotImplemented)('$input ($expect) is accepted: that linter is not implemented', ({ input }) => {
      expect(parseElementString(input, { referenceDate: REF, associations: 'off' }).ok).toBe(true);
    });
  });

  describe('test_ai_validateAIassociations (duplicates, ex=, req=; strict)', () => {
    it.each(aiVectors.associations)('$input → valid=$valid', ({ input, valid }) => {
      const r = parseElementString(input, { referenceDate: REF, associations: 'strict' });
      expect(r.ok, r.ok ? '' : r.message).toBe(valid);
    });
  });

  it('test_ai_validateParity', () => {
    for (const g of aiVectors.validateParity.valid) expect(checkGtin(g).ok).toBe(true);
    for (const [g, fixed] of aiVectors.validateParity.invalid as [string, number][]) {
      const r = checkGtin(g);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.expected).toBe(fixed);
    }
  });
});

describe(`gs1-syntax-engine ${scanVectors.source.path} @ ${scanVectors.source.commit.slice(0, 8)}`, () => {
  it.each(scanVectors.processScanData)('$note $input → valid=$valid', (v) => {
    const c = classifyScan(v.input, { referenceDate: REF });
    if (!v.valid) {
      expect(c.kind === 'error' || c.kind === 'unknown', JSON.stringify(c)).toBe(true);
      return;
    }
    const expected = 'expect' in v ? v.expect! : '';
    if (expected.startsWith('DL:')) {
      const ais = expected.slice(3);
      if (ais) {
        expect(c.kind).toBe('digital-link');
        if (c.kind === 'digital-link') expect(caret(c.elements)).toBe(ais);
      } else expect(c.kind).toBe('unknown'); // mixed-case scheme: plain data, no AIs
    } else if (expected.startsWith('^')) {
      expect(c.kind, JSON.stringify(c)).toBe('gs1');
      if (c.kind === 'gs1') expect(caret(c.elements)).toBe(expected);
    } else if (expected.includes('|')) {
      // EAN/UPC + composite: the primary becomes AI (01), the composite's AIs follow.
      const [primary, cc] = expected.split('|');
      expect(c.kind).toBe('gs1');
      if (c.kind === 'gs1') {
        expect(c.gtin).toBe(primary!.padStart(14, '0'));
        expect(caret(c.elements.slice(1))).toBe(cc);
      }
    } else if (v.sym === 'EAN13' || v.sym === 'EAN8') {
      expect(c.kind).toBe('gtin');
      if (c.kind === 'gtin') expect(c.gtin14).toBe(expected.padStart(14, '0'));
    } else {
      expect(c.kind).toBe('internal');
      if (c.kind === 'internal') expect(c.text).toBe(expected);
    }
  });
});

describe(`gs1-syntax-engine ${dlVectors.source.path} @ ${dlVectors.source.commit.slice(0, 8)}`, () => {
  it.each(dlVectors.parseDLuri)('$input → valid=$valid', (v) => {
    const r = parseDigitalLink(v.input, { referenceDate: REF });
    expect(r.ok, r.ok ? '' : `${r.code}: ${r.message}`).toBe(v.valid);
    if (r.ok && 'expect' in v) expect(caret(r.elements)).toBe(v.expect);
  });
  it.each(dlVectors.permitZeroSuppressedGtin)('zero-suppressed GTIN allowed: $input', ({ input, expect: e }) => {
    const r = parseDigitalLink(input, { referenceDate: REF, permitZeroSuppressedGtin: true });
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (r.ok) expect(caret(r.elements)).toBe(e);
  });
  it.each(dlVectors.uriUnescape)('URIunescape "$input"', ({ input, path, query }) => {
    expect(uriUnescape(input, false)).toBe(path);
    expect(uriUnescape(input, true)).toBe(query);
  });
  it('URIunescape traps %00', () => {
    for (const s of dlVectors.uriUnescapeRejected) expect(uriUnescape(s, false)).toBeUndefined();
  });
});

describe('gs1-syntax-dictionary reference linter vectors', () => {
  // Date linters through real AIs: (17) is N6,yymmd0 and (7006) is N6,yymmdd.
  for (const [linter, ai] of [['yymmd0', '17'], ['yymmdd', '7006']] as const) {
    const set = linterVectors[linter];
    it.each(set.valid)(`${linter} %s passes as (${ai})`, (value) => {
      const r = parseElementString(`(${ai})${value}`, { referenceDate: REF_2021, associations: 'off' });
      expect(r.ok, r.ok ? '' : r.message).toBe(true);
    });
    it.each(set.invalid as [string, string][])(`${linter} %s fails with %s`, (value, engine) => {
      const r = parseElementString(`(${ai})${value}`, { referenceDate: REF_2021, associations: 'off' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code, r.message).toBe(ourCode(engine));
    });
  }

  it.each(linterVectors.csum.valid)('csum %s passes (as (01) or (00))', (value) => {
    const input = value.length === 18 ? `(00)${value}` : `(01)${value.padStart(14, '0')}`;
    expect(parseElementString(input, { referenceDate: REF, associations: 'off' }).ok).toBe(true);
  });
  it.each(linterVectors.csum.invalid as [string, string][])('csum "%s" fails with %s', (value, engine) => {
    const input = value.length === 18 ? `(00)${value}` : `(01)${value.padStart(14, '0')}`;
    const r = parseElementString(input, { referenceDate: REF, associations: 'off' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(ourCode(engine));
  });

  it('cset82 and cset39 membership', () => {
    for (const s of linterVectors.cset82.valid) expect(firstInvalidChar('X', s), s).toBe(-1);
    for (const s of linterVectors.cset82.invalid) expect(firstInvalidChar('X', s), JSON.stringify(s)).toBeGreaterThanOrEqual(0);
    for (const s of linterVectors.cset39.valid) expect(firstInvalidChar('Y', s), s).toBe(-1);
    for (const s of linterVectors.cset39.invalid) expect(firstInvalidChar('Y', s), JSON.stringify(s)).toBeGreaterThanOrEqual(0);
  });

  it('cset82 through a real AI: (10) rejects what the linter rejects', () => {
    for (const s of linterVectors.cset82.invalid) {
      const r = parseElementString(`(10)${s.replaceAll('(', '\\(')}`, { referenceDate: REF, associations: 'off' });
      expect(r.ok, JSON.stringify(s)).toBe(false);
    }
  });

  it.each(linterVectors.csumalpha.valid)('csumalpha %s passes', (value) => {
    expect(runLinter('csumalpha', value, '8013', REF)).toEqual({ ok: true });
  });
  it.each(linterVectors.csumalpha.invalid as [string, string][])('csumalpha "%s" fails with %s', (value, engine) => {
    // The reference linter also checks CSET 82 of the body; in our pipeline the X component check does that first.
    const body = value.slice(0, -2);
    const bodyBad = value.length >= 2 && firstInvalidChar('X', body) >= 0;
    if (bodyBad) {
      expect(engine).toBe('INVALID_CSET82_CHARACTER');
      return;
    }
    const r = runLinter('csumalpha', value, '8013', REF);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(ourCode(engine));
  });
});
