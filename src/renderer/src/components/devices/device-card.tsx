import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One device of the station: its status at the top, what it can do now, and its assignment form below. */
export function DeviceCard({ title, badge, message, children, form, testId }: { title: string; badge: ReactNode; message?: string | undefined; children?: ReactNode; form: ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="lg" data-testid={testId}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>{title}</Title>
          {badge}
        </Group>
        {message ? (
          <Text size="sm" c="dimmed" data-testid={`${testId}-message`}>
            {message}
          </Text>
        ) : null}
        {children}
        <Divider label="Assignment for this station" labelPosition="left" mt={4} />
        {form}
      </Stack>
    </Paper>
  );
}
