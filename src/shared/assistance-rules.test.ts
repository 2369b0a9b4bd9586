import { describe, expect, it } from 'vitest';
import { selfCareItems, selfCareLevel, selfCareLevels, type SelfCareItem } from './assistance-rules.js';
import { standardKinds } from './assistance-codes.js';

const levelName = (unable: SelfCareItem[]) => selfCareLevels[selfCareLevel(unable)];

describe('特困 生活自理能力', () => {
  it('the self-care assessment has six items: 进食、穿衣、上下床、如厕、室内行走、洗澡', () => {
    expect(Object.values(selfCareItems)).toEqual(['进食', '穿衣', '上下床', '如厕', '室内行走', '洗澡']);
  });

  it('the self-care level: all six able is 全自理, one to three unable 部分丧失, four or more 完全丧失', () => {
    expect(levelName([])).toBe('全自理');
    expect(levelName(['eating'])).toBe('部分丧失生活自理能力');
    expect(levelName(['eating', 'dressing', 'bathing'])).toBe('部分丧失生活自理能力');
    expect(levelName(['eating', 'dressing', 'bathing', 'walking'])).toBe('完全丧失生活自理能力');
    expect(levelName(Object.keys(selfCareItems) as SelfCareItem[])).toBe('完全丧失生活自理能力');
  });

  it('an item listed twice counts once', () => {
    expect(selfCareLevel(['eating', 'eating', 'eating', 'eating'])).toBe('partial');
  });

  it('each level has its care subsidy standard (tekun_care_<level>)', () => {
    for (const level of Object.keys(selfCareLevels)) expect(Object.keys(standardKinds)).toContain(`tekun_care_${level}`);
  });
});
