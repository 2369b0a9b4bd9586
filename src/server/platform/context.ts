import type { Permission } from '../../shared/permissions.js';

/** Who is acting: a logged-in staff member or resident. */
export interface Actor {
  userId: number;
  username: string;
  kind: 'staff' | 'resident';
  permissions: ReadonlySet<Permission>;
  roles: string[];
  /** Jurisdiction: a division code of any level; its prefix covers everything below it. */
  divisionCode: string;
  /** Set for staff of an organisation: their registry view narrows to the organisation's persons. */
  organisationId: number | null;
  /** Set for residents: they see only this person and their household. */
  personId: number | null;
}

/** What every use case receives besides its input. */
export interface Ctx {
  actor: Actor | null;
  ip: string;
}
