import { describe, expect, it } from 'vitest';
import { suggestedHukouType, villageKind } from './divisions.js';

describe('villageKind', () => {
  it('reads a community or a village from the name, whatever the code says', () => {
    expect(villageKind('370811002001', '航运新村居委会')).toBe('community');
    expect(villageKind('370811002003', '颂运水庭社区居民委员会')).toBe('community');
    expect(villageKind('370811002401', '水稻研究所社区')).toBe('community');
    expect(villageKind('370811002201', '甄庄村村委会')).toBe('village');
    expect(villageKind('370811002099', '某某村')).toBe('village');
  });

  it('falls back to the code range when the name says neither (or is not known)', () => {
    expect(villageKind('370829102279', '陈凡庄村村委委员会')).toBe('village');
    expect(villageKind('370829102401', '工矿管理区')).toBe('community');
    expect(villageKind('370811009501', '种猪场生活区')).toBe('village');
    expect(villageKind('370811002004')).toBe('community');
    expect(villageKind('370811002000')).toBeNull();
    expect(villageKind('370811002')).toBeNull();
  });

  it('suggests 城镇 for a community and 农村 for a village', () => {
    expect(suggestedHukouType('community')).toBe('urban');
    expect(suggestedHukouType('village')).toBe('rural');
  });
});
