/**
 * Rules of social assistance that the application form shows as the worker types and the server
 * applies when it computes the benefit: one copy for both. Runs in the browser too.
 */

/** 生活自理能力评估 of 特困 (特困人员认定办法): the six items; an application lists those the person cannot do alone. */
export const selfCareItems = {
  eating: '进食',
  dressing: '穿衣',
  transfer: '上下床',
  toileting: '如厕',
  walking: '室内行走',
  bathing: '洗澡',
} as const;
export type SelfCareItem = keyof typeof selfCareItems;

/** The self-care levels; each selects its care subsidy (standard kind `tekun_care_<level>`). */
export const selfCareLevels = {
  self: '全自理',
  partial: '部分丧失生活自理能力',
  total: '完全丧失生活自理能力',
} as const;
export type SelfCareLevel = keyof typeof selfCareLevels;

/** All six able = 全自理; 1–3 unable = 部分丧失; 4 or more unable = 完全丧失. An item listed twice counts once. */
export function selfCareLevel(unable: readonly SelfCareItem[]): SelfCareLevel {
  const n = new Set(unable).size;
  return n === 0 ? 'self' : n <= 3 ? 'partial' : 'total';
}
