/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, or null. Set by the middleware for on-demand requests only. */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** Their session, or null. */
    session: import('./lib/server/auth/session.ts').SessionInfo | null;
  }
}
