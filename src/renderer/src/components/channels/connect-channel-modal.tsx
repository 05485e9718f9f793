import { Alert, Anchor, Button, Checkbox, Collapse, Group, Loader, Modal, NumberInput, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChannelKind, ChannelSummary } from '../../../../shared/api/channels';
import type { ApiError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { FormError } from '../form-error';
import { KIND_LABEL } from './channel-format';

type AuthMode = 'client' | 'token';

/** Form field → the API's field path of its error. */
const FIELD_PATH: Partial<Record<string, string>> = {
  name: 'name',
  shop: 'config.shop',
  baseUrl: 'config.baseUrl',
  feedPath: 'config.feedPath',
  pollIntervalSeconds: 'pollIntervalSeconds',
  clientId: 'credentials.clientId',
  clientSecret: 'credentials.clientSecret',
  accessToken: 'credentials.accessToken',
  consumerKey: 'credentials.consumerKey',
  consumerSecret: 'credentials.consumerSecret',
};

interface Form {
  kind: ChannelKind;
  name: string;
  shop: string;
  authMode: AuthMode;
  clientId: string;
  clientSecret: string;
  accessToken: string;
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
  feedPath: string;
  pollIntervalSeconds: number | string;
  isOwnWebshop: boolean;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function initial(c: ChannelSummary | null): Form {
  const hint = hintsOf(c?.credentialsHint ?? null);
  return {
    kind: c?.kind ?? 'shopify',
    name: c?.name ?? '',
    shop: str(c?.config.shop) || str(c?.config.shopDomain),
    authMode: 'accessToken' in hint ? 'token' : 'client',
    clientId: '',
    clientSecret: '',
    accessToken: '',
    baseUrl: str(c?.config.baseUrl),
    consumerKey: '',
    consumerSecret: '',
    feedPath: str(c?.config.feedPath),
    pollIntervalSeconds: c?.pollIntervalSeconds ?? 60,
    isOwnWebshop: c?.isOwnWebshop ?? false,
  };
}

/** "accessToken shpa…, clientSecret set" → { accessToken: 'starts “shpa…”', clientSecret: '' }: what may be said about a saved secret. */
function hintsOf(hint: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (hint ?? '').split(', ')) {
    const [k, ...rest] = part.split(' ');
    if (!k) continue;
    const v = rest.join(' ');
    out[k] = v && v !== 'set' ? `starts “${v}”` : '';
  }
  return out;
}

type Outcome = { state: 'testing' } | { state: 'ok'; shopName: string; listings: number | null } | { state: 'failed'; message: string } | null;

/** Waits for the work started on a channel (test, listings) to end: the core answers at once and works in the background. */
async function whenIdle(id: number, timeoutMs = 45_000): Promise<ChannelSummary | null> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call('channels.get', { id });
    if (!r.ok) return null;
    if (!r.value.busy || Date.now() > until) return r.value;
    await new Promise((res) => setTimeout(res, 250));
  }
}

/**
 * Connects a channel, or changes one's connection. Secrets go in and never come back: a saved secret shows at most
 * the first characters the channel itself puts in front of every token; leaving the field blank keeps it. The
 * channel is created with sync off, its connection tested with the channel's own answer shown, and its listings
 * fetched, so nothing is pushed or imported before a person has mapped them and switched sync on.
 */
