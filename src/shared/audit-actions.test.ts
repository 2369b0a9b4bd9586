/**
 * The audit list (audit-actions.ts) against the code: every `audit(…)`, `auditInRaw(…)`,
 * `auditRow(…)` and read-audit `record(…)`/`note(…)` call under src/server is read with the
 * TypeScript checker, and its action worked out — a literal, either side of a condition, a
 * constant, a template over a union type (the workflow's `assistance.${code}`), or a parameter
 * followed to every call that passes it (and its default).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  auditDetailItems,
  auditDetailKeys,
  auditDetailsText,
  auditDivisionCodes,
  auditModules,
  auditObjectText,
  auditObjectTypes,
  moduleAuditLists,
  type AuditRowLike,
} from './audit-actions.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const serverDir = join(root, 'src/server');
const auditDir = join(serverDir, 'platform/audit');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

interface Written {
  /** action → where it is written */
  actions: Map<string, string[]>;
  objectTypes: Map<string, string[]>;
  detailKeys: Map<string, string[]>;
  /** What the scan could not work out (each fails the test). */
  unresolved: string[];
  calls: number;
}

class Unresolved extends Error {}

function scan(): Written {
  const files = tsFiles(serverDir);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    resolveJsonModule: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((f) => files.includes(resolve(f.fileName)));
  const where = (n: ts.Node) => {
    const f = n.getSourceFile();
    return `${relative(root, f.fileName)}:${f.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  };
  const out: Written = { actions: new Map(), objectTypes: new Map(), detailKeys: new Map(), unresolved: [], calls: 0 };
  const add = (m: Map<string, string[]>, k: string, at: string) => m.set(k, [...(m.get(k) ?? []), at]);

  const declOf = (n: ts.Node): ts.Declaration | undefined => {
    let s = checker.getSymbolAtLocation(n);
    if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
    return s?.valueDeclaration ?? s?.declarations?.[0];
  };
  /** The writer a call is, with the index of its entry argument. */
  const writers: Record<string, number> = { audit: 2, auditInRaw: 2, auditRow: 1, record: 1, note: 1 };
  function writerArg(call: ts.CallExpression): number | null {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    if (!ts.isIdentifier(callee) || !(callee.text in writers)) return null;
    const d = declOf(callee);
    if (!d || !resolve(d.getSourceFile().fileName).startsWith(auditDir)) return null;
    return writers[callee.text];
  }

  const calls: ts.CallExpression[] = [];
  for (const f of sources) {
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n)) calls.push(n);
      // Object types are also written through FieldView references ({objectType: 'person', …}).
      if (ts.isPropertyAssignment(n) && n.name.getText() === 'objectType') {
        try {
          for (const v of valuesOf(n.initializer, new Set())) add(out.objectTypes, v, where(n));
        } catch {
          /* not a literal: a pass-through (ref.objectType) or a column definition */
        }
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(f, visit);
  }

  const literalsOfType = (e: ts.Expression): string[] | null => {
    const t = checker.getTypeAtLocation(e);
    const parts = t.isUnion() ? t.types : [t];
    return parts.every((p) => p.isStringLiteral()) ? parts.map((p) => (p as ts.StringLiteralType).value) : null;
  };

  /** The strings an expression can be. */
  function valuesOf(e: ts.Expression, seen: Set<ts.Node>): string[] {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return valuesOf(e.expression, seen);
    if (ts.isConditionalExpression(e)) return [...valuesOf(e.whenTrue, seen), ...valuesOf(e.whenFalse, seen)];
    if (ts.isTemplateExpression(e)) {
      let acc = [e.head.text];
      for (const span of e.templateSpans) {
        const vs = literalsOfType(span.expression) ?? valuesOf(span.expression, seen);
        acc = acc.flatMap((a) => vs.map((v) => a + v + span.literal.text));
      }
      return acc;
    }
    const literal = literalsOfType(e);
    if (literal) return literal;
    if (ts.isIdentifier(e)) {
      const d = declOf(e);
      if (d && ts.isParameter(d)) return valuesOfParameter(d, seen);
      if (d && ts.isVariableDeclaration(d) && d.initializer && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)
        return valuesOf(d.initializer, seen);
    }
    throw new Unresolved(`${where(e)}: cannot tell which strings \`${e.getText()}\` can be`);
  }

  /** `{ action }`: the variable (a parameter, a constant) it names. */
  function valuesOfShorthand(p: ts.ShorthandPropertyAssignment): string[] {
    const d = checker.getShorthandAssignmentValueSymbol(p)?.valueDeclaration;
    if (d && ts.isParameter(d)) return valuesOfParameter(d, new Set());
    if (d && ts.isVariableDeclaration(d) && d.initializer && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const)
      return valuesOf(d.initializer, new Set());
    throw new Unresolved(`${where(p)}: cannot tell which strings \`${p.name.text}\` can be`);
  }

  /** A parameter: what every call passes there, or its default. */
  function valuesOfParameter(p: ts.ParameterDeclaration, seen: Set<ts.Node>): string[] {
    if (seen.has(p)) return [];
    seen.add(p);
    const fn = p.parent;
    const index = fn.parameters.indexOf(p);
    const name = fn.name && ts.isIdentifier(fn.name) ? fn.name : null;
    if (!name) throw new Unresolved(`${where(p)}: the action is a parameter of an anonymous function`);
    const target = declOf(name);
    const values: string[] = [];
    let callers = 0;
    for (const c of calls) {
      const callee = ts.isPropertyAccessExpression(c.expression) ? c.expression.name : c.expression;
      if (declOf(callee) !== target) continue;
      callers++;
      const arg = c.arguments[index];
      if (arg) values.push(...valuesOf(arg, seen));
      else if (p.initializer) values.push(...valuesOf(p.initializer, seen));
      else throw new Unresolved(`${where(c)}: no argument for \`${p.name.getText()}\``);
    }
    if (!callers) throw new Unresolved(`${where(p)}: nothing calls ${name.text}, so its \`${p.name.getText()}\` is unknown`);
    return values;
  }

  for (const call of calls) {
    const i = writerArg(call);
    if (i === null) continue;
    const entry = call.arguments[i];
    if (!entry) continue;
    // The writers' own plumbing (audit → auditRow, ReadAudit.record → auditRow) passes its entry on.
    if (ts.isIdentifier(entry)) {
      const d = declOf(entry);
      if (d && ts.isParameter(d) && resolve(d.getSourceFile().fileName).startsWith(auditDir)) continue;
    }
    out.calls++;
    if (!ts.isObjectLiteralExpression(entry)) {
      out.unresolved.push(`${where(entry)}: the audit entry is not written out ({ action: …, … })`);
      continue;
    }
    const prop = (name: string) =>
      entry.properties.find(
        (p): p is ts.PropertyAssignment | ts.ShorthandPropertyAssignment =>
          (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText() === name,
      );
    const action = prop('action');
    try {
      if (!action) throw new Unresolved(`${where(entry)}: no \`action\` in the audit entry`);
      const values = ts.isPropertyAssignment(action) ? valuesOf(action.initializer, new Set()) : valuesOfShorthand(action);
      for (const v of values) add(out.actions, v, where(action));
    } catch (e) {
      if (!(e instanceof Unresolved)) throw e;
      out.unresolved.push(e.message);
    }
    const details = prop('details');
    if (details) {
      const expr = ts.isPropertyAssignment(details) ? details.initializer : details.name;
      const type = checker.getTypeAtLocation(expr);
      const keys = type.getProperties().map((s) => s.name);
      if (!keys.length && checker.getIndexInfosOfType(type).length)
        out.unresolved.push(`${where(details)}: the details' keys cannot be read from their type`);
      for (const k of keys) add(out.detailKeys, k, where(details));
    }
  }
  return out;
}

