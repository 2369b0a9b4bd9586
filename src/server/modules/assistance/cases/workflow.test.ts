/**
 * The case workflow as a graph: every action sequence the action table allows, walked from the
 * application, for every kind of case. No path may reach approval without the category's required
 * steps (docs/rules.md "Required steps before approval"); the test reads the table itself.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CaseStatus } from '../../../../shared/assistance-codes.js';
import {
  actions,
  completedSteps,
  dutyConflict,
  needsNotice,
  nextStatus,
  requiredSteps,
  stageDeadline,
  whyNot,
  type ActionCode,
  type CaseVariant,
  type RequiredStep,
} from './workflow.js';
import { deadlineText, PLATFORM_DEFAULT } from '../../../platform/casework/clocks.js';
import type { RecordedAction } from '../../../platform/casework/workflow.js';
import seed from '../policy/jining-policy.json' with { type: 'json' };

const variants: CaseVariant[] = [];
for (const staffRelative of [false, true]) {
  for (const noticeCategories of [[], ['borderline', 'temporary_expense']] as const) {
    variants.push({ category: 'dibao', staffRelative, noticeCategories }, { category: 'tekun', staffRelative, noticeCategories });
    variants.push({ category: 'borderline', staffRelative, noticeCategories });
    variants.push({ category: 'temporary', temporaryType: 'expense', staffRelative, noticeCategories });
    variants.push({ category: 'temporary', temporaryType: 'emergency', staffRelative, noticeCategories });
  }
}
const name = (v: CaseVariant) =>
  `${v.category}${v.temporaryType ? `/${v.temporaryType}` : ''}${v.staffRelative ? ' (staff relative)' : ''} 公示 policy [${v.noticeCategories.join(',')}]`;

/** Every reachable (status, steps done) with the approvals reached, by depth-first search over the action table. */
function walk(v: CaseVariant) {
  const approvals: { path: string[]; done: Set<RequiredStep> }[] = [];
  const seen = new Set<string>();
  let paths = 0;
  const visit = (status: CaseStatus | null, recorded: RecordedAction[]) => {
    const done = completedSteps(recorded);
    const key = `${status}|${[...done].sort().join(',')}|${recorded.at(-1)?.action}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const code of Object.keys(actions) as ActionCode[]) {
      if (whyNot(v.category, status, code, { variant: v, recorded }) !== null) continue;
      // A visit may be recorded by the township or by the county (a staff relative's check).
      const actors = code === 'record_visit' || code === 'record_followup_visit' ? ['370811002', '370811'] : ['370811002'];
      for (const actorDivision of actors) {
        const data = code === 'township_agree' ? { notice: needsNotice(v) } : {};
        const next: RecordedAction[] = [...recorded, { action: code, data, actorDivision, actorUserId: 1 }];
        const to = nextStatus(v.category, status, code, data);
        paths++;
        if (to === 'approved') approvals.push({ path: next.map((r) => r.action), done: completedSteps(next) });
        else if (to !== status || code === 'record_followup_visit') visit(to, next);
      }
    }
  };
  visit(null, []);
  return { approvals, paths };
}

describe('required steps before approval', () => {
  for (const v of variants) {
    it(`no action path approves ${name(v)} without its required steps`, () => {
      const { approvals, paths } = walk(v);
      expect(paths).toBeGreaterThan(10);
      expect(approvals.length).toBeGreaterThan(0);
      const required = requiredSteps(v);
      for (const a of approvals)
        expect({ path: a.path, missing: required.filter((s) => !a.done.has(s)) }).toEqual({ path: a.path, missing: [] });
    });
  }

  it('低保 and 特困 need the check, the visit and 公示 of the proposal to approve; the county policy adds 公示 for 低保边缘 and 支出型临时救助', () => {
    const none = [] as const;
    const both = ['borderline', 'temporary_expense'] as const;
    expect(requiredSteps({ category: 'dibao', noticeCategories: none })).toEqual(['check', 'visit', 'notice']);
    expect(requiredSteps({ category: 'tekun', noticeCategories: none })).toEqual(['check', 'visit', 'notice']);
    expect(requiredSteps({ category: 'borderline', noticeCategories: none })).toEqual(['check', 'visit']);
    expect(requiredSteps({ category: 'borderline', noticeCategories: both })).toEqual(['check', 'visit', 'notice']);
    expect(requiredSteps({ category: 'temporary', temporaryType: 'expense', noticeCategories: both })).toEqual(['visit', 'notice']);
    expect(requiredSteps({ category: 'temporary', temporaryType: 'emergency', noticeCategories: both })).toEqual(['visit']);
    expect(requiredSteps({ category: 'dibao', staffRelative: true, noticeCategories: none })).toEqual([
      'check',
      'visit',
      'notice',
      'county_visit',
    ]);
  });

  it('the required steps match the table in docs/rules.md', () => {
    const doc = readFileSync(new URL('../../../../../docs/rules.md', import.meta.url), 'utf8');
    const table = doc.split('## Required steps before approval')[1].split('\n## ')[0];
    const rowsOf = table.split('\n').filter((l) => l.startsWith('| `'));
    const policy = ['borderline', 'temporary_expense'] as const;
    const byKey: Record<string, CaseVariant> = {
      dibao: { category: 'dibao', noticeCategories: policy },
      tekun: { category: 'tekun', noticeCategories: policy },
      borderline: { category: 'borderline', noticeCategories: policy },
      'temporary/expense': { category: 'temporary', temporaryType: 'expense', noticeCategories: policy },
      'temporary/emergency': { category: 'temporary', temporaryType: 'emergency', noticeCategories: policy },
    };
    expect(rowsOf.map((r) => r.split('`')[1]).sort()).toEqual(Object.keys(byKey).sort());
    for (const row of rowsOf) {
      const cells = row.split('|').map((c) => c.trim());
      const key = cells[1].replaceAll('`', '');
      const marks = { check: cells[3], visit: cells[4], notice: cells[5] };
      const expected = requiredSteps(byKey[key]);
      for (const [step, mark] of Object.entries(marks))
        expect({ key, step, required: mark.startsWith('✓') }).toEqual({ key, step, required: expected.includes(step as RequiredStep) });
    }
  });

  it('a township that disagrees cannot approve: the reason names the missing 公示 and the way back', () => {
    const v: CaseVariant = { category: 'dibao', noticeCategories: [] };
    const recorded: RecordedAction[] = ['apply_at_window', 'request_check', 'complete_check', 'record_visit', 'township_disagree'].map(
      (action) => ({ action }),
    );
    expect(whyNot('dibao', 'awaiting_decision', 'approve', { variant: v, recorded })).toBe(
      '尚未完成「公示7天（拟同意的审核意见）」，不能执行「审批通过」；可「退回重新调查并公示」',
    );
    expect(whyNot('dibao', 'awaiting_decision', 'refuse', { variant: v, recorded })).toBeNull();
    expect(whyNot('dibao', 'awaiting_decision', 'return_for_review', { variant: v, recorded })).toBeNull();
  });

  it('急难型临时救助 pays first but completes its paperwork only after the investigation', () => {
    const v: CaseVariant = { category: 'temporary', temporaryType: 'emergency', noticeCategories: [] };
    const paid: RecordedAction[] = [{ action: 'apply_at_window' }, { action: 'pay_first' }];
    expect(whyNot('temporary', 'paid_first', 'complete_paperwork', { variant: v, recorded: paid })).toBe(
      '尚未完成「入户调查」，不能执行「补齐材料并审批」',
    );
    expect(
      whyNot('temporary', 'paid_first', 'complete_paperwork', { variant: v, recorded: [...paid, { action: 'record_followup_visit' }] }),
    ).toBeNull();
  });
});

