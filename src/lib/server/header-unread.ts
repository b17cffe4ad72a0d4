/**
 * The unread-notification count the header shows a member (components/AccountNav.astro).
 *
 * The base layout renders the header on every page, prerendered ones included, so the
 * database modules are imported on the first call rather than when this file loads: the
 * build never loads the database driver and the ORM only to render static pages. The
 * imports are kept, so later requests do not go through the module loader again.
 */
function loadModules() {
  return Promise.all([import('./db.ts'), import('./forum/queries.ts')]);
}
let modules: ReturnType<typeof loadModules> | undefined;

/** The member's unread notifications, counted once per request however often the header asks. */
export async function headerUnreadCount(request: Request, userId: number): Promise<number> {
  const [{ getPortalDb }, { unreadCountOnce }] = await (modules ??= loadModules());
  return unreadCountOnce(request, (await getPortalDb()).db, userId);
}
