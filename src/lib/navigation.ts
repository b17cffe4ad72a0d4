import { hasRole, type Principal, type Role } from './domain/account/permissions.ts';

/** The main navigation, in the order it appears in the header. */
export interface NavItem {
  label: string;
  href: string;
}

/** Sections of the portal that are live. */
export const MAIN_NAV: readonly NavItem[] = [
  { label: 'Guidance', href: '/guidance/' },
  { label: 'Skills Matrix', href: '/skills-matrix/' },
  { label: 'Resources', href: '/resources/' },
  { label: 'Training', href: '/training/' },
  { label: 'Forum', href: '/forum/' },
  { label: 'Eligibility check', href: '/eligibility/' },
  { label: 'Glossary', href: '/glossary/' },
  { label: 'Search', href: '/search/' },
];

/**
 * True when `pathname` is inside the section that starts at `href`.
 * @example isCurrentSection('/guidance/lead-worker-role/', '/guidance/') // true
 */
export function isCurrentSection(pathname: string, href: string): boolean {
  const base = href.endsWith('/') ? href : `${href}/`;
  const path = pathname.endsWith('/') ? pathname : `${pathname}/`;
  return path.startsWith(base);
}

/** A link to the tools that come with a role, shown in the header to those who hold it. */
export interface RoleTool extends NavItem {
  role: Role;
}

/** Each role's own tools, in the order they appear in the header. */
export const ROLE_TOOLS: readonly RoleTool[] = [
  { role: 'trainer', label: "Trainer's desk", href: '/trainer/' },
  { role: 'moderator', label: 'Moderation queue', href: '/forum/moderation' },
  { role: 'editor', label: 'Page feedback', href: '/editor/feedback' },
  { role: 'admin', label: 'Manage users', href: '/admin/users' },
];

/**
 * The role tools a signed-in person may use: nothing for a practitioner alone.
 * @example roleToolsFor({ roles: ['trainer'] }) // [{ role: 'trainer', label: "Trainer's desk", href: '/trainer/' }]
 */
export function roleToolsFor(user: Principal | null | undefined): RoleTool[] {
  return ROLE_TOOLS.filter((tool) => hasRole(user, tool.role));
}

/**
 * Words for the unread notifications count beside "Your account"; empty when there is none.
 * @example unreadNotificationsText(2) // '2 unread notifications'
 */
export function unreadNotificationsText(unread: number): string {
  if (unread <= 0) return '';
  return `${unread} unread ${unread === 1 ? 'notification' : 'notifications'}`;
}
