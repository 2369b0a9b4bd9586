/**
 * What a module registers to have people visited at home through the platform (docs/rules.md "Visits
 * (探访)", docs/decisions.md 37): who is in the programme (one SQL fragment over the module's own
 * tables), the names of its categories and risks, the dated policy kind its frequency is read from
 * (`src/shared/visits/frequency.ts`), its permissions and the level whose staff visit. The platform
 * owns the rest: the assignments, the visits and their photos, the due dates, the worklists, the
 * counts and the export.
 */
import type { SQL } from 'drizzle-orm';
import type { Permission } from '../../../shared/permissions.js';
import type { DivisionLevel } from '../../../shared/divisions.js';

export interface VisitProgramme {
  programme: string;
  /** Its name on pages and files (分散供养特困人员探访). */
  name: string;
  /**
   * The people in it now: one row per person with the columns person_id, division_code (the person's
   * village or township), category, risk (codes of `categories` and `risks`) and since (a date: the start
   * of the plan, from which the first visit is due), for the divisions starting with `within`.
   */
  members(p: { within: string }): SQL;
  /** The person's name for a person id column: the module reads its registry. */
  personName(personId: SQL): SQL;
  categories: Record<string, string>;
  risks: Record<string, string>;
  /** The dated policy value of the frequency (a `visitFrequencyValue`): the module's policy and kind. */
  frequency: { policyModule: string; kind: string };
  /** Who reads its plans and visits, who records a visit, who assigns the workers. */
  read: Permission;
  visit: Permission;
  assign: Permission;
  /** The level whose staff are assigned and visit (a township: its own staff, for its villages). */
  visitLevel: Exclude<DivisionLevel, 'city'>;
}

/** The registered programmes (bootstrap.ts), once each. */
export class VisitProgrammes {
  private readonly byCode = new Map<string, VisitProgramme>();

  register(p: VisitProgramme): void {
    if (this.byCode.has(p.programme)) throw new Error(`visits: ${p.programme} is registered twice`);
    this.byCode.set(p.programme, p);
  }

  all(): VisitProgramme[] {
    return [...this.byCode.values()];
  }

  /** A programme by its code, or undefined (the routes answer 404). */
  find(code: string): VisitProgramme | undefined {
    return this.byCode.get(code);
  }
}
