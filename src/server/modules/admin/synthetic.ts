/**
 * The staff part of the synthetic city (docs/synthetic-city.md): the four named demo accounts of
 * every demo city (county_reviewer, township_clerk, village_officer, auditor, as README.md lists
 * them), and one 县区审核员 per county and one 乡镇经办员 per township of the city. Every password is
 * a random one nobody is told: an administrator resets it (用户管理 → 重置密码) and hands the new one
 * over; the account must change it at first login. The per-division accounts share the hash of one
 * such discarded password (one scrypt hash each would cost a first start 0.1 s per account).
 * Accounts that exist already are left as they are.
 */
import type { PartContext, SyntheticPart } from '../../platform/synthetic/city.js';
import { hashPassword } from '../../platform/auth/password.js';
import { townshipOf } from '../../../shared/divisions.js';
import { generatePassword } from './users.js';

interface Account {
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
  hash: string;
}

export const staffPart: SyntheticPart = {
  name: 'staff',
  // Never emptied by --replace: the administrator's own account lives in the same table.
  tables: [],
  build: buildStaff,
};

async function buildStaff(ctx: PartContext): Promise<Record<string, number>> {
  const { tx, options } = ctx;
  const divisions = await tx.query<{ code: string; name: string; level: number }>(
    `select code, name, level from divisions where level in (3, 4, 5) and code like $1 order by code`,
    [`${options.cityCode}%`],
  );
  const firstVillage = divisions.find((d) => d.level === 5)!.code;
  const accounts: Account[] = [];
  const named = [
    { username: 'county_reviewer', displayName: '县区审核员（演示）', roles: ['county_reviewer'], divisionCode: firstVillage.slice(0, 6) },
    { username: 'township_clerk', displayName: '乡镇经办员（演示）', roles: ['township_clerk'], divisionCode: townshipOf(firstVillage) },
    { username: 'village_officer', displayName: '村社区专干（演示）', roles: ['village_officer'], divisionCode: firstVillage },
    { username: 'auditor', displayName: '审计员（演示）', roles: ['auditor'], divisionCode: options.cityCode },
  ];
  for (const a of named) accounts.push({ ...a, hash: await hashPassword(generatePassword()) });
  const shared = await hashPassword(generatePassword());
  for (const d of divisions) {
    if (d.level === 3)
      accounts.push({
        username: `reviewer_${d.code}`,
        displayName: `${d.name}审核员`,
        roles: ['county_reviewer'],
        divisionCode: d.code,
        hash: shared,
      });
    if (d.level === 4)
      accounts.push({
        username: `clerk_${d.code}`,
        displayName: `${d.name}经办员`,
        roles: ['township_clerk'],
        divisionCode: d.code,
        hash: shared,
      });
  }
  const created = await tx.query<{ id: number }>(
    `insert into users (kind, username, display_name, password_hash, roles, division_code, must_change_password, password_changed_at)
    select 'staff', a.username, a.display_name, a.hash, a.roles, a.division_code, true, now()
    from jsonb_to_recordset($1::jsonb) as a(username text, display_name text, hash text, roles jsonb, division_code text)
    on conflict do nothing returning id`,
    [
      JSON.stringify(
        accounts.map((a) => ({
          username: a.username,
          display_name: a.displayName,
          hash: a.hash,
          roles: a.roles,
          division_code: a.divisionCode,
        })),
      ),
    ],
  );
  return { users: created.length };
}
