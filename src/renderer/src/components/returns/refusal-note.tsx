import type { ApiError } from '../../../../shared/errors';
import { FormError } from '../form-error';

/**
 * The refusal above a form's buttons, unless it is only a schema complaint about fields the form already shows next
 * to them (then the same words twice would be noise).
 */
export function RefusalNote({ error, shownFields }: { error: ApiError | undefined; shownFields: string[] }) {
  const fields = Object.keys(error?.fields ?? {});
  if (error?.code === 'VALIDATION' && fields.length > 0 && fields.every((f) => shownFields.includes(f))) return null;
  return <FormError error={error} shownFields={shownFields} />;
}