export function ConnectChannelModal({
  opened,
  channel,
  onClose,
  onConnected,
}: {
  opened: boolean;
  /** Edit this channel's connection; null = connect a new one. */
  channel: ChannelSummary | null;
  onClose: () => void;
  onConnected: (id: number) => void;
}) {
  const [f, setF] = useState<Form>(() => initial(channel));
  const [createdId, setCreatedId] = useState<number | null>(channel?.id ?? null);
  const [error, setError] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [advanced, setAdvanced] = useState(Boolean(str(channel?.config.baseUrl)) && channel?.kind === 'shopify');
  const [openedFor, setOpenedFor] = useState<{ opened: boolean; id: number | null }>({ opened, id: channel?.id ?? null });
  // Opening the modal again (or for another channel) starts from that channel's saved settings.
  if (openedFor.opened !== opened || openedFor.id !== (channel?.id ?? null)) {
    setOpenedFor({ opened, id: channel?.id ?? null });
    if (opened) {
      setF(initial(channel));
      setCreatedId(channel?.id ?? null);
      setError(undefined);
      setOutcome(null);
      setAdvanced(Boolean(str(channel?.config.baseUrl)) && channel?.kind === 'shopify');
    }
  }
  const hints = hintsOf(channel?.credentialsHint ?? null);
  const editing = createdId !== null;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setF((p) => ({ ...p, [k]: v }));
    // A field's message goes as soon as the person changes it.
    setError((e) => {
      const path = FIELD_PATH[k];
      if (!e?.fields || !path || !(path in e.fields)) return e;
      const fields = { ...e.fields };
      delete fields[path];
      return { ...e, fields };
    });
  };
  const fe = (path: string): string | undefined => error?.fields?.[path];

  const payload = () => {
    const config: Record<string, string> = {};
    const credentials: Record<string, string> = {};
    switch (f.kind) {
      case 'shopify':
        config.shop = f.shop.trim();
        if (f.baseUrl.trim()) config.baseUrl = f.baseUrl.trim();
        if (f.authMode === 'token') {
          if (f.accessToken) credentials.accessToken = f.accessToken;
        } else {
          if (f.clientId) credentials.clientId = f.clientId.trim();
          if (f.clientSecret) credentials.clientSecret = f.clientSecret;
        }
        break;
      case 'woocommerce':
        config.baseUrl = f.baseUrl.trim();
        if (f.consumerKey) credentials.consumerKey = f.consumerKey.trim();
        if (f.consumerSecret) credentials.consumerSecret = f.consumerSecret;
        break;
      case 'file':
        if (f.feedPath.trim()) config.feedPath = f.feedPath.trim();
        break;
    }
    return { config, credentials };
  };

  /** What is missing before anything is sent, named by field. */
  const check = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!f.name.trim()) e.name = 'Give the channel a name';
    // channels.update replaces the whole set of credentials: typing one secret means typing the set of that mode.
    const typed = modeSecrets(f).some((k) => f[k] !== '');
    const modeChanged = f.kind === 'shopify' && 'accessToken' in hints !== (f.authMode === 'token');
    const keep = (k: string) => editing && k in hints && !typed && !modeChanged;
    if (f.kind === 'shopify') {
      if (!f.shop.trim()) e['config.shop'] = 'Give the shop domain, e.g. my-shop.myshopify.com';
      if (f.authMode === 'token' && !f.accessToken && !keep('accessToken')) e['credentials.accessToken'] = 'Paste the Admin API access token';
      if (f.authMode === 'client') {
        if (!f.clientId.trim() && !keep('clientId')) e['credentials.clientId'] = 'Give the app’s client id';
        if (!f.clientSecret && !keep('clientSecret')) e['credentials.clientSecret'] = 'Give the app’s client secret';
      }
    }
    if (f.kind === 'woocommerce') {
      if (!f.baseUrl.trim()) e['config.baseUrl'] = 'Give the store address, e.g. https://shop.example';
      if (!f.consumerKey.trim() && !keep('consumerKey')) e['credentials.consumerKey'] = 'Give the consumer key (ck_…)';
      if (!f.consumerSecret && !keep('consumerSecret')) e['credentials.consumerSecret'] = 'Give the consumer secret (cs_…)';
    }
    return e;
  };

  const run = async () => {
    const missing = check();
    if (Object.keys(missing).length) {
      setError({ code: 'VALIDATION', message: 'Some fields need a value', fields: missing });
      return;
    }
    setSubmitting(true);
    setError(undefined);
    setOutcome(null);
    try {
      const { config, credentials } = payload();
      const poll = Number(f.pollIntervalSeconds);
      let id = createdId;
      if (id === null) {
        const r = await call('channels.create', { kind: f.kind, name: f.name.trim(), config, credentials, pollIntervalSeconds: poll, isOwnWebshop: f.isOwnWebshop, enabled: false });
        if (!r.ok) return void setError(r.error);
        id = r.value.id;
        setCreatedId(id);
      } else {
        // Blank secret fields keep the saved ones; switching the Shopify auth mode replaces them.
        const modeChanged = f.kind === 'shopify' && 'accessToken' in hints !== (f.authMode === 'token');
        const send = Object.keys(credentials).length > 0 || modeChanged;
        const r = await call('channels.update', {
          id,
          name: f.name.trim(),
          config,
          pollIntervalSeconds: poll,
          isOwnWebshop: f.isOwnWebshop,
          ...(send && { credentials }),
        });
        if (!r.ok) return void setError(r.error);
      }
      setOutcome({ state: 'testing' });
      const t = await call('channels.test', { id });
      if (!t.ok) return void setOutcome({ state: 'failed', message: t.error.message });
      const after = await whenIdle(id);
      if (!after) return void setOutcome({ state: 'failed', message: 'The channel disappeared while it was tested' });
      if (after.lastError && (!after.lastTestAt || after.lastError.at >= after.lastTestAt)) return void setOutcome({ state: 'failed', message: after.lastError.message });
      setOutcome({ state: 'ok', shopName: after.shopName ?? f.name, listings: null });
      // Fetch the listings and their suggested mapping now, so the channel page opens with something to map.
      const l = await call('channels.refreshListings', { id });
      if (l.ok) {
        const done = await whenIdle(id);
        setOutcome({ state: 'ok', shopName: after.shopName ?? f.name, listings: done?.counts.listings ?? null });
      }
    } finally {
      setSubmitting(false);
    }
  };

  const secret = (key: string, label: string, value: string, on: (v: string) => void, placeholder: string, description?: string) => (
    <PasswordInput
      label={label}
      placeholder={editing && key in hints ? 'Saved — leave blank to keep' : placeholder}
      description={editing && key in hints ? `Saved${hints[key] ? `, ${hints[key]}` : ''}. Type new credentials to replace them all.` : description}
      value={value}
      onChange={(e) => on(e.currentTarget.value)}
      error={fe(`credentials.${key}`)}
      autoComplete="new-password"
      data-testid={`channel-${key}`}
    />
  );

  const shown = ['name', 'config.shop', 'config.baseUrl', 'config.feedPath', 'pollIntervalSeconds', ...['accessToken', 'clientId', 'clientSecret', 'consumerKey', 'consumerSecret'].map((k) => `credentials.${k}`)];

  return (
    <Modal opened={opened} onClose={onClose} title={channel ? `Connection of ${channel.name}` : 'Connect a sales channel'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Stack gap="sm">
          {editing ? (
            <Text size="sm" c="dimmed">
              {KIND_LABEL[f.kind]} channel{channel?.shopName ? ` · last connected to ${channel.shopName}` : ''}
            </Text>
          ) : (
            <SegmentedControl
              value={f.kind}
              onChange={(v) => set('kind', v as ChannelKind)}
              data={(['shopify', 'woocommerce', 'file'] as const).map((k) => ({ value: k, label: KIND_LABEL[k] }))}
              data-testid="channel-kind-select"
            />
          )}
          {channel?.lastError && outcome === null ? (
            <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} />} data-testid="channel-edit-last-error">
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {channel.lastError.message}
              </Text>
            </Alert>
          ) : null}
          <TextInput
            label="Name"
            description="How this channel appears in Stockroom and on its imported orders."
            placeholder={f.kind === 'shopify' ? 'Shopify store' : f.kind === 'woocommerce' ? 'Webshop' : 'Marketplace feed'}
            value={f.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fe('name')}
            data-autofocus
            data-testid="channel-name"
          />
          {f.kind === 'shopify' ? (
            <>
              <TextInput
                label="Shop domain"
                placeholder="my-shop.myshopify.com"
                value={f.shop}
                onChange={(e) => set('shop', e.currentTarget.value)}
                error={fe('config.shop')}
                data-testid="channel-shop"
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  Access
                </Text>
                <SegmentedControl
                  size="xs"
                  value={f.authMode}
                  onChange={(v) => set('authMode', v as AuthMode)}
                  data={[
                    { value: 'client', label: 'App client id + secret' },
                    { value: 'token', label: 'Legacy access token' },
                  ]}
                  data-testid="channel-auth-mode"
                />
                <Text size="xs" c="dimmed">
                  {f.authMode === 'client'
                    ? 'From the app in the Shopify Dev Dashboard: Stockroom asks for a short-lived token with them and renews it.'
                    : 'A token of a custom app made in the shop admin (shpat_…). It does not expire.'}
                </Text>
              </Stack>
              {f.authMode === 'client' ? (
                <SimpleGrid cols={2}>
                  {secret('clientId', 'Client id', f.clientId, (v) => set('clientId', v), 'Client id')}
                  {secret('clientSecret', 'Client secret', f.clientSecret, (v) => set('clientSecret', v), 'Client secret')}
                </SimpleGrid>
              ) : (
                secret('accessToken', 'Admin API access token', f.accessToken, (v) => set('accessToken', v), 'shpat_…')
              )}
              <Anchor component="button" type="button" size="xs" onClick={() => setAdvanced((a) => !a)} data-testid="channel-advanced">
                {advanced ? 'Hide advanced' : 'Advanced: API address'}
              </Anchor>
              <Collapse expanded={advanced}>
                <TextInput
                  label="API address"
                  description="Only for a proxy or a test shop; normally https://<shop domain>."
                  placeholder="https://my-shop.myshopify.com"
                  value={f.baseUrl}
                  onChange={(e) => set('baseUrl', e.currentTarget.value)}
                  error={fe('config.baseUrl')}
                  data-testid="channel-base-url"
                />
              </Collapse>
            </>
          ) : null}
          {f.kind === 'woocommerce' ? (
            <>
              <TextInput
                label="Store address"
                placeholder="https://shop.example"
                value={f.baseUrl}
                onChange={(e) => set('baseUrl', e.currentTarget.value)}
                error={fe('config.baseUrl')}
                data-testid="channel-store-url"
              />
              <SimpleGrid cols={2}>
                {secret('consumerKey', 'Consumer key', f.consumerKey, (v) => set('consumerKey', v), 'ck_…', 'WooCommerce → Settings → Advanced → REST API, Read/Write.')}
                {secret('consumerSecret', 'Consumer secret', f.consumerSecret, (v) => set('consumerSecret', v), 'cs_…')}
              </SimpleGrid>
            </>
          ) : null}
          {f.kind === 'file' ? (
            <TextInput
              label="Feed file"
              description="Where the quantity feed (CSV) is written for the marketplace to fetch. Blank: a file in Stockroom’s data folder."
              placeholder="e.g. D:\feeds\marketplace.csv"
              value={f.feedPath}
              onChange={(e) => set('feedPath', e.currentTarget.value)}
              error={fe('config.feedPath')}
              data-testid="channel-feed-path"
            />
          ) : null}
          <Group grow align="flex-start">
            <NumberInput
              label="Poll interval (seconds)"
              description="How often orders are fetched."
              min={10}
              max={86_400}
              allowDecimal={false}
              value={f.pollIntervalSeconds}
              onChange={(v) => set('pollIntervalSeconds', v)}
              error={fe('pollIntervalSeconds')}
              data-testid="channel-poll-new"
            />
            <Checkbox
              mt={30}
              label="This is our own webshop"
              description="Units kept back on the other channels stay sellable here."
              checked={f.isOwnWebshop}
              onChange={(e) => set('isOwnWebshop', e.currentTarget.checked)}
              data-testid="channel-own-webshop"
            />
          </Group>

          {error && !(error.code === 'VALIDATION' && error.message === 'Some fields need a value') ? <FormError error={error} shownFields={shown} /> : null}

          {outcome?.state === 'testing' ? (
            <Alert color="blue" variant="light" icon={<Loader size={16} />} data-testid="channel-test-result" data-outcome="testing">
              Testing the connection…
            </Alert>
          ) : null}
          {outcome?.state === 'failed' ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The channel refused the connection" data-testid="channel-test-result" data-outcome="failed">
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {outcome.message}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                Fix the address or credentials and test again. The channel is saved with sync off.
              </Text>
            </Alert>
          ) : null}
          {outcome?.state === 'ok' ? (
            <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={`Connected to ${outcome.shopName}`} data-testid="channel-test-result" data-outcome="ok">
              {outcome.listings === null ? 'Fetching its listings…' : `${outcome.listings} listing${outcome.listings === 1 ? '' : 's'} fetched. Map them, set the rules, then switch sync on.`}
            </Alert>
          ) : null}

          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {outcome?.state === 'ok' ? 'Close' : 'Cancel'}
            </Button>
            {outcome?.state === 'ok' && createdId !== null ? (
              <Button onClick={() => onConnected(createdId)} disabled={submitting} data-testid="channel-open-new">
                Open channel
              </Button>
            ) : (
              <Button type="submit" leftSection={<IconPlugConnected size={16} />} loading={submitting} data-testid="channel-connect">
                {editing ? 'Save and test' : 'Connect and test'}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The secret fields of the form's kind and auth mode. */
function modeSecrets(f: Form): Array<'clientId' | 'clientSecret' | 'accessToken' | 'consumerKey' | 'consumerSecret'> {
  if (f.kind === 'shopify') return f.authMode === 'token' ? ['accessToken'] : ['clientId', 'clientSecret'];
  if (f.kind === 'woocommerce') return ['consumerKey', 'consumerSecret'];
  return [];
}
