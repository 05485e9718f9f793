import { Badge, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { AREAS, GROUPS, areaFor } from '../lib/areas';
import { href } from '../hooks/use-route';

/** Every area of the product, built or not, so users see where the app is going. */
export function NavMenu({ path, onNavigate }: { path: string; onNavigate: () => void }) {
  const current = areaFor(path);
  return (
    <ScrollArea type="scroll" h="100%">
      <Stack gap="md" p="sm">
        {GROUPS.map((g) => (
          <div key={g}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
              {g}
            </Text>
            {AREAS.filter((a) => a.group === g).map((a) => (
              <NavLink
                key={a.path}
                href={href(a.path)}
                label={a.label}
                leftSection={<a.icon size={18} stroke={1.6} />}
                rightSection={
                  a.built ? undefined : (
                    <Badge size="xs" variant="light" color="gray">
                      soon
                    </Badge>
                  )
                }
                active={current?.path === a.path}
                onClick={onNavigate}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            ))}
          </div>
        ))}
      </Stack>
    </ScrollArea>
  );
}
