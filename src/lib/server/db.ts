/** The process's one database handle, opened on first use (never during `astro build`). */
import { createDb, type PortalDb } from '../../../db/client.ts';
import { databaseAuthToken, databaseUrl } from './config.ts';

let opening: Promise<PortalDb> | undefined;

/** The shared database; migrations are applied by the start script before the app serves. */
export function getPortalDb(): Promise<PortalDb> {
  opening ??= createDb(databaseUrl, databaseAuthToken);
  return opening;
}
