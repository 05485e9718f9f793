import type { ReactNode } from 'react';

/**
 * The form frame every keyboard-first ledger form shares: Enter submits (the browser's own submit, so it works from
 * any field), Esc clears for the next line when the form lives on a page rather than in a modal.
 */
export function KeyboardForm(props: { label: string; testId: string; onSubmit: () => void | Promise<void>; onEscape?: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && props.onEscape) {
          e.preventDefault();
          props.onEscape();
        }
      }}
      aria-label={props.label}
      data-testid={props.testId}
    >
      {props.children}
    </form>
  );
}
