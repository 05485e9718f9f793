import { describe, expect, it } from 'vitest';
import type { ChannelRules } from '../../../src/shared/api/channels';
import { exampleQuantity, healthOf, interval, relative, rulesSentence } from '../../../src/renderer/src/components/channels/channel-format';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();

describe('channels page: the rules example', () => {
  it('says the brief’s example: 60 % of 7 rounded down is 4; floor 1 makes 1 unit show 0', () => {
    const r: ChannelRules = { sharePct: 60, maxQty: null, floorQty: 1, keepBack: 0, safetyBuffer: 0 };
    expect(exampleQuantity(7, r, false)).toBe(4);
    expect(exampleQuantity(2, r, false)).toBe(0);
    expect(rulesSentence(r, false)).toBe('60 % of available, 0 at or below 1');
    expect(rulesSentence({ ...r, sharePct: 100, floorQty: 0, keepBack: 3, maxQty: 20, safetyBuffer: 2 }, false)).toBe(
      'all of available, minus 2 safety, minus 3 kept for the own webshop, at most 20',
    );
    // The own webshop keeps the kept-back units: they are not mentioned there.
    expect(rulesSentence({ ...r, sharePct: 100, floorQty: 0, keepBack: 3 }, true)).toBe('all of available');
  });
});

describe('channels page: health and times', () => {
  it('puts a running cycle and a switched-off channel before the stored state', () => {
    expect(healthOf({ state: 'ok', busy: false, enabled: true })).toBe('healthy');
    expect(healthOf({ state: 'ok', busy: true, enabled: true })).toBe('syncing');
    expect(healthOf({ state: 'error', busy: false, enabled: true })).toBe('error');
    expect(healthOf({ state: 'error', busy: false, enabled: false })).toBe('disabled');
    expect(healthOf({ state: 'backoff', busy: false, enabled: true })).toBe('retrying');
    expect(healthOf({ state: 'offline', busy: false, enabled: true })).toBe('offline');
    expect(healthOf({ state: 'idle', busy: false, enabled: true })).toBe('new');
  });

  it('never says a past event is in the future (the page clock may lag), but plans are', () => {
    expect(relative(null, NOW)).toBe('never');
    expect(relative(ago(1), NOW)).toBe('just now');
    expect(relative(ago(-4), NOW)).toBe('just now');
    expect(relative(ago(-30), NOW, true)).toBe('in 30 s');
    expect(relative(ago(12), NOW)).toBe('12 s ago');
    expect(relative(ago(300), NOW)).toBe('5 min ago');
    expect(relative(ago(3 * 3600), NOW)).toBe('3 h ago');
    expect(relative(ago(3 * 86_400), NOW)).not.toMatch(/ago|in /);
    expect(interval(45)).toBe('45 s');
    expect(interval(60)).toBe('1 min');
    expect(interval(90)).toBe('1 min 30 s');
    expect(interval(5400)).toBe('1 h 30 min');
  });
});
