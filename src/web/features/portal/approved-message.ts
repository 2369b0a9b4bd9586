/** What 我的申请 tells a resident whose application is approved: how the money reaches them, in whole sentences. */
export function approvedMessage(category: string): string {
  return category === 'temporary'
    ? '您的申请已批准。临时救助金一次性发放到您的银行账户。'
    : '您的申请已批准。救助金自批准的次月起按月发放到您的银行账户，可在“我的信息”中查看享受的待遇。';
}
