/**
 * What a change does to the shipped tree and the messages a wrong one gets (docs/rules.md "Dated
 * divisions (区划变更)"), on Jining's real codes: 汶上县南站镇 became 南站街道 (370830003, the
 * 撤镇设街 the 2020 work report names), 南旺镇 (370830102) is still a town.
 */
import { describe, expect, it } from 'vitest';
import { readDivisionFile } from '../load.js';
import { planChange, type Tree } from './plan.js';
import { AppError } from '../../../platform/errors.js';
import type { RecordChangeInput } from '../../../../shared/divisions/changes.js';

const file = readDivisionFile('3708');
const tree = (): Tree => ({
  nodes: new Map(file.divisions.map(([code, name, parent, level]) => [code, { code, name, parentCode: parent, level, validTo: null }])),
  reserved: new Set(),
});
const common = { effectiveDate: '2026-01-01', documentNo: '鲁政字〔2025〕1号', reason: '撤镇设街' };

/** The Chinese messages of a refused change, by field. */
function refused(input: RecordChangeInput, t = tree()): Record<string, string> {
  try {
    planChange(t, input);
  } catch (e) {
    if (e instanceof AppError) {
      const fields = (e.details.fields ?? []) as { field: string; message: string }[];
      return Object.fromEntries(fields.map((f) => [f.field, f.message]));
    }
    throw e;
  }
  throw new Error('the change was accepted');
}

describe('dated divisions: what a change maps', () => {
  it('撤镇设街: 南旺镇 370830102 → 南旺街道 370830004 maps the town and each of its villages to the new prefix', () => {
    const plan = planChange(tree(), { kind: 'recode', code: '370830102', newCode: '370830004', newName: '南旺街道', ...common });
    const villages = file.divisions.filter(([, , parent]) => parent === '370830102');
    expect(plan.map).toHaveLength(1 + villages.length);
    expect(plan.map[0]).toEqual(['370830102', '370830004']);
    for (const [code] of villages) expect(plan.map).toContainEqual([code, `370830004${code.slice(9)}`]);
    expect(plan.created[0]).toEqual({ code: '370830004', name: '南旺街道' });
    expect(plan.summary).toBe('南旺镇（370830102）→ 南旺街道（370830004）');
  });

  it('a rename keeps the code: no code is mapped, the name is the new one', () => {
    const plan = planChange(tree(), { kind: 'rename', code: '370830102', newName: '南旺新镇', ...common });
    expect(plan.map).toEqual([]);
    expect(plan.renamed).toEqual([{ code: '370830102', name: '南旺新镇' }]);
    expect(plan.summary).toBe('南旺镇（370830102）更名为 南旺新镇，代码不变');
  });

  it('a merge into one of its sources keeps that one’s villages and gives a colliding village the first free code of its range', () => {
    // 任城区喻屯镇 into 石桥镇: both number their villages from 200.
    const plan = planChange(tree(), {
      kind: 'merge',
      sources: ['370811109', '370811111'],
      target: '370811109',
      targetName: '石桥镇',
      ...common,
    });
    const to = new Map(plan.map);
    expect(to.get('370811111')).toBe('370811109');
    expect([...to.keys()].some((k) => k.startsWith('370811109'))).toBe(false);
    // 喻屯 235 is free under 石桥 (石桥 ends at 234): kept; 喻屯 200 collides: the first 2xx neither
    // uses once 喻屯's free ones are kept (200–221 and 225–234 石桥, 222–224 and 235 喻屯): 236.
    expect(to.get('370811111235')).toBe('370811109235');
    expect(to.get('370811111200')).toBe('370811109236');
    // 喻屯 401 (a 类似居委会) stays in the 4xx range.
    expect(to.get('370811111401')).toMatch(/^3708111094\d\d$/);
    // No two old codes share a new one (喻屯 itself goes to 石桥's code, which no village has).
    expect(new Set(to.values()).size).toBe(to.size);
  });

  it('a split moves whole villages: the named villages take the new township’s prefix, the others stay', () => {
    const plan = planChange(tree(), {
      kind: 'split',
      source: '370811102',
      parts: [{ code: '370811019', name: '长沟街道', villages: ['370811102200', '370811102201'] }],
      ...common,
    });
    expect(plan.map).toEqual([
      ['370811102200', '370811019200'],
      ['370811102201', '370811019201'],
    ]);
    expect(plan.summary).toContain('其余 37 个村（社区）仍属 长沟镇');
  });
});

