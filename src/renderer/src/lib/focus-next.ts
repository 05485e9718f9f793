const FOCUSABLE = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Moves focus to the next field of the same form, as Tab would. Used after a scan resolves, because a
 * keyboard-wedge scanner ends with Enter and the clerk expects to land on the next field, not to submit.
 */
export function focusNext(from: HTMLElement): void {
  const scope = from.closest('form') ?? document.body;
  const all = Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null || el === from);
  const i = all.indexOf(from);
  all[i + 1]?.focus();
}
