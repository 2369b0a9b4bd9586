import { describe, expect, it } from 'vitest';
import { approvedMessage } from './approved-message';

describe('the approved message on 我的申请', () => {
  it('is whole sentences, each ended by 。: 低保 and 特困 are paid monthly from the next month, 临时救助 once', () => {
    for (const category of ['dibao', 'tekun', 'temporary']) {
      const text = approvedMessage(category);
      expect(text.startsWith('您的申请已批准。')).toBe(true);
      expect(text.endsWith('。')).toBe(true);
      expect(text).not.toMatch(/已批准自/);
    }
    expect(approvedMessage('dibao')).toBe('您的申请已批准。救助金自批准的次月起按月发放到您的银行账户，可在“我的信息”中查看享受的待遇。');
    expect(approvedMessage('tekun')).toBe(approvedMessage('dibao'));
    expect(approvedMessage('temporary')).toBe('您的申请已批准。临时救助金一次性发放到您的银行账户。');
  });
});
