/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** The signed-in person, or null. Set by the middleware for on-demand requests only. */
    user: import('./lib/server/auth/session.ts').SessionUser | null;
    /** Their session, or null. */
    session: import('./lib/server/auth/session.ts').SessionInfo | null;
    /**
     * A sign-in that has passed the password but still owes its second step (a code, or
     * setting up an authenticator). `user` and `session` stay null meanwhile, so it grants
     * nothing; only the two-factor page and sign-out read this.
     */
    pendingSignIn: {
      user: import('./lib/server/auth/session.ts').SessionUser;
      session: import('./lib/server/auth/session.ts').SessionInfo;
      step: 'verify' | 'setup';
    } | null;
  }
}

declare module 'virtual:portal/search-worker' {
  /** The `file:` URL of the forum search worker's script (see src/integrations/search-worker.ts). */
  const url: string;
  export default url;
}