let written: Written;
beforeAll(() => {
  written = scan();
}, 60_000);

const missing = (found: Map<string, string[]>, known: Record<string, unknown>) =>
  [...found].filter(([k]) => !Object.hasOwn(known, k)).map(([k, at]) => `${k} (${at.join(', ')})`);

describe('the audit list against the server code', () => {
  it('the scan works out every audit call, computed actions included (workflow template, passed-on parameters, constants)', () => {
    expect(written.unresolved).toEqual([]);
    expect(written.calls).toBeGreaterThan(70);
    // `assistance.${code}` over the workflow's action table, `assistance.entitlement.${input.kind}`,
    // `action` passed from totp-setup through recordFailure, and FieldView's constant.
    for (const a of [
      'assistance.approve',
      'assistance.end_notice',
      'assistance.entitlement.suspend',
      'auth.totp_disable',
      'auth.password_change',
      'crypto.integrity_failed',
    ]) {
      expect(written.actions.has(a), a).toBe(true);
    }
  });

  it('every audit action the server writes has a Chinese label', () => {
    expect(missing(written.actions, auditActions)).toEqual([]);
  });

  it('every labelled audit action is one the server writes', () => {
    expect(Object.keys(auditActions).filter((a) => !written.actions.has(a))).toEqual([]);
  });

  it('every object type the server records has a Chinese label, and every label is of a type recorded', () => {
    expect(missing(written.objectTypes, auditObjectTypes)).toEqual([]);
    expect(Object.keys(auditObjectTypes).filter((t) => !written.objectTypes.has(t))).toEqual([]);
  });

  it('every field the server writes into audit details has a Chinese label, and every label is of a field written', () => {
    expect(missing(written.detailKeys, auditDetailKeys)).toEqual([]);
    expect(Object.keys(auditDetailKeys).filter((k) => !written.detailKeys.has(k))).toEqual([]);
  });
});

