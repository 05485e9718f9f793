import { Button, Group, Kbd, Text } from '@mantine/core';

/** Submit and cancel, with the keys that do the same, so the keyboard route is discoverable. */
export function FormActions({ submitLabel, submitting, onCancel, cancelLabel = 'Cancel' }: { submitLabel: string; submitting: boolean; onCancel?: () => void; cancelLabel?: string }) {
  return (
    <Group justify="space-between" mt="xs">
      <Text size="xs" c="dimmed">
        <Kbd size="xs">Enter</Kbd> saves{onCancel ? <> · <Kbd size="xs">Esc</Kbd> {cancelLabel.toLowerCase()}</> : null}
      </Text>
      <Group gap="sm">
        {onCancel ? (
          <Button variant="default" onClick={onCancel} disabled={submitting}>
            {cancelLabel}
          </Button>
        ) : null}
        <Button type="submit" loading={submitting} data-testid="form-submit">
          {submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
