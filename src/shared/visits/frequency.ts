/**
 * How often a programme's people are visited (docs/rules.md "Visits (探访)"): a dated policy value of
 * the module that registers the programme — the days between visits, counted on the calendar
 * (自然日) or in working days (工作日), by category and risk, and how many days before its due date a
 * visit shows as 临期. Shared so the policy page can read the values too.
 */
import { z } from 'zod';

export const visitClocks = { calendar: '自然日', working: '工作日' } as const;
export type VisitClock = keyof typeof visitClocks;

const days = z.number().int().min(1, '间隔至少 1 天').max(366, '间隔最多 366 天');

export const visitFrequencyValue = z.object({
  clock: z.enum(['calendar', 'working'], { error: '请选择按自然日或工作日计算' }),
  /** The interval where no rule below matches. */
  days,
  /** The first rule whose category and risk (each where given) match the person's decides. */
  rules: z
    .array(
      z
        .object({ category: z.string().min(1).optional(), risk: z.string().min(1).optional(), days })
        .refine((r) => r.category !== undefined || r.risk !== undefined, { message: '每条另设的间隔须选择类别或风险', path: ['category'] }),
    )
    .max(50)
    .default([]),
  /** A visit due within this many days (of the clock) from today is 临期. */
  nearDays: z.number().int().min(0).max(60).default(7),
});
export type VisitFrequency = z.infer<typeof visitFrequencyValue>;

/** The value of a programme whose rules may name only its own categories and risks (its policy kind's schema). */
export function frequencyValueFor(names: { categories: Record<string, string>; risks: Record<string, string> }) {
  return visitFrequencyValue.superRefine((v, c) =>
    v.rules.forEach((r, i) => {
      if (r.category !== undefined && !(r.category in names.categories))
        c.addIssue({ code: 'custom', path: ['rules', i, 'category'], message: `类别「${r.category}」不是本探访项目的类别` });
      if (r.risk !== undefined && !(r.risk in names.risks))
        c.addIssue({ code: 'custom', path: ['rules', i, 'risk'], message: `风险「${r.risk}」不是本探访项目的风险` });
    }),
  );
}

/** The interval for a person of `category` and `risk`: the first rule that matches, else the value's days. */
export function intervalFor(f: VisitFrequency, category: string, risk: string): number {
  const rule = f.rules.find((r) => (r.category === undefined || r.category === category) && (r.risk === undefined || r.risk === risk));
  return rule?.days ?? f.days;
}

/** The value in words (每 30 个自然日探访一次；高风险 15 个自然日). */
export function frequencyText(
  f: VisitFrequency,
  names: { categories?: Record<string, string>; risks?: Record<string, string> } = {},
): string {
  const unit = `个${visitClocks[f.clock]}`;
  const rules = f.rules.map((r) => {
    const who = [r.category && (names.categories?.[r.category] ?? r.category), r.risk && (names.risks?.[r.risk] ?? r.risk)]
      .filter(Boolean)
      .join('、');
    return `${who || '其他'} ${r.days} ${unit}`;
  });
  return [`每 ${f.days} ${unit}探访一次`, ...rules].join('；') + `；到期前 ${f.nearDays} 天为临期`;
}
