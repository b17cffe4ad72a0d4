/** The process's one database handle, opened on first use (never during `astro build`). */
import { createDb, type PortalDb } from '../../../db/client.ts';
import { databaseAuthToken, databaseUrl } from './config.ts';

let opening: Promise<PortalDb> | undefined;

/** The shared database; migrations are applied by the start script before the app serves. */
export function getPortalDb(): Promise<PortalDb> {
  // A failed open is forgotten, so the next request tries again instead of failing forever.
  opening ??= createDb(databaseUrl, databaseAuthToken).catch((error: unknown) => {
    opening = undefined;
    throw error;
  });
  return opening;
}
