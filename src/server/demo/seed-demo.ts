/**
 * Demo data for a first start: households with members spread over the city's villages, some
 * benefit records, and one staff account per role. Generated ID numbers are valid GB 11643 numbers
 * on the city's address codes (fictitious people).
 */
import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from '../platform/deps.js';
import { rows } from '../platform/db/index.js';
import { users } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/password.js';
import { generateResidentId } from '../../shared/validation/resident-id.js';
import { townshipOf } from '../../shared/divisions.js';
import { benefits, households, persons } from '../modules/registry/schema.js';
import { newPlatformId } from '../modules/registry/persons.js';
import { generatePassword } from '../modules/admin/users.js';

const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔';
const given =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建国建华志强海燕红梅立新春生秋菊冬梅小龙晓东文博浩然子涵欣怡雨轩梓萱宇航佳琪';

export const pick = <T>(list: ArrayLike<T>): T => list[randomInt(list.length)];
export const demoName = () => pick(surnames) + pick(given) + (randomInt(2) ? pick(given) : '');

export async function seedDemo(
  deps: Deps,
  opts: { households?: number } = {},
): Promise<{ households: number; persons: number; users: number }> {
  const db = deps.database.db;
  const villages = await rows<{ code: string; county: string }>(
    db,
    sql`select code, left(code, 6) as county from divisions where level = 5 order by code`,
  );
  const wanted = opts.households ?? 600;
  let personCount = 0;
  let seq = 1;
  await db.transaction(async (tx) => {
    for (let i = 0; i < wanted; i++) {
      const village = villages[(i * 7919) % villages.length];
      const [h] = await tx
        .insert(households)
        .values({
          householdNo: newPlatformId('H'),
          divisionCode: village.code,
          address: `${demoName().slice(0, 1)}家庄 ${randomInt(1, 200)} 号`,
        })
        .returning({ id: households.id });
      const size = 1 + randomInt(4);
      const headBirthYear = 1940 + randomInt(50);
      const urban = randomInt(3) === 0;
      let headId = 0;
      for (let m = 0; m < size; m++) {
        const relation = m === 0 ? 'head' : m === 1 ? 'spouse' : 'child';
        const year = relation === 'child' ? headBirthYear + 22 + randomInt(15) : headBirthYear + randomInt(5);
        const birth = `${Math.min(year, 2024)}-${String(1 + randomInt(12)).padStart(2, '0')}-${String(1 + randomInt(28)).padStart(2, '0')}`;
        const idNumber = generateResidentId({
          addressCode: village.county,
          birthDate: birth,
          seq: (seq++ * 2 + (relation === 'spouse' ? 0 : 1)) % 1000,
        });
        const hash = deps.cipher.lookupHash(idNumber);
        const [exists] = await rows<{ id: number }>(tx, sql`select id from persons where id_number_hash = ${hash}`);
        if (exists) continue;
        const disabled = randomInt(12) === 0;
        const phone = m === 0 ? `13${randomInt(5, 10)}${String(randomInt(0, 1e8)).padStart(8, '0')}` : null;
        const [p] = await tx
          .insert(persons)
          .values({
            platformId: newPlatformId('P'),
            name: demoName(),
            sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
            birthDate: birth,
            idNumberEnc: deps.cipher.encrypt(idNumber),
            idNumberHash: hash,
            phoneEnc: phone ? deps.cipher.encrypt(phone) : null,
            phoneHash: phone ? deps.cipher.lookupHash(phone) : null,
            hukouDivisionCode: village.code,
            hukouType: urban ? 'urban' : 'rural',
            disabilityType: disabled ? pick(['physical', 'visual', 'intellectual', 'hearing']) : null,
            disabilityGrade: disabled ? 1 + randomInt(4) : null,
            householdId: h.id,
            relation,
          })
          .returning({ id: persons.id });
        if (m === 0) headId = p.id;
        personCount++;
        if (disabled) {
          await tx.insert(benefits).values({
            personId: p.id,
            divisionCode: village.code,
            type: 'disability_living',
            monthlyAmountFen: 8000,
            startMonth: '2025-01',
            source: 'agency',
            note: '残联数据（演示）',
          });
        }
      }
      await tx
        .update(households)
        .set({ headPersonId: headId })
        .where(sql`id = ${h.id}`);
    }
  });
  const county = villages[0].county;
  const township = townshipOf(villages[0].code);
  const demoUsers = [
    { username: 'county_reviewer', displayName: '县区审核员（演示）', roles: ['county_reviewer'], divisionCode: county },
    { username: 'township_clerk', displayName: '乡镇经办员（演示）', roles: ['township_clerk'], divisionCode: township },
    { username: 'village_officer', displayName: '村社区专干（演示）', roles: ['village_officer'], divisionCode: villages[0].code },
    { username: 'auditor', displayName: '审计员（演示）', roles: ['auditor'], divisionCode: deps.config.JIMIN_CITY },
  ];
  for (const u of demoUsers) {
    await db
      .insert(users)
      .values({
        ...u,
        kind: 'staff',
        passwordHash: await hashPassword(generatePassword()),
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      })
      .onConflictDoNothing();
  }
  return { households: wanted, persons: personCount, users: demoUsers.length };
}
