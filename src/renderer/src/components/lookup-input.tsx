import { Loader, TextInput } from '@mantine/core';
import { useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { focusNext } from '../lib/focus-next';

export type Resolved<T> = { value: T } | { error: string };

export interface LookupHandle<T> {
  /** Resolves whatever is typed now (a submit may come before blur finished resolving); null if nothing valid. */
  resolveNow(): Promise<T | null>;
  focus(): void;
}

interface Props<T> {
  label: string;
  placeholder?: string;
  autoFocus?: boolean;
  /** An error from the API for this field; shown unless the user has changed the field since. */
  error?: string;
  value: T | null;
  onChange: (value: T | null) => void;
  /** Text shown in the input for a value set from outside (prefill, a click on a suggestion). */
  display: (value: T) => string;
  /** One line under the input once resolved, so the clerk sees what the code meant. */
  describe: (value: T) => ReactNode;
  resolve: (code: string) => Promise<Resolved<T>>;
  leftSection?: ReactNode;
  ref?: Ref<LookupHandle<T>>;
  testId?: string;
}

/**
 * A field that takes a typed or scanned code and resolves it to a record (an item, a bin).
 * Enter resolves and moves to the next field instead of submitting: a wedge scanner ends every scan with Enter.
 */
export function LookupInput<T>(p: Props<T>) {
  const [text, setText] = useState(p.value ? p.display(p.value) : '');
  const [localError, setLocalError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const resolvedText = useRef<string | null>(p.value ? p.display(p.value) : null);
  const { value, display, onChange, resolve } = p;

  // A value set from outside (prefill, suggestion click) shows its code in the input.
  useEffect(() => {
    if (value && resolvedText.current !== display(value)) {
      const t = display(value);
      resolvedText.current = t;
      setText(t);
      setLocalError(undefined);
    }
    // Cleared from outside (the form reset for the next line): the typed code goes too. Edits by the user
    // forget resolvedText before clearing the value, so they do not land here.
    if (!value && resolvedText.current !== null) {
      resolvedText.current = null;
      setText('');
    }
  }, [value, display]);

  const run = async (code: string): Promise<T | null> => {
    const c = code.trim();
    if (!c) return null;
    if (value && resolvedText.current === c) return value;
    setBusy(true);
    const r = await resolve(c);
    setBusy(false);
    if ('error' in r) {
      setLocalError(r.error);
      resolvedText.current = null;
      onChange(null);
      return null;
    }
    resolvedText.current = display(r.value);
    setText(display(r.value));
    setLocalError(undefined);
    onChange(r.value);
    return r.value;
  };

  useImperativeHandle(p.ref, () => ({ resolveNow: () => run(text), focus: () => input.current?.focus() }));

  return (
    <TextInput
      ref={input}
      label={p.label}
      placeholder={p.placeholder}
      autoFocus={p.autoFocus}
      // Inside a Modal the focus trap picks [data-autofocus], not the autofocus attribute.
      data-autofocus={p.autoFocus || undefined}
      autoComplete="off"
      spellCheck={false}
      value={text}
      leftSection={p.leftSection}
      rightSection={busy ? <Loader size={14} /> : undefined}
      error={localError ?? p.error}
      description={value && !localError ? p.describe(value) : undefined}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      data-testid={p.testId}
      onChange={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        setLocalError(undefined);
        if (value && t.trim() !== resolvedText.current) {
          resolvedText.current = null;
          onChange(null);
        }
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        const el = e.currentTarget;
        void run(text).then((v) => {
          if (v) focusNext(el);
        });
      }}
      onBlur={() => {
        if (text.trim() && !(value && resolvedText.current === text.trim())) void run(text);
      }}
    />
  );
}
