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
