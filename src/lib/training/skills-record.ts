/** A signed-in person's Skills Matrix record, put together for the page and its downloads. */
import { skillsRecord, type RecordEntry } from '../domain/training/skills-record.ts';
import { attendedCoursesOf } from '../server/training/certificates.ts';
import { domainTitle, skillsDomains } from './domains.ts';

/** Every Skills Matrix domain with the attended courses that covered it. */
export async function skillsRecordFor(portal: Parameters<typeof attendedCoursesOf>[0], userId: number): Promise<RecordEntry[]> {
  const domains = await skillsDomains();
  const attended = await attendedCoursesOf(portal, { userId, domainTitle: (slug) => domainTitle(domains, slug) });
  return skillsRecord(domains, attended);
}
