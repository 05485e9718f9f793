import { AppShell, Burger, Group, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBox } from '@tabler/icons-react';
import { ColorSchemeToggle } from './components/color-scheme-toggle';
import { ConnectionBadge } from './components/connection-badge';
import { HeaderSearch } from './components/header-search';
import { NavMenu } from './components/nav-menu';
import { UnauthorizedPage } from './components/unauthorized-page';
import { WedgeScanListener } from './components/wedge-scan-listener';
import { useClientStatus } from './hooks/use-client-status';
import { href, useRoute } from './hooks/use-route';
import { SettingsProvider } from './hooks/use-settings';
import { AppRoutes } from './routes';

export function App() {
  const status = useClientStatus();
  const route = useRoute();
  const [navOpen, nav] = useDisclosure(false);
  if (status.unauthorized) return <UnauthorizedPage />;
  return (
    <SettingsProvider>
      <WedgeScanListener />
      <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpen } }} padding="lg">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={navOpen} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
              <a href={href('/')} style={{ textDecoration: 'none', color: 'inherit' }}>
                <Group gap={8} wrap="nowrap">
                  <ThemeIcon size={32} radius="md" variant="filled">
                    <IconBox size={20} />
                  </ThemeIcon>
                  <Text fw={750} size="lg" visibleFrom="xs">
                    Stockroom
                  </Text>
                </Group>
              </a>
            </Group>
            <HeaderSearch />
            <Group gap="sm" wrap="nowrap">
              <ConnectionBadge />
              <ColorSchemeToggle />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar>
          <NavMenu path={route.path} onNavigate={nav.close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <AppRoutes route={route} />
        </AppShell.Main>
      </AppShell>
    </SettingsProvider>
  );
}
