/** Where the browser tests' server listens and keeps its files. Shared by config and specs. */
import { fileURLToPath } from 'node:url';

export const E2E_PORT = Number(process.env.E2E_PORT || 4330);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A throwaway folder inside the project, removed before each run. */
export const E2E_DIR = fileURLToPath(new URL('../../test-results/e2e-server/', import.meta.url));
export const E2E_DATABASE_URL = `file:${E2E_DIR}portal.db`;
/** The server's standard output, where e-mails are written when no SMTP server is set. */
export const E2E_SERVER_LOG = `${E2E_DIR}server.log`;
