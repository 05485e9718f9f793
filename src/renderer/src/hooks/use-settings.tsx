import { createContext, useContext, type ReactNode } from 'react';
import type { Settings } from '../../../shared/api';
import { useApi } from './use-api';

interface SettingsContextValue {
  settings: Settings | undefined;
  /** The company currency; GBP until settings have loaded (the schema's default). */
  currency: string;
  /** Called by the settings page after a change, since no event announces settings changes. */
  reload: () => void;
}

const SettingsContext = createContext<SettingsContextValue>({ settings: undefined, currency: 'GBP', reload: () => {} });

export function SettingsProvider({ children }: { children: ReactNode }) {
  const s = useApi('settings.get', {});
  return <SettingsContext.Provider value={{ settings: s.data, currency: s.data?.currency ?? 'GBP', reload: s.reload }}>{children}</SettingsContext.Provider>;
}

export const useSettings = (): SettingsContextValue => useContext(SettingsContext);
