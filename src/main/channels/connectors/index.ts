import path from 'node:path';
import { ChannelError, type ChannelConnector } from '../connector';
import { createFileConnector } from './file';
import { createShopifyConnector } from './shopify';
import { createWooConnector } from './woocommerce';

export type ChannelKind = ChannelConnector['kind'];
export type ChannelConfig = Record<string, string | number | boolean | null>;

export interface ConnectorDeps {
  /** The channel's id (the file channel names its default feed after it). */
  channelId?: number;
  /** Folder of the database: the file channel writes its feed there unless config.feedPath says otherwise. */
  dataDir?: string;
  log?: (msg: string, e?: unknown) => void;
}

/** Builds a connector from a channel's kind, non-secret config and decrypted credentials. */
export type ConnectorFactory = (kind: ChannelKind, config: ChannelConfig, credentials: Record<string, string>, deps: ConnectorDeps) => ChannelConnector;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The real connectors. Config (non-secret) and credentials (decrypted, never logged):
 * - shopify: config.shop (or shopDomain) "my-shop.myshopify.com", optional config.baseUrl (tests), optional
 *   config.locationRefs (comma-separated location gids); credentials.accessToken (legacy static token) or
 *   credentials.clientId + credentials.clientSecret (client-credentials grant).
 * - woocommerce: config.baseUrl "https://shop.example"; credentials.consumerKey + credentials.consumerSecret.
 * - file: optional config.feedPath; default `<data folder>/channel-<id>-feed.csv`.
 */
export const createConnector: ConnectorFactory = (kind, config, credentials, deps) => {
  switch (kind) {
    case 'shopify': {
      const shop = str(config.shop) ?? str(config.shopDomain);
      if (!shop) throw new ChannelError('config', 'Give the Shopify shop domain (config.shop, e.g. my-shop.myshopify.com)');
      const token = str(credentials.accessToken);
      const id = str(credentials.clientId);
      const secret = str(credentials.clientSecret);
      if (!token && !(id && secret)) throw new ChannelError('config', 'Shopify needs an access token, or a client id and client secret');
      const locationRefs = str(config.locationRefs)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return createShopifyConnector({
        shop,
        ...(str(config.baseUrl) && { baseUrl: str(config.baseUrl) }),
        auth: token ? { mode: 'static', accessToken: token } : { mode: 'client_credentials', clientId: id!, clientSecret: secret! },
        ...(locationRefs?.length && { locationRefs }),
      });
    }
    case 'woocommerce': {
      const baseUrl = str(config.baseUrl);
      if (!baseUrl) throw new ChannelError('config', 'Give the WooCommerce shop address (config.baseUrl, e.g. https://shop.example)');
      const consumerKey = str(credentials.consumerKey);
      const consumerSecret = str(credentials.consumerSecret);
      if (!consumerKey || !consumerSecret) throw new ChannelError('config', 'WooCommerce needs a consumer key and consumer secret');
      return createWooConnector({ baseUrl, consumerKey, consumerSecret });
    }
    case 'file': {
      const feedPath = str(config.feedPath) ?? (deps.dataDir ? path.join(deps.dataDir, `channel-${deps.channelId ?? 0}-feed.csv`) : null);
      return createFileConnector({ feedPath });
    }
  }
};
