/**
 * Benefits the law does not allow one person at once, as a declared table (docs/rules.md "The benefit
 * ledger"): 社会救助暂行办法 第十四条 and 特困人员认定办法 — a person supported as 特困 is not also covered
 * by 低保. The ledger (src/server/modules/registry/ledger.ts) refuses a record that breaks a pair.
 */
export const exclusivePairs = [['dibao', 'tekun']] as const;

/** How the refusal names each benefit of a pair. */
export const exclusiveNames: Record<string, string> = { dibao: '低保', tekun: '特困供养' };

/** The benefit types a person holding `type` may not also hold. */
export function excludedBy(type: string): string[] {
  return exclusivePairs.flatMap(([a, b]) => (a === type ? [b] : b === type ? [a] : []));
}

/** The refusal: who already holds which benefit, and the pair it breaks. */
export function exclusionMessage(names: string[], held: string, type: string): string {
  const pair = exclusivePairs.find(([a, b]) => (a === held && b === type) || (b === held && a === type)) ?? [held, type];
  return `${names.join('、')} 正在享受${exclusiveNames[held] ?? held}：同一人不能同时享受${pair.map((t) => exclusiveNames[t] ?? t).join('和')}，请先办理原待遇的调整或停发`;
}
