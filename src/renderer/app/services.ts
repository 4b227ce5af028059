import { createContext, useContext } from 'react';
import type { PlatformBridge } from '../../platform/bridge';
import type { RecistDatabase } from '../db/database';
import type { FileHeaderReader } from '../import/fileHeaders';
import type { SessionFiles } from '../import/sessionFiles';

/** Long-lived services the React tree uses; one set per window, injectable in tests. */
export interface AppServices {
  readonly platform: PlatformBridge;
  readonly db: RecistDatabase;
  readonly sessionFiles: SessionFiles;
  readonly readFileHeaders: FileHeaderReader;
}

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesContext.Provider>');
  return services;
}
