import { describe, expect, it } from 'vitest';
import { entitlementWorkflow as w } from './lifecycle.js';

const today = '2026-11-02';
const none = { stopNoticeEnds: null, today };
const running = { stopNoticeEnds: '2026-11-08', today };
const ended = { stopNoticeEnds: '2026-10-31', today };

describe('the entitlement lifecycle (享受中 / 暂停 / 已停发)', () => {
  it('suspend only what is paid, resume only what is suspended, stop either; a stopped entitlement is reviewed no more', () => {
    expect(w.whyNot('dibao', 'active', 'suspend', none)).toBeNull();
    expect(w.whyNot('dibao', 'suspended', 'suspend', none)).toBe('当前状态为「暂停」，不能暂停发放');
    expect(w.whyNot('dibao', 'active', 'resume', none)).toBe('当前状态为「享受中」，不能恢复发放');
    expect(w.whyNot('dibao', 'suspended', 'stop', none)).toBeNull();
    expect(w.whyNot('dibao', 'stopped', 'review', none)).toBe('当前状态为「已停发」，不能复核');
    expect(w.nextStatus('dibao', 'active', 'review', { kind: 'adjusted' })).toBe('active');
    expect(w.nextStatus('dibao', 'active', 'review', { kind: 'stopped' })).toBe('stopped');
    expect(w.staleMessage).toBe('待遇已被他人调整，请刷新后重试');
  });

  it('终止公示 is for 特困 only, once at a time; re-review waits for its end; an objection only while it runs', () => {
    expect(w.whyNot('dibao', 'active', 'stop_notice', none)).toBe('「终止公示」不适用于此类救助');
    expect(w.whyNot('tekun', 'active', 'stop_notice', none)).toBeNull();
    expect(w.whyNot('tekun', 'active', 'stop_notice', running)).toBe('已在终止公示中（至 2026-11-08），期满无异议后自动停发');
    expect(w.whyNot('tekun', 'active', 'review', running)).toBe('终止公示中（至 2026-11-08），请待公示期满或登记异议后再复核');
    expect(w.whyNot('tekun', 'active', 'stop_objection', none)).toBe('该待遇没有正在进行的终止公示');
    expect(w.whyNot('tekun', 'active', 'stop_objection', running)).toBeNull();
    expect(w.whyNot('tekun', 'active', 'stop_objection', ended)).toBe('终止公示已于 2026-10-31 期满');
  });

  it('a death and a corrected account are recorded in any status, and are no step anyone waits on', () => {
    for (const status of ['active', 'suspended', 'stopped'] as const) {
      expect(w.whyNot('dibao', status, 'death', none)).toBeNull();
      expect(w.whyNot('dibao', status, 'account_change', none)).toBeNull();
    }
    expect(w.stepsFrom('active')).toEqual(['suspend', 'stop']);
    expect(w.stepsFrom('suspended')).toEqual(['resume', 'stop']);
  });
});
