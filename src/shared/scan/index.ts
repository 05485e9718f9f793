/** Scan pipeline: AIM ids, GS1 element strings, Digital Link URIs and scan classification. Pure TS. */
export { AI_TABLE, lookupAi, type AiEntry, type AiComponent } from './ai-table';
export { describeAim, splitAim, type AimInfo, type Symbology } from './aim';
export { resolveYear } from './gs1-dates';
export { GS, parseElementString, toBracketed, toElementString } from './element-string';
export { parseDigitalLink, uriUnescape, type DigitalLinkOptions, type DigitalLinkResult } from './digital-link';
export {
  classifyScan,
  summarize,
  DEFAULT_INTERNAL_PREFIXES,
  type ClassifyOptions,
  type Gs1Summary,
  type InternalPrefix,
  type InternalType,
  type ScanClass,
  type ScanKind,
} from './classify';
export {
  SCAN_ERROR_CODES,
  type Gs1Element,
  type Gs1Warning,
  type Measure,
  type ParseOptions,
  type ParseResult,
  type ScanError,
  type ScanErrorCode,
} from './types';
