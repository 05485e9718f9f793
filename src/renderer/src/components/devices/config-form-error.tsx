import type { ApiError } from '../../../../shared/errors';
import { FormError } from '../form-error';

/**
 * Above a station-assignment form: when every field error is already shown next to its field, one line says so
 * (the API's own message, "printer.host: …", repeats a field path a person does not need); anything else in full.
 */
export function ConfigFormError({ error, shownFields }: { error: ApiError | undefined; shownFields: string[] }) {
  if (!error) return null;
  const fields = Object.keys(error.fields ?? {});
  if (error.code === 'VALIDATION' && fields.length && fields.every((f) => shownFields.includes(f))) {
    const n = fields.length;
    return <FormError error={{ ...error, message: n === 1 ? 'One field needs attention: see below.' : `${n} fields need attention: see below.` }} shownFields={shownFields} />;
  }
  return <FormError error={error} shownFields={shownFields} />;
}
