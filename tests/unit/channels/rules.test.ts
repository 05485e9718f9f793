import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffMs, channelQuantity } from '../../../src/main/channels/rules';
import { createSecretBox, credentialsHint, redact } from '../../../src/main/channels/secrets';
import { tmpDir } from '../../helpers/core';

const rules = (r: Partial<Parameters<typeof channelQuantity>[1]> = {}) => ({ sharePct: 100, maxQty: null, floorQty: 0, keepBack: 0, safetyBuffer: 0, ...r });

describe('channel quantity rules', () => {
  it('offers everything available by default and never a negative quantity', () => {
    expect(channelQuantity(7, rules(), false)).toBe(7);
    expect(channelQuantity(0, rules(), false)).toBe(0);
    expect(channelQuantity(-3, rules(), false)).toBe(0);
  });

  it('takes the share rounded down (90 % of 1 is 0, 50 % of 5 is 2)', () => {
    expect(channelQuantity(1, rules({ sharePct: 90 }), false)).toBe(0);
    expect(channelQuantity(5, rules({ sharePct: 50 }), false)).toBe(2);
    expect(channelQuantity(10, rules({ sharePct: 0 }), false)).toBe(0);
  });

  it('subtracts the safety buffer and the keep-back before the share, keep-back only on other channels', () => {
    // (20 − 2 − 6) × 50 % = 6
    expect(channelQuantity(20, rules({ safetyBuffer: 2, keepBack: 6, sharePct: 50 }), false)).toBe(6);
    // the own webshop keeps the kept-back units: (20 − 2) × 50 % = 9
    expect(channelQuantity(20, rules({ safetyBuffer: 2, keepBack: 6, sharePct: 50 }), true)).toBe(9);
    expect(channelQuantity(3, rules({ keepBack: 5 }), false)).toBe(0);
  });

  it('caps at the maximum, then pushes 0 at or below the floor', () => {
    expect(channelQuantity(50, rules({ maxQty: 10 }), false)).toBe(10);
    expect(channelQuantity(3, rules({ floorQty: 3 }), false)).toBe(0);
    expect(channelQuantity(4, rules({ floorQty: 3 }), false)).toBe(4);
    // the floor applies to the capped quantity
    expect(channelQuantity(50, rules({ maxQty: 2, floorQty: 2 }), false)).toBe(0);
  });

  it('backs off exponentially with full jitter up to the cap', () => {
    expect(backoffMs(1, () => 0.999999)).toBe(1999);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(40, () => 0.999999)).toBe(899_999);
    expect(backoffMs(5, () => 0)).toBe(0);
  });
});

describe('channel credentials at rest', () => {
  it('seals with AES-256-GCM under a 0600 key file beside the database and opens them again', () => {
    const file = path.join(tmpDir(), 'stockroom.db');
    const box = createSecretBox(file);
    const secret = { accessToken: 'shpat_0123456789abcdef0123456789abcdef' };
    const blob = box.seal(secret);
    expect(blob.includes(Buffer.from('shpat_0123456789'))).toBe(false);
    expect(fs.statSync(`${file}.key`).mode & 0o777).toBe(0o600);
    // A second box (another start of the app) reads the same key file.
    expect(createSecretBox(file).open(blob)).toEqual(secret);
    // Another key cannot open it.
    expect(() => createSecretBox(path.join(tmpDir(), 'other.db')).open(blob)).toThrow(/cannot be decrypted/);
  });

  it('hints without revealing, and redacts secrets and authorization values from messages', () => {
    expect(credentialsHint({ accessToken: 'shpat_0123456789abcdef' })).toBe('accessToken shpa…');
    expect(credentialsHint({ pin: '1234' })).toBe('pin set');
    const creds = { consumerKey: 'ck_abcdef123456', consumerSecret: 'cs_zyxwvu987654' };
    const msg = redact('401 for ck_abcdef123456 with Authorization: Basic Y2tfYWJjZGVmMTIzNDU2OmNzX3p5eHd2dTk4NzY1NA== and cs_zyxwvu987654', creds);
    expect(msg).not.toContain('ck_abcdef123456');
    expect(msg).not.toContain('cs_zyxwvu987654');
    expect(msg).not.toContain('Y2tfYWJj');
    expect(msg).toContain('[redacted]');
  });
});
