import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/errors';
import { FormError } from '../form-error';

/** Asks for the reason before a cancel or a close: the reason is kept on the PO for whoever looks at it later. */
export function PoReasonModal(p: {
  opened: boolean;
  title: string;
  explanation: string;
  confirmLabel: string;
  required: boolean;
  submitting: boolean;
  error: ApiError | undefined;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (p.required && !reason.trim()) return setMissing(true);
    p.onConfirm(reason.trim());
  };
  return (
    <Modal opened={p.opened} onClose={p.onClose} title={p.title}>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{p.explanation}</Text>
          <FormError error={p.error} shownFields={['reason']} />
          <Textarea
            label="Reason"
            data-autofocus
            required={p.required}
            autosize
            minRows={2}
            value={reason}
            error={missing ? 'Give a reason' : p.error?.fields?.reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            data-testid="reason-input"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={p.onClose}>
              Back
            </Button>
            <Button type="submit" color="red" loading={p.submitting} data-testid="reason-confirm">
              {p.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