describe('dated divisions: validation messages', () => {
  it('a new code already used is refused, naming what uses it', () => {
    expect(refused({ kind: 'recode', code: '370830102', newCode: '370830003', newName: '南旺街道', ...common })).toEqual({
      newCode: '代码 370830003 已被使用（南站街道），区划代码不重复使用',
    });
  });

  it('a street’s code must be 001–099 (统计用区划代码): 撤镇设街 to a 1xx code is refused', () => {
    expect(refused({ kind: 'recode', code: '370830102', newCode: '370830150', newName: '南旺街道', ...common })).toEqual({
      newName: '街道的代码第 7–9 位应在 001–099 之间（统计用区划代码），370830150 不符',
    });
  });

  it('a new code of another level is refused', () => {
    expect(refused({ kind: 'recode', code: '370830102', newCode: '370830102999', ...common })).toEqual({
      newCode: '新代码应为乡镇（街道）的 9 位代码',
    });
  });

  it('an unknown code is refused', () => {
    expect(refused({ kind: 'rename', code: '370830999', newName: '某某镇', ...common })).toEqual({ code: '行政区划代码 370830999 不存在' });
  });

  it('a merge’s sources must be of one level and of one parent', () => {
    expect(
      refused({ kind: 'merge', sources: ['370811109', '370811109200'], target: '370811109', targetName: '石桥镇', ...common }),
    ).toEqual({
      sources: '合并的区划应同级',
    });
    expect(refused({ kind: 'merge', sources: ['370811109', '370830102'], target: '370811109', targetName: '石桥镇', ...common })).toEqual({
      sources: '合并的区划应属同一上级区划',
    });
  });

  it('a merge into a new code must stay under the sources’ parent', () => {
    expect(refused({ kind: 'merge', sources: ['370811109', '370811111'], target: '370830004', targetName: '石桥街道', ...common })).toEqual(
      {
        target: '新代码应在上级区划任城区（370811）之下（以 370811 开头）',
      },
    );
  });

  it('a split moves only the township’s own villages, each once', () => {
    expect(
      refused({
        kind: 'split',
        source: '370811102',
        parts: [{ code: '370811019', name: '长沟街道', villages: ['370811109200', '370811102200', '370811102200'] }],
        ...common,
      }),
    ).toEqual({
      'parts.0.villages.0': '前石桥村村委会（370811109200）不是长沟镇现辖的村（社区）',
      'parts.0.villages.2': '村（社区）长沟村村委会（370811102200）重复划入',
    });
  });

  it('only a township is split', () => {
    expect(
      refused({ kind: 'split', source: '370811', parts: [{ code: '370811019', name: '长沟街道', villages: ['370811102200'] }], ...common }),
    ).toEqual({
      source: '拆分只适用于乡镇（街道）：整村（社区）划入新设的乡镇（街道）',
    });
  });

  it('an ended division is not changed again', () => {
    const t = tree();
    t.nodes.set('370830102', { ...t.nodes.get('370830102')!, validTo: '2025-06-01' });
    expect(refused({ kind: 'rename', code: '370830102', newName: '南旺新镇', ...common }, t)).toEqual({
      code: '南旺镇（370830102）已于 2025-06-01 撤销，不能再变更',
    });
  });

  it('a code a waiting change (待复核, 待生效) will create is not given twice', () => {
    const t = tree();
    t.reserved.add('370830004');
    expect(refused({ kind: 'recode', code: '370830102', newCode: '370830004', newName: '南旺街道', ...common }, t)).toEqual({
      newCode: '代码 370830004 已由一项待复核或待生效的变更使用',
    });
  });
});
