import { and, asc, eq, or, sql } from 'drizzle-orm';
import { rows, startsWith, type Db } from '../../platform/db/index.js';
import { withinDivision } from '../../platform/access/scope.js';
import { divisions } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { DivisionDetail, DivisionFound, DivisionNode } from '../../../shared/divisions/tree.js';

/** Children of a division (the city's root when no parent is given). The tree is public data. */
export async function listChildren(db: Db, parent: string | undefined): Promise<DivisionNode[]> {
  const result = await rows<{ code: string; name: string; level: number; has_children: boolean }>(
    db,
    sql`select d.code, d.name, d.level, exists (select 1 from divisions c where c.parent_code = d.code) as has_children
        from divisions d where ${parent ? sql`d.parent_code = ${parent}` : sql`d.parent_code is null`} order by d.code`,
  );
  return result.map((r) => ({ code: r.code, name: r.name, level: Number(r.level), hasChildren: r.has_children }));
}

export async function getDivision(db: Db, code: string): Promise<DivisionDetail> {
  const [d] = await db.select().from(divisions).where(eq(divisions.code, code));
  if (!d) throw AppError.notFound('行政区划');
  const path: { code: string; name: string }[] = [];
  for (let c: string | null = d.parentCode; c;) {
    const [p] = await db.select().from(divisions).where(eq(divisions.code, c));
    if (!p) break;
    path.unshift({ code: p.code, name: p.name });
    c = p.parentCode;
  }
  return { code: d.code, name: d.name, level: d.level, fullName: d.fullName, path };
}

export async function searchDivisions(db: Db, q: string, within?: string): Promise<DivisionFound[]> {
  const found = await db
    .select({ code: divisions.code, name: divisions.name, fullName: divisions.fullName, level: divisions.level })
    .from(divisions)
    .where(
      and(or(startsWith(divisions.name, q), startsWith(divisions.code, q)), within ? withinDivision(divisions.code, within) : undefined),
    )
    .orderBy(asc(divisions.level), asc(divisions.code))
    .limit(20);
  return found;
}

/** Throws a field error unless the code names an existing division. */
export async function assertDivisionExists(db: Db, code: string, field: string): Promise<void> {
  const [d] = await db.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, code));
  if (!d) throw AppError.field(field, `行政区划代码 ${code} 不存在`);
}
