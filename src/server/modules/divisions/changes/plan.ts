/**
 * What a division change does to the tree, worked out when it is recorded (docs/rules.md "Dated
 * divisions (区划变更)"): every old code → new code of the moved subtrees (the mapping table), the
 * divisions it creates and ends, the names it gives. Pure: it reads the city's tree as given, so the
 * validation messages are tested without a database.
 */
import { levelOf } from '../../../../shared/divisions.js';
import type { RecordChangeInput } from '../../../../shared/divisions/changes.js';
import { AppError, type FieldError } from '../../../platform/errors.js';

export interface TreeNode {
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  validTo: string | null;
}

export interface Tree {
  /** Every division of the city, ended ones included (a code once used is never given again). */
  nodes: Map<string, TreeNode>;
  /** Codes a change still waiting (待复核, 待生效) will create; a cancelled one reserves none. */
  reserved: Set<string>;
}

export interface Plan {
  /** Old code → new code, every division of the moved subtrees. */
  map: [oldCode: string, newCode: string][];
  /** The divisions the change creates, with their name (the level and parent follow from the code). */
  created: { code: string; name: string }[];
  /** Divisions that keep their code and take a new name. */
  renamed: { code: string; name: string }[];
  /** What changes, in words. */
  summary: string;
  /** Codes the change reads or creates (for a later change's conflict check). */
  touched: string[];
}

const levelNames: Record<number, string> = { 6: '县（市、区）', 9: '乡镇（街道）', 12: '村（社区）' };
const parentOf = (code: string): string => code.slice(0, code.length === 6 ? 4 : code.length - 3);

/**
 * The ranges of a code's own digits that mean one kind of division (统计用区划代码): a township's
 * 001–099 街道, 100–199 镇, 200–399 乡, 400–599 类似乡级单位; a village's 001–199 居委会, 200–399
 * 村委会, 400–499 类似居委会, 500–599 类似村委会. A code given in a merge keeps its range.
 */
function rangeOf(code: string): [number, number] {
  const seq = Number(code.slice(parentOf(code).length));
  const ranges: [number, number][] =
    code.length === 9
      ? [
          [1, 99],
          [100, 199],
          [200, 399],
          [400, 599],
        ]
      : code.length === 12
        ? [
            [1, 199],
            [200, 399],
            [400, 499],
            [500, 599],
          ]
        : [[1, 99]];
  return ranges.find(([a, b]) => seq >= a && seq <= b) ?? [1, 10 ** (code.length - parentOf(code).length) - 1];
}

/** The range a township's name asks for: …街道 001–099, …镇 100–199, …乡 200–399 (撤镇设街 moves a 1xx to a 0xx). */
function townshipRangeFor(name: string): { range: [number, number]; what: string } | null {
  if (/街道$/.test(name)) return { range: [1, 99], what: '街道' };
  if (/镇$/.test(name)) return { range: [100, 199], what: '镇' };
  if (/乡$/.test(name)) return { range: [200, 399], what: '乡' };
  return null;
}

