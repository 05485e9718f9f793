import { IconAlertOctagonFilled, IconCircleCheckFilled, IconRepeat, IconScan } from '@tabler/icons-react';
import type { CountFeedback } from './use-count-screen';

const ICONS = { good: IconCircleCheckFilled, warn: IconRepeat, bad: IconAlertOctagonFilled, idle: IconScan } as const;

/** The last scan's answer, big enough to read from the shelf: green taken, orange recount, red refused (nothing changed). */
export function CountFeedbackPanel({ feedback }: { feedback: CountFeedback }) {
  const Icon = ICONS[feedback.tone];
  return (
    // Keyed by seq: the same refusal twice shakes again.
    <div key={feedback.seq} className="count-feedback" data-tone={feedback.tone} role={feedback.tone === 'bad' ? 'alert' : 'status'} data-testid="count-feedback" data-code={feedback.code ?? ''}>
      <Icon size={56} style={{ flex: 'none' }} />
      <div style={{ minWidth: 0 }}>
        <div className="count-feedback-title" data-testid="count-feedback-title">
          {feedback.title}
          {feedback.tone === 'bad' ? ' · nothing was changed' : ''}
        </div>
        <div className="count-feedback-message" data-testid="count-feedback-message">
          {feedback.message}
        </div>
      </div>
    </div>
  );
}
