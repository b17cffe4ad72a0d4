/**
 * Who may change a course. A course has one owner (the trainer who created it, unless an
 * administrator reassigns it) and any number of co-trainers. Only they may edit the course,
 * add, change or cancel its sessions, manage its waiting list, mark attendance and download
 * its attendee list; other trainers may see the course and its sessions but not the people
 * on them. Administrators assign the owner and co-trainers.
 *
 * Policy source: the portal's access rules for training (issue 11, item 8: courses get
 * owners and co-trainers; administrators can reassign), applied under data minimisation
 * (UK GDPR Article 5(1)(c)): attendee details go only to the trainers who run the course.
 */

/** The people who run a course. */
export interface CourseTeam {
  ownerId: number | null;
  coTrainerIds: readonly number[];
}

/** True when `userId`, holding the trainer role, owns the course or is one of its co-trainers. */
export function runsCourse(user: { id: number; isTrainer: boolean }, team: CourseTeam): boolean {
  if (!user.isTrainer) return false;
  return team.ownerId === user.id || team.coTrainerIds.includes(user.id);
}