export function planChange(tree: Tree, input: RecordChangeInput): Plan {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const done = () => {
    if (errors.length) throw AppError.validation(errors);
  };
  const current = (code: string) => {
    const n = tree.nodes.get(code);
    return n && n.validTo === null ? n : undefined;
  };
  const childrenOf = (code: string) => [...tree.nodes.values()].filter((n) => n.parentCode === code && n.validTo === null);
  const subtree = (code: string) =>
    [...tree.nodes.values()].filter((n) => n.code !== code && n.code.startsWith(code) && n.validTo === null).map((n) => n.code);
  const used = (code: string) => tree.nodes.has(code) || tree.reserved.has(code);
  const label = (code: string) => `${tree.nodes.get(code)?.name ?? ''}（${code}）`;

  const mustExist = (field: string, code: string) => {
    if (!current(code)) {
      fail(
        field,
        tree.nodes.has(code) ? `${label(code)}已于 ${tree.nodes.get(code)!.validTo} 撤销，不能再变更` : `行政区划代码 ${code} 不存在`,
      );
      return false;
    }
    return true;
  };
  /** A new code: unused, of the old code's level, under an existing parent (`parent` when it must stay there). */
  const mustBeNew = (field: string, code: string, level: number, parent?: string) => {
    if (code.length !== level) return fail(field, `新代码应为${levelNames[level]}的 ${level} 位代码`);
    if (used(code)) {
      const n = tree.nodes.get(code);
      return fail(
        field,
        n
          ? `代码 ${code} 已被使用（${n.name}${n.validTo ? `，${n.validTo} 撤销` : ''}），区划代码不重复使用`
          : `代码 ${code} 已由一项待复核或待生效的变更使用`,
      );
    }
    if (parent !== undefined && parentOf(code) !== parent)
      return fail(field, `新代码应在上级区划${label(parent)}之下（以 ${parent} 开头）`);
    if (!current(parentOf(code))) fail(field, `新代码的上级区划 ${parentOf(code)} 不存在`);
  };
  const nameFitsCode = (field: string, code: string, name: string) => {
    if (code.length !== 9) return;
    const want = townshipRangeFor(name);
    const seq = Number(code.slice(6));
    if (want && (seq < want.range[0] || seq > want.range[1]))
      fail(
        field,
        `${want.what}的代码第 7–9 位应在 ${String(want.range[0]).padStart(3, '0')}–${String(want.range[1]).padStart(3, '0')} 之间（统计用区划代码），${code} 不符`,
      );
  };

  switch (input.kind) {
    case 'rename': {
      if (!mustExist('code', input.code)) break;
      const n = current(input.code)!;
      if (n.name === input.newName) fail('newName', '新名称与现名称相同');
      nameFitsCode('newName', input.code, input.newName);
      done();
      return {
        map: [],
        created: [],
        renamed: [{ code: input.code, name: input.newName }],
        summary: `${n.name}（${n.code}）更名为 ${input.newName}，代码不变`,
        touched: [input.code],
      };
    }
    case 'recode': {
      if (!mustExist('code', input.code)) break;
      const n = current(input.code)!;
      if (input.newCode === input.code) {
        fail('newCode', '新代码与原代码相同；只改名称请选择“更名”');
        break;
      }
      mustBeNew('newCode', input.newCode, input.code.length);
      const name = input.newName ?? n.name;
      nameFitsCode(input.newName ? 'newName' : 'newCode', input.newCode, name);
      done();
      const map: [string, string][] = [[n.code, input.newCode]];
      for (const d of subtree(n.code)) map.push([d, input.newCode + d.slice(n.code.length)]);
      return {
        map,
        created: map.map(([o, c]) => ({ code: c, name: o === n.code ? name : tree.nodes.get(o)!.name })),
        renamed: [],
        summary: `${n.name}（${n.code}）→ ${name}（${input.newCode}）`,
        touched: [n.code, input.newCode],
      };
    }
    case 'merge': {
      const sources = input.sources;
      if (new Set(sources).size !== sources.length) fail('sources', '合并的区划有重复');
      const found = sources.filter((c, i) => mustExist(`sources.${i}`, c));
      if (found.length !== sources.length) break;
      const nodes = found.map((c) => current(c)!);
      if (new Set(nodes.map((x) => x.code.length)).size > 1) fail('sources', '合并的区划应同级');
      else if (new Set(nodes.map((x) => x.parentCode)).size > 1) fail('sources', '合并的区划应属同一上级区划');
      done();
      const parent = nodes[0].parentCode!;
      const level = nodes[0].code.length;
      const keeps = sources.includes(input.target);
      if (!keeps) mustBeNew('target', input.target, level, parent);
      nameFitsCode('targetName', input.target, input.targetName);
      done();
      // The children of the target keep their codes; each other child keeps its own digits where free,
      // else takes the next free code of its range (a village stays a village, a community a community).
      const taken = new Set(keeps ? childrenOf(input.target).map((c) => c.code.slice(input.target.length)) : []);
      const others = nodes.filter((s) => s.code !== input.target);
      const moving = others.flatMap((s) => childrenOf(s.code).map((child) => ({ s, child, own: child.code.slice(s.code.length) })));
      // First every child whose own digits are free keeps them, then the others take the first free code of their range.
      const suffixOf = new Map<string, string>();
      for (const m of moving)
        if (!taken.has(m.own)) {
          taken.add(m.own);
          suffixOf.set(m.child.code, m.own);
        }
      for (const m of moving) {
        if (suffixOf.has(m.child.code)) continue;
        const [a, b] = rangeOf(m.child.code);
        const free = [...Array(b - a + 1).keys()].map((i) => String(a + i).padStart(m.own.length, '0')).find((x) => !taken.has(x));
        if (!free) throw AppError.conflict(`${input.targetName}下已无可用的${levelNames[m.child.code.length]}代码`);
        taken.add(free);
        suffixOf.set(m.child.code, free);
      }
      const map: [string, string][] = others.map((s) => [s.code, input.target]);
      for (const { child } of moving) {
        const to = input.target + suffixOf.get(child.code)!;
        map.push([child.code, to]);
        for (const d of subtree(child.code)) map.push([d, to + d.slice(child.code.length)]);
      }
      const created = map
        .filter(([, c]) => c !== input.target)
        .map(([o, c]) => ({ code: c, name: tree.nodes.get(o)!.name }))
        .concat(keeps ? [] : [{ code: input.target, name: input.targetName }]);
      const target = keeps ? current(input.target)! : null;
      return {
        map,
        created,
        renamed: target && target.name !== input.targetName ? [{ code: target.code, name: input.targetName }] : [],
        summary: `${nodes.map((x) => `${x.name}（${x.code}）`).join('、')} 合并为 ${input.targetName}（${input.target}）`,
        touched: [...sources, input.target],
      };
    }
    case 'split': {
      if (!mustExist('source', input.source)) break;
      const s = current(input.source)!;
      if (levelOf(s.code) !== 'township') {
        fail('source', '拆分只适用于乡镇（街道）：整村（社区）划入新设的乡镇（街道）');
        break;
      }
      const villages = new Set(childrenOf(s.code).map((c) => c.code));
      const codes = new Set<string>();
      const moved = new Set<string>();
      input.parts.forEach((p, i) => {
        if (codes.has(p.code)) fail(`parts.${i}.code`, `新设区划代码 ${p.code} 重复`);
        codes.add(p.code);
        mustBeNew(`parts.${i}.code`, p.code, 9, s.parentCode!);
        nameFitsCode(`parts.${i}.name`, p.code, p.name);
        p.villages.forEach((v, j) => {
          if (!villages.has(v)) fail(`parts.${i}.villages.${j}`, `${tree.nodes.get(v)?.name ?? ''}（${v}）不是${s.name}现辖的村（社区）`);
          else if (moved.has(v)) fail(`parts.${i}.villages.${j}`, `村（社区）${label(v)}重复划入`);
          moved.add(v);
        });
      });
      done();
      const map: [string, string][] = [];
      for (const p of input.parts) for (const v of p.villages) map.push([v, p.code + v.slice(9)]);
      // Every village gone: the township ends, and a row recorded at the township itself goes to the first new one.
      const dissolved = moved.size === villages.size;
      if (dissolved) map.unshift([s.code, input.parts[0].code]);
      return {
        map,
        created: [
          ...input.parts.map((p) => ({ code: p.code, name: p.name })),
          ...map.filter(([o]) => o !== s.code).map(([o, c]) => ({ code: c, name: tree.nodes.get(o)!.name })),
        ],
        renamed: [],
        summary: `${s.name}（${s.code}）拆分：${input.parts.map((p) => `${p.villages.length} 个村（社区）划入 ${p.name}（${p.code}）`).join('；')}${dissolved ? `；${s.name}撤销` : `；其余 ${villages.size - moved.size} 个村（社区）仍属 ${s.name}`}`,
        touched: [s.code, ...codes],
      };
    }
  }
  done();
  throw new Error('unreachable');
}