describe('separation of duties', () => {
  const recorded: RecordedAction[] = [
    { action: 'apply_at_window', actorUserId: 7 },
    { action: 'record_visit', actorUserId: 8 },
  ];
  it('the person who entered the case or investigated it cannot approve it; another can; the county may switch it off', () => {
    expect(dutyConflict('approve', recorded, 7, true)).toBe(
      '您已办理本案的「窗口受理」，按不相容岗位分离的规定，「审批通过」须由其他工作人员办理',
    );
    expect(dutyConflict('approve', recorded, 8, true)).toBe(
      '您已办理本案的「登记入户调查」，按不相容岗位分离的规定，「审批通过」须由其他工作人员办理',
    );
    expect(dutyConflict('approve', recorded, 9, true)).toBeNull();
    expect(dutyConflict('approve', recorded, 7, false)).toBeNull();
    expect(dutyConflict('refuse', recorded, 7, true)).toBeNull();
  });
});

describe('stage deadlines', () => {
  it('every (category, stage) deadline and its source match the table in docs/rules.md', () => {
    const doc = readFileSync(new URL('../../../../../docs/rules.md', import.meta.url), 'utf8');
    const table = doc.split('## Stage deadlines')[1].split('\n## ')[0];
    const documented = table
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim().replaceAll('`', '')),
      );
    const defaults = seed.parameters.stage_deadline_days as Record<string, Partial<Record<CaseStatus, number>>>;
    const stages: CaseStatus[] = [
      'submitted',
      'accepted',
      'checking',
      'visiting',
      'township_review',
      'notice',
      'awaiting_decision',
      'paid_first',
    ];
    const applies = (c: string, s: CaseStatus) => !(s === 'checking' && c === 'temporary') && !(s === 'paid_first' && c !== 'temporary');
    const computed: string[][] = [];
    for (const category of ['dibao', 'tekun', 'borderline', 'temporary'] as const) {
      for (const stage of stages.filter((s) => applies(category, s))) {
        const d = stageDeadline(category, stage, defaults[category]);
        expect(d, `${category} ${stage}`).not.toBeNull();
        computed.push([category, stage, deadlineText(d!), d!.source]);
      }
    }
    expect(documented).toEqual(computed);
  });

  it("a 低保 case in 乡镇审核 is due by the platform default, not 特困人员认定办法's 15 working days; 临时救助 cites no 低保 rule for its decision", () => {
    const defaults = seed.parameters.stage_deadline_days as Record<string, Partial<Record<CaseStatus, number>>>;
    expect(stageDeadline('dibao', 'township_review', defaults.dibao)).toEqual({ workingDays: 3, source: PLATFORM_DEFAULT });
    expect(stageDeadline('tekun', 'township_review', defaults.tekun)).toMatchObject({ workingDays: 15 });
    expect(stageDeadline('temporary', 'awaiting_decision', defaults.temporary)).toEqual({ workingDays: 10, source: PLATFORM_DEFAULT });
  });
});
