import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { rows, startsWith, type Db } from '../../platform/db/index.js';
import { withinDivision } from '../../platform/access/scope.js';
import { divisions } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { DivisionDetail, DivisionFound, DivisionNode } from '../../../shared/divisions/tree.js';

/**
 * Children of a division in force (the city's root when no parent is given). The tree is public data;
 * a division a change ended keeps its row (docs/rules.md "Dated divisions (区划变更)") but is no longer listed.
 */
export async function listChildren(db: Db, parent: string | undefined): Promise<DivisionNode[]> {
  const result = await rows<{ code: string; name: string; level: number; has_children: boolean }>(
    db,
    sql`select d.code, d.name, d.level,
          exists (select 1 from divisions c where c.parent_code = d.code and c.valid_to is null) as has_children
        from divisions d where ${parent ? sql`d.parent_code = ${parent}` : sql`d.parent_code is null`} and d.valid_to is null
        order by d.code`,
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
  const successors = d.validTo === null ? [] : await successorsOf(db, code);
  return { code: d.code, name: d.name, level: d.level, fullName: d.fullName, path, validTo: d.validTo, successors };
}

/**
 * The divisions in force an ended code became: the mapping table of the applied changes, followed
 * through later ones (a town made a street, the street later merged …).
 */
export async function successorsOf(db: Db, code: string): Promise<{ code: string; name: string }[]> {
  const found = new Map<string, string>();
  let frontier = [code];
  const seen = new Set(frontier);
  for (let depth = 0; frontier.length && depth < 20; depth++) {
    const next = await rows<{ code: string; name: string; valid_to: string | null }>(
      db,
      sql`select distinct d.code, d.name, d.valid_to::text as valid_to from division_code_map m
            join division_changes c on c.id = m.change_id and c.status = 'applied' join divisions d on d.code = m.new_code
          where m.old_code in (${sql.join(
            frontier.map((f) => sql`${f}`),
            sql`, `,
          )})`,
    );
    frontier = [];
    for (const n of next) {
      if (seen.has(n.code)) continue;
      seen.add(n.code);
      if (n.valid_to === null) found.set(n.code, n.name);
      else frontier.push(n.code);
    }
  }
  return [...found].map(([c, name]) => ({ code: c, name })).sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Divisions in force by name or code prefix. An old code (a division a change ended) given in full
 * answers the divisions it became, so a record kept under the old code is found under the new one.
 */
export async function searchDivisions(db: Db, q: string, within?: string): Promise<DivisionFound[]> {
  const found = await db
    .select({ code: divisions.code, name: divisions.name, fullName: divisions.fullName, level: divisions.level })
    .from(divisions)
    .where(
      and(
        or(startsWith(divisions.name, q), startsWith(divisions.code, q)),
        isNull(divisions.validTo),
        within ? withinDivision(divisions.code, within) : undefined,
      ),
    )
    .orderBy(asc(divisions.level), asc(divisions.code))
    .limit(20);
  if (!/^\d{6,12}$/.test(q)) return found;
  const successors = (await successorsOf(db, q)).filter((s) => !found.some((f) => f.code === s.code));
  if (!successors.length) return found;
  const more = await db
    .select({ code: divisions.code, name: divisions.name, fullName: divisions.fullName, level: divisions.level })
    .from(divisions)
    .where(
      and(
        inArray(
          divisions.code,
          successors.map((s) => s.code),
        ),
        within ? withinDivision(divisions.code, within) : undefined,
      ),
    );
  return [...more, ...found].slice(0, 20);
}

/** Throws a field error unless the code names a division in force (an ended one names what it became). */
export async function assertDivisionExists(db: Db, code: string, field: string): Promise<void> {
  const [d] = await db
    .select({ code: divisions.code, name: divisions.name, validTo: divisions.validTo })
    .from(divisions)
    .where(eq(divisions.code, code));
  if (!d) throw AppError.field(field, `行政区划代码 ${code} 不存在`);
  if (d.validTo !== null) {
    const now = await successorsOf(db, code);
    throw AppError.field(
      field,
      `${d.name}（${code}）已于 ${d.validTo} 撤销${now.length ? `，现为 ${now.map((n) => `${n.name}（${n.code}）`).join('、')}` : ''}`,
    );
  }
}