describe('the audit list', () => {
  it('gives every action a label of its own, in a known group, and no label shows a code', () => {
    const labels = Object.values(auditActions).map((a) => a.label);
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    for (const [code, a] of Object.entries(auditActions)) {
      expect(Object.keys(auditModules), code).toContain(a.module);
      expect(a.label, code).toMatch(/^[^a-z]*$/);
    }
  });

  it("is joined from the modules' lists, each action and each group declared by one module only", () => {
    const twice = (codes: string[]) => codes.filter((c, i) => codes.indexOf(c) !== i);
    expect(twice(moduleAuditLists.flatMap((m) => Object.keys(m.actions)))).toEqual([]);
    expect(twice(moduleAuditLists.flatMap((m) => Object.keys(m.groups)))).toEqual([]);
    expect(Object.keys(auditActions)).toEqual(moduleAuditLists.flatMap((m) => Object.keys(m.actions)));
  });

  it('names the check agencies, case documents and printed documents as the server does (src/shared/assistance-codes.ts)', () => {
    const shown = (action: string, key: string, value: unknown) =>
      auditDetailItems({ action, objectType: null, objectId: null, details: { [key]: value } }).find((i) => i.key === key)?.text;
    expect(shown('assistance_case.print', 'document', 'application')).toBe('社会救助申请审批表');
    expect(shown('assistance.check.reply', 'agency', 'bank')).toBe('银行存款');
    expect(shown('assistance.check.reply', 'agency', ['tax', 'housing_fund'])).toBe('个人所得税、住房公积金');
    expect(shown('assistance_case.document', 'kind', 'medical')).toBe('病历及医疗费用票据');
  });
});

const row = (
  action: string,
  details: Record<string, unknown>,
  objectType: string | null = null,
  objectId: string | null = null,
): AuditRowLike => ({ action, objectType, objectId, details });

