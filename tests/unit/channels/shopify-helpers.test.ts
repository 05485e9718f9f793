import { describe, expect, it } from 'vitest';
import { decimalToMinor, parseShopifyRef, shopifyRef, shopifyRequestKey } from '../../../src/main/channels/connectors/shopify';

describe('Shopify connector helpers', () => {
  it('parses listing refs and refuses anything else', () => {
    const ref = shopifyRef('gid://shopify/InventoryItem/12', 'gid://shopify/Location/7');
    expect(ref).toBe('gid://shopify/InventoryItem/12@gid://shopify/Location/7');
    expect(parseShopifyRef(ref)).toEqual({ item: 'gid://shopify/InventoryItem/12', location: 'gid://shopify/Location/7' });
    expect(parseShopifyRef('gid://shopify/InventoryItem/12')).toBeNull();
    expect(parseShopifyRef('gid://shopify/ProductVariant/12@gid://shopify/Location/7')).toBeNull();
    expect(parseShopifyRef('p:12')).toBeNull();
  });

  it('converts Shopify decimals to minor units by currency', () => {
    expect(decimalToMinor('12.50', 'GBP')).toBe(1250);
    expect(decimalToMinor('12.5', 'EUR')).toBe(1250);
    expect(decimalToMinor('12.0', 'USD')).toBe(1200);
    expect(decimalToMinor('1200.0', 'JPY')).toBe(1200);
    expect(decimalToMinor('1.234', 'KWD')).toBe(1234);
    expect(decimalToMinor('0.10000', 'GBP')).toBe(10);
    expect(decimalToMinor('12.505', 'GBP')).toBeNull();
    expect(decimalToMinor('abc', 'GBP')).toBeNull();
    expect(decimalToMinor(7, 'GBP')).toBe(700);
  });

  it('derives one request key per batch content, independent of op order', () => {
    const a = { ref: 'r1', quantity: 3, expected: 5, idempotencyKey: 'k1' };
    const b = { ref: 'r2', quantity: 0, expected: null, idempotencyKey: 'k2' };
    const key = shopifyRequestKey([a, b]);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(shopifyRequestKey([b, a])).toBe(key);
    expect(shopifyRequestKey([a])).not.toBe(key);
    expect(shopifyRequestKey([{ ...a, expected: 4 }, b])).not.toBe(key);
    expect(shopifyRequestKey([a, b], 1)).not.toBe(key);
  });
});
