import type { Core } from '../core/core';
import { emptySummary, seedDemo, type SeedOptions, type SeedSummary } from './seed';

export { DemoClock } from './demo-clock';
export { DEMO_FILE_NAME, loadDemoFile, resolveDemoFile, type DemoFile } from './demo-file';
export { demoGtin, seedDemo, type SeedOptions, type SeedSummary } from './seed';

/**
 * What a host calls when started with --demo: seeds an empty database, leaves one with data alone, and never
 * throws (a broken or missing demo file must not stop the app from starting); the summary says what happened.
 */
export function maybeSeedDemo(core: Core, opts: SeedOptions = {}): SeedSummary {
  try {
    return seedDemo(core, opts);
  } catch (e) {
    return emptySummary(`the demo seed failed and was rolled back: ${(e as Error).message}`);
  }
}
