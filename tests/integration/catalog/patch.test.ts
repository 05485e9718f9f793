import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';

let c: TestCore | undefined;
afterEach(() => c?.close());

describe('patches change only what they name', () => {
  it('catalog.update with one field leaves cost, price, currency, unit, tracking and category as they were', () => {
    c = makeCore();
    const item = c.ok('catalog.create', {
      sku: 'MUG-1',
      name: 'Mug',
      category: 'Kitchen',
      unit: 'box',
      costMinor: 250,
      priceMinor: 600,
      currency: 'EUR',
      tracking: 'lot',
      description: 'Stoneware',
    });
    const after = c.ok('catalog.update', { id: item.id, patch: { name: 'Blue mug' } });
    expect(after.name).toBe('Blue mug');
    expect({ ...after, name: item.name, updatedAt: item.updatedAt }).toEqual(item);
    const got = c.ok('catalog.get', { id: item.id }).item;
    expect([got.costMinor, got.priceMinor, got.currency, got.unit, got.tracking, got.category, got.description]).toEqual([
      250,
      600,
      'EUR',
      'box',
      'lot',
      'Kitchen',
      'Stoneware',
    ]);
  });

  it('settings.update with one field leaves the others', () => {
    c = makeCore();
    const before = c.ok('settings.get', {});
    c.ok('settings.update', { companyName: 'Acme Ltd' });
    const after = c.ok('settings.get', {});
    expect(after).toEqual({ ...before, companyName: 'Acme Ltd' });
  });
});
