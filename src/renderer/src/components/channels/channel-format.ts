import { useEffect, useState } from 'react';
import type { ChannelKind, ChannelRules, ChannelSummary } from '../../../../shared/api/channels';
import { formatDateTime } from '../../lib/format';
import { channelQuantity } from '../../../../shared/channel-rules';

export const KIND_LABEL: Record<ChannelKind, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', file: 'File feed' };

/**
 * What a person reads on the badge. A running cycle wins over the stored state (the stored state is the outcome of
 * the last one); a disabled channel says so whatever its last outcome was.
 */
export type ChannelHealth = 'healthy' | 'syncing' | 'retrying' | 'offline' | 'error' | 'disabled' | 'new';

export function healthOf(c: Pick<ChannelSummary, 'state' | 'busy' | 'enabled'>): ChannelHealth {
  if (!c.enabled || c.state === 'disabled') return 'disabled';
  if (c.busy) return 'syncing';
  switch (c.state) {
    case 'ok':
      return 'healthy';
    case 'idle':
      return 'new';
    case 'backoff':
      return 'retrying';
    case 'offline':
      return 'offline';
    case 'error':
      return 'error';
  }
}

export const HEALTH_VIEW: Record<ChannelHealth, { color: string; label: string }> = {
  healthy: { color: 'teal', label: 'Healthy' },
  syncing: { color: 'blue', label: 'Syncing' },
  retrying: { color: 'orange', label: 'Retrying' },
  offline: { color: 'red', label: 'Offline' },
  error: { color: 'red', label: 'Error' },
  disabled: { color: 'gray', label: 'Sync off' },
  new: { color: 'gray', label: 'Not synced yet' },
};

export const ERROR_KIND_LABEL: Record<NonNullable<ChannelSummary['lastError']>['kind'], string> = {
  auth: 'Credentials refused',
  throttled: 'Rate limited',
  unavailable: 'Unreachable',
  malformed: 'Unreadable answer',
  rejected: 'Refused',
  config: 'Configuration',
};

/** Re-renders every `ms` so "12 s ago" and "in 30 s" stay true while the page is open. */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/**
 * "just now", "12 s ago", "5 min ago", "3 h ago", else the date; "in 30 s" for the future (`future`: a planned time).
 * A past event never reads "in 3 s": the page's clock ticks every few seconds, so it may lag the event it shows.
 */
export function relative(iso: string | null, now: number, future = false): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = future ? Math.round((now - t) / 1000) : Math.max(0, Math.round((now - t) / 1000));
  const a = Math.abs(d);
  const span = a < 60 ? `${a} s` : a < 3600 ? `${Math.round(a / 60)} min` : a < 86_400 ? `${Math.round(a / 3600)} h` : null;
  if (span === null) return formatDateTime(iso);
  if (a < 3) return 'just now';
  return d >= 0 ? `${span} ago` : `in ${span}`;
}

/** "60 s", "5 min", "1 h 30 min". */
export function interval(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return seconds % 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds / 60} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.round((seconds % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** One line that says what the rules do, for the card and the rules form. */
export function rulesSentence(r: ChannelRules, isOwnWebshop: boolean): string {
  const parts: string[] = [];
  parts.push(r.sharePct === 100 ? 'all of available' : `${r.sharePct} % of available`);
  if (r.safetyBuffer) parts.push(`minus ${r.safetyBuffer} safety`);
  if (r.keepBack && !isOwnWebshop) parts.push(`minus ${r.keepBack} kept for the own webshop`);
  if (r.maxQty !== null) parts.push(`at most ${r.maxQty}`);
  if (r.floorQty) parts.push(`0 at or below ${r.floorQty}`);
  return parts.join(', ');
}

/** What a channel shows for a given available quantity: the core's own formula (src/shared/channel-rules.ts). */
export const exampleQuantity = channelQuantity;
