/**
 * The focused text field's value and selection, taken when a keystroke burst starts, so that a burst that turns out
 * to be a scan can be taken back out of the field. Restoring goes through the native value setter and an input event
 * because React tracks the value it last rendered and would otherwise ignore (and later overwrite) the change.
 */
export interface FieldSnapshot {
  el: HTMLInputElement | HTMLTextAreaElement;
  value: string;
  start: number | null;
  end: number | null;
}

// Types whose value is free text; checkboxes, dates and the like never receive a burst as characters.
const TEXT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

function focusedTextField(): HTMLInputElement | HTMLTextAreaElement | null {
  const el = document.activeElement;
  if (el instanceof HTMLTextAreaElement) return el.readOnly || el.disabled ? null : el;
  if (el instanceof HTMLInputElement && TEXT_TYPES.has(el.type)) return el.readOnly || el.disabled ? null : el;
  return null;
}

/** Reading selection of some input types (number) throws; they have none to restore. */
function selection(el: HTMLInputElement | HTMLTextAreaElement): [number | null, number | null] {
  try {
    return [el.selectionStart, el.selectionEnd];
  } catch {
    return [null, null];
  }
}

export function snapshotFocusedField(): FieldSnapshot | null {
  const el = focusedTextField();
  if (!el) return null;
  const [start, end] = selection(el);
  return { el, value: el.value, start, end };
}

/** Whether the burst's characters went into the field since the snapshot. */
export const fieldChanged = (s: FieldSnapshot | null): s is FieldSnapshot => s !== null && s.el.isConnected && s.el.value !== s.value;

export function restoreField(s: FieldSnapshot): void {
  const proto = s.el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(s.el, s.value);
  s.el.dispatchEvent(new Event('input', { bubbles: true }));
  if (s.start !== null && s.end !== null) {
    try {
      s.el.setSelectionRange(s.start, s.end);
    } catch {
      // The field type lost selection support meanwhile; the value is what matters.
    }
  }
}
