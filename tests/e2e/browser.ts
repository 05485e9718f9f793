import type { Page } from '@playwright/test';

/** Calls the hub's API with the page's signed-in cookie; throws with the error code when the core refuses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function api(page: Page, hubUrl: string, method: string, input: unknown): Promise<any> {
  const res = await page.request.post(`${hubUrl}/api/${method}`, { data: input });
  const body = await res.json();
  if (!body.ok) throw new Error(`${method}: ${body.error.code} ${body.error.message}`);
  return body.value;
}

/** Gap between a wedge scanner's keys. */
export const SCANNER_GAP_MS = 5;

/**
 * Types like a keyboard-wedge scanner: the keys, then Enter, stamped `gapMs` apart. The stamps matter: the OS stamps
 * a real scanner's keys as they arrive, a few ms apart however busy the page is, and the detector reads
 * KeyboardEvent.timeStamp. page.keyboard's keys are stamped only when the renderer takes them, after the previous key
 * was rendered: on a loaded 2-core machine that measured gaps up to 47 ms at delay 5, which would test the machine's
 * load rather than the detector. So the keys go through the DevTools protocol with the timestamps a scanner would
 * give them (each key is still delivered and handled one after another, as typing is).
 */
export async function scanKeys(page: Page, text: string, gapMs = SCANNER_GAP_MS): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const t0 = Date.now() / 1000;
  const at = (i: number) => t0 + (i * gapMs) / 1000;
  const keys = [...text];
  for (const [i, ch] of keys.entries()) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch, timestamp: at(i) });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, timestamp: at(i) + 0.001 });
  }
  const enter = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...enter, text: '\r', unmodifiedText: '\r', timestamp: at(keys.length) });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter, timestamp: at(keys.length) + 0.001 });
  await cdp.detach();
}
