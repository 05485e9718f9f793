import { useSyncExternalStore } from 'react';
import { getStatus, onStatus, type ClientStatus } from '../api/client';

export const useClientStatus = (): ClientStatus => useSyncExternalStore(onStatus, getStatus);
