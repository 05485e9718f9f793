import { Center, Code, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

/** Shown instead of the app when the hub has no session for this browser. */
export function UnauthorizedPage() {
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" radius="md" p="xl" maw={520}>
        <Stack align="center" gap="md">
          <ThemeIcon size={56} radius="xl" variant="light">
            <IconLock size={30} />
          </ThemeIcon>
          <Title order={2} ta="center">
            Not signed in to this Stockroom hub
          </Title>
          <Text ta="center" data-testid="unauthorized-message">
            Open the sign-in link printed by <Code>npm run serve</Code>.
          </Text>
          <Text size="sm" c="dimmed" ta="center">
            It looks like <Code>http://127.0.0.1:PORT/signin?code=…</Code> and is shown in the terminal where the hub was started. The link
            signs this browser in and brings you back here.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}
