import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareWeights,
  convertWeight,
  formatWeight,
  parseWeight,
  toGramsString,
  toMicrograms,
  toMilligrams,
  unitFromText,
  weightFromJson,
  weightFromMantissa,
  weightToJson,
  weightValueString,
  weightsWithin,
  type Weight,
} from '../../../../src/shared/units';

const w = (text: string, unit: Weight['unit']): Weight => {
  const r = parseWeight(text, unit);
  if (!r) throw new Error(`bad test weight ${text}`);
  return r;
};

describe('units: parsing keeps the scale resolution', () => {
  it('parses padded, signed decimals exactly', () => {
    expect(parseWeight('   100.00', 'g')).toEqual({ amount: 10000n, decimals: 2, unit: 'g' });
    expect(parseWeight('-0.256', 'kg')).toEqual({ amount: -256n, decimals: 3, unit: 'kg' });
    expect(parseWeight('+001.25', 'lb')).toEqual({ amount: 125n, decimals: 2, unit: 'lb' });
    expect(parseWeight('- 1.5', 'oz')).toEqual({ amount: -15n, decimals: 1, unit: 'oz' });
    expect(parseWeight('.5', 'oz')).toEqual({ amount: 5n, decimals: 1, unit: 'oz' });
    expect(parseWeight('12', 'g')).toEqual({ amount: 12n, decimals: 0, unit: 'g' });
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['', ' ', '1.2.3', '1e3', 'abc', '^^^^^^', '0x10', '1,5', '1234567890123456']) {
      expect(parseWeight(bad, 'g'), bad).toBeNull();
    }
  });

  it('maps unit texts as scales print them', () => {
    expect(unitFromText('KG')).toBe('kg');
    expect(unitFromText(' lbs ')).toBe('lb');
    expect(unitFromText('oz')).toBe('oz');
    expect(unitFromText('g')).toBe('g');
    expect(unitFromText('furlong')).toBeNull();
  });
});

describe('units: exact conversion', () => {
  it('uses the exact definitions of lb and oz', () => {
    expect(toGramsString(w('1', 'lb'))).toBe('453.59237');
    expect(toGramsString(w('1', 'oz'))).toBe('28.349523125');
    expect(toGramsString(w('9.0', 'oz'))).toBe('255.145708125');
    expect(toGramsString(w('0.1', 'oz'))).toBe('2.8349523125');
    expect(toGramsString(w('1.250', 'kg'))).toBe('1250');
    expect(toGramsString(w('-0.256', 'kg'))).toBe('-256');
    expect(toGramsString(w('1', 'ozt'))).toBe('31.1034768');
    expect(toGramsString(w('5', 'ct'))).toBe('1');
  });

  it('has no float drift where floats have it', () => {
    // 0.1 + 0.2 style trap: 3 × 0.1 oz must equal 0.3 oz exactly.
    const tenth = toMicrograms(w('0.1', 'oz'));
    expect(toMicrograms(w('0.3', 'oz'))).toBe(tenth * 3n + 1n); // 850485.69375 µg rounds up, 283495.23125 down
    expect(compareWeights(w('16', 'oz'), w('1', 'lb'))).toBe(0);
    expect(compareWeights(w('1.000', 'lb'), w('453.592', 'g'))).toBe(1);
    expect(compareWeights(w('1.000', 'lb'), w('453.593', 'g'))).toBe(-1);
    expect(compareWeights(w('1000', 'g'), w('1.000', 'kg'))).toBe(0);
  });

  it('rounds to integer milligrams half away from zero, or half even', () => {
    expect(toMilligrams(w('1', 'oz'))).toBe(28350); // 28349.523125
    expect(toMilligrams(w('1', 'lb'))).toBe(453592); // 453592.37
    expect(toMilligrams(w('-1', 'lb'))).toBe(-453592);
    expect(toMilligrams(w('0.0005', 'g'))).toBe(1);
    expect(toMilligrams(w('-0.0005', 'g'))).toBe(-1);
    expect(toMilligrams(w('0.0005', 'g'), 'half-even')).toBe(0);
    expect(toMilligrams(w('0.0015', 'g'), 'half-even')).toBe(2);
    expect(toMilligrams(w('100.00', 'g'))).toBe(100000);
  });

  it('converts into another unit at a chosen resolution', () => {
    expect(convertWeight(w('1000', 'g'), 'lb', 3)).toEqual({ amount: 2205n, decimals: 3, unit: 'lb' }); // 2.20462…
    expect(convertWeight(w('1', 'lb'), 'oz', 0)).toEqual({ amount: 16n, decimals: 0, unit: 'oz' });
    expect(convertWeight(w('1.5', 'lb'), 'g', 2)).toEqual({ amount: 68039n, decimals: 2, unit: 'g' }); // 680.388555 → 680.39
    expect(convertWeight(w('1', 'kg'), 'g', 1)).toEqual({ amount: 10000n, decimals: 1, unit: 'g' });
  });

  it('formats in the scale unit and decimals, or converted', () => {
    expect(formatWeight(w('1.250', 'kg'))).toBe('1.250 kg');
    expect(formatWeight(w('-0.05', 'kg'))).toBe('-0.05 kg');
    expect(formatWeight(w('9.0', 'oz'))).toBe('9.0 oz');
    expect(formatWeight(w('1.250', 'kg'), { unit: 'lb', decimals: 2 })).toBe('2.76 lb');
    expect(formatWeight(w('2', 'lb'), { unit: 'g', decimals: 1 })).toBe('907.2 g');
    expect(weightValueString(weightFromMantissa(90, -1, 'oz'))).toBe('9.0');
    expect(weightValueString(weightFromMantissa(12, 2, 'g'))).toBe('1200');
    expect(weightValueString(weightFromMantissa(5, -3, 'kg'))).toBe('0.005');
  });

  it('compares within a tolerance exactly', () => {
    expect(weightsWithin(w('100.00', 'g'), w('100.02', 'g'), w('0.02', 'g'))).toBe(true);
    expect(weightsWithin(w('100.00', 'g'), w('100.03', 'g'), w('0.02', 'g'))).toBe(false);
    expect(weightsWithin(w('1', 'lb'), w('453.59', 'g'), w('0.01', 'g'))).toBe(true);
  });

  it('round-trips JSON', () => {
    const x = w('-12.340', 'kg');
    expect(weightFromJson(weightToJson(x))).toEqual(x);
    expect(weightToJson(x)).toEqual({ value: '-12.340', unit: 'kg', decimals: 3 });
  });

  it('property: value text round-trips and g→lb→g stays within half a display digit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }), (amount, decimals) => {
        const x: Weight = { amount, decimals, unit: 'g' };
        expect(parseWeight(weightValueString(x), 'g')).toEqual(x);
        const lb = convertWeight(x, 'lb', decimals + 3);
        const back = convertWeight(lb, 'g', decimals);
        const diff = back.amount - amount;
        expect(diff >= -1n && diff <= 1n).toBe(true);
      }),
    );
  });
});
