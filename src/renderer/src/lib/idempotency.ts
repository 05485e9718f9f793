/**
 * A fresh idempotency key. crypto.randomUUID exists only in secure contexts, and a handheld on the LAN
 * reaches the hub over plain http://192.168…, so fall back to getRandomValues, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