describe('audit details in words', () => {
  it('amounts read in 元 and yes/no in Chinese', () => {
    expect(auditDetailsText(row('assistance.roll.approve', { lines: 3, totalFen: 163500 }, 'assistance_roll', '7'))).toBe(
      '名册行数：3 行；合计金额：1,635.00 元',
    );
    expect(auditDetailsText(row('auth.login', { totp: false, totpSetupDue: true }))).toBe('使用动态口令：否；须设置动态口令：是');
    expect(
      auditDetailsText(
        row('assistance.standard.add', { kind: 'dibao', hukouType: 'urban', countyCode: '', effectiveMonth: '2026-07', amountFen: 98000 }),
      ),
    ).toBe('标准类别：低保标准；城乡：城市；地区：全市统一；生效月份：2026年7月；标准：980.00 元/人·月');
  });

  it('a workflow step names the case by its number and the statuses by name', () => {
    const r = row('assistance.request_check', { from: 'accepted', to: 'checking', caseNo: '2026D0000001' }, 'assistance_case', '1');
    expect(auditObjectText(r)).toBe('救助案件 2026D0000001（#1）');
    expect(auditDetailsText(r)).toBe('原状态：已受理（待核对）；新状态：经济状况核对中');
    expect(auditObjectText(row('assistance_case.open', {}, 'assistance_case', '5'))).toBe('救助案件 #5');
  });

  it('search filters read as 字段：值 with the values named, paging left out', () => {
    const r = row('assistance_case.search', {
      filter: { status: 'checking', category: 'dibao', q: '(已提供)', divisionCode: '370811', page: 1, pageSize: 20 },
      total: 2,
    });
    expect(auditDetailsText(r, { division: (c) => (c === '370811' ? '济宁市任城区' : undefined) })).toBe(
      '条件：状态：经济状况核对中，救助类别：低保，申请编号或姓名：(已提供)，区划：济宁市任城区；结果数：2 条',
    );
    expect(auditDivisionCodes(r)).toEqual(['370811']);
    expect(auditDetailsText(row('person.search', { filter: {}, count: 0 }))).toBe('条件：无（全部）；结果数：0 条');
  });

  it('codes, lists and nested values never show as JSON', () => {
    expect(
      auditDetailsText(row('user.roles_change', { before: ['village_officer'], after: ['township_clerk', 'auditor'] }, 'user', '3')),
    ).toBe('修改前：村社区专干；修改后：乡镇经办员、审计员');
    expect(auditDetailsText(row('role.update', { totpRequired: { before: false, after: true } }, 'role', 'auditor'))).toBe(
      '须使用动态口令：否 → 是',
    );
    expect(auditObjectText(row('role.update', {}, 'role', 'auditor'))).toBe('角色 审计员');
    expect(
      auditDetailsText(
        row(
          'assistance.parameter.set',
          { countyCode: '370811', effectiveMonth: '2026-01', value: 30000 },
          'assistance_parameter',
          'employment_cost_deduction_fen',
        ),
      ),
    ).toBe('地区：370811；生效月份：2026年1月；新值：300.00 元');
    expect(
      auditDetailsText(
        row('assistance.parameter.set', { value: { stable: 12, irregular: 6 } }, 'assistance_parameter', 'review_interval_months'),
      ),
    ).not.toMatch(/[{}"]/);
    expect(auditDetailsText(row('assistance.check.decide', { key: 'income:12:wage', decision: 'accept' }, 'assistance_case', '4'))).toBe(
      '核对发现：人员 #12 的工资性收入；处理：采用核对结果',
    );
    expect(auditDetailsText(row('assistance.check.reply', { agency: 'bank', batch: 2, rows: 10, matchedChecks: 3 }))).toBe(
      '回复部门：银行存款；核对批次：#2；行数：10 行；匹配的核对：3 户',
    );
    expect(auditDetailsText(row('auth.login', { reason: 'locked', account: 'unknown_user' }))).toBe('原因：账号已锁定；账号情况：无此账号');
    expect(auditDetailsText(row('person.unmask', { reason: '入户核查身份' }))).toBe('事由：入户核查身份');
  });

  it('a field no label knows still reads without braces', () => {
    expect(auditDetailItems(row('x.y', { odd: { a: 1, b: [true, 'c'] } }))).toEqual([{ key: 'odd', label: 'odd', text: 'a：1，b：是、c' }]);
  });
});
