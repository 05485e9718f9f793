import { DomainError } from '../../../shared/errors';

/**
 * Stable, label-specific reasons. They travel in `details.rule` so a UI can react to one precise
 * problem, while the API-level `code` stays one of the shared codes (BAD_GTIN or VALIDATION).
 */
export type LabelRule =
  | 'BAD_GTIN'
  | 'BAD_SSCC'
  | 'BAD_LOT'
  | 'BAD_SERIAL'
  | 'BAD_DATE'
  | 'BAD_CODE'
  | 'BAD_TEXT'
  | 'BAD_WEIGHT'
  | 'BAD_SIZE'
  | 'BAD_COPIES'
  | 'BAD_QUANTITY'
  | 'NO_LINES'
  | 'BARCODE_DOES_NOT_FIT';

export class LabelError extends DomainError {
  constructor(
    readonly rule: LabelRule,
    /** The input field at fault, e.g. `gtin` or `shipTo.name`. */
    readonly field: string,
    message: string,
  ) {
    super(rule === 'BAD_GTIN' ? 'BAD_GTIN' : 'VALIDATION', message, { [field]: message }, { rule });
    this.name = 'LabelError';
  }
}

export const labelFail = (rule: LabelRule, field: string, message: string): never => {
  throw new LabelError(rule, field, message);
};
