/**
 * The 公示 board on a kind of its own (not assistance's): a module starts a notice with what may be
 * shown, the public page lists the running ones of a township or village, an objection withdraws one,
 * and a notice past its last day ends with the module's handler in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { places, startTestApp, type TestApp } from '../../testing/harness.js';
import { rows, type Db } from '../db/index.js';
import { NoticeBoard } from './board.js';

let t: TestApp;
let board: NoticeBoard;
const handled: { recordId: number; today: string }[] = [];
let failing = false;

beforeAll(async () => {
  t = await startTestApp();
  await t.owner.execute(sql`create table notice_test_records (id int primary key, status text not null)`);
  // The board writes as the application; on PostgreSQL that is the jimin_app role (docs/security.md D6).
  if (t.deps.database.kind === 'postgres') await t.owner.execute(sql`grant select, insert, update on notice_test_records to jimin_app`);
  board = new NoticeBoard(t.deps.database);
  board.register('notice_test', async (tx: Db, recordId: number, today: string) => {
    await tx.execute(sql`update notice_test_records set status = 'announced' where id = ${recordId}`);
    if (failing) throw new Error('handler failed');
    handled.push({ recordId, today });
  });
});
afterAll(async () => t?.close());

const village = places.renchengVillageA;
const start = (recordId: number, lastDay: string, divisionCode = village) =>
  t.deps.database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into notice_test_records values (${recordId}, 'proposed')`);
    await board.startInTx(tx, {
      kind: 'notice_test',
      recordId,
      divisionCode,
      matter: '拟命名',
      shown: { name: '张**', place: '幸福路' },
      startsOn: '2026-11-02',
      lastDay,
    });
  });
const statusOf = async (id: number) =>
  (await rows<{ status: string }>(t.deps.database.db, sql`select status from notice_test_records where id = ${id}`))[0].status;

describe('the 公示 board', () => {
  it('shows a running notice on the page of its village and of its township, through its last day, as it was given', async () => {
    await start(1, '2026-11-08');
    const shown = await board.running(village, '2026-11-08');
    expect(shown).toEqual([
      { matter: '拟命名', name: '张**', place: '幸福路', noticeEnds: '2026-11-08', divisionName: expect.stringContaining('') },
    ]);
    expect(await board.running(village.slice(0, 9), '2026-11-02')).toHaveLength(1);
    expect(await board.running(places.renchengTownshipB, '2026-11-02')).toEqual([]);
    expect(await board.running(village, '2026-11-09')).toEqual([]);
  });

  it('ends a notice only after its last day, with the handler in the same transaction; a failing handler leaves it running', async () => {
    expect(await board.endDue('2026-11-08')).toBe(0);
    failing = true;
    await expect(board.endDue('2026-11-09')).rejects.toThrow('handler failed');
    expect(await statusOf(1)).toBe('proposed');
    failing = false;
    expect(await board.endDue('2026-11-09')).toBe(1);
    expect(handled).toEqual([{ recordId: 1, today: '2026-11-09' }]);
    expect(await statusOf(1)).toBe('announced');
    expect(await board.endDue('2026-11-10')).toBe(0);
  });

  it('an objection withdraws the notice: off the page, never ended; the record may be announced again', async () => {
    await start(2, '2026-11-20');
    await t.deps.database.db.transaction((tx) => board.withdrawInTx(tx, 'notice_test', 2));
    expect(await board.running(village, '2026-11-10')).toEqual([]);
    expect(await board.endDue('2026-12-01')).toBe(0);
    await t.deps.database.db.transaction((tx) =>
      board.startInTx(tx, {
        kind: 'notice_test',
        recordId: 2,
        divisionCode: village,
        matter: '拟命名',
        shown: { name: '李*' },
        startsOn: '2026-11-21',
        lastDay: '2026-11-27',
      }),
    );
    expect((await board.running(village, '2026-11-21')).map((n) => n.name)).toEqual(['李*']);
  });

  it('refuses a notice of a kind no module registered', async () => {
    await expect(
      t.deps.database.db.transaction((tx) =>
        board.startInTx(tx, {
          kind: 'unknown',
          recordId: 3,
          divisionCode: village,
          matter: '',
          shown: {},
          startsOn: '2026-11-02',
          lastDay: '2026-11-08',
        }),
      ),
    ).rejects.toThrow('notices: no handler registered for unknown');
  });
});
