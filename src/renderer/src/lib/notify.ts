import { notifications } from '@mantine/notifications';
import type { OperationResult } from '../../../shared/api';

export function notifySuccess(title: string, message: string): void {
  notifications.show({ title, message, color: 'teal', autoClose: 6000 });
}

/** A replayed idempotency key means the first submission already went through; say so rather than "done" twice. */
export function notifyOperation(r: OperationResult, title: string, message: string): void {
  if (r.replayed) notifications.show({ title: 'Already recorded', message: `${message} (this was recorded before; nothing new was written)`, color: 'yellow' });
  else notifySuccess(title, message);
}
