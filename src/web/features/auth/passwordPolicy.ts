/**
 * The password policy as the user reads it, and an early check in the browser that mirrors the
 * server's (src/server/platform/auth/password.ts). The server stays the judge: it also refuses
 * common passwords and the last 5 passwords, which the browser cannot know.
 */
export const POLICY_TEXT = '至少 8 位且包含大写、小写、数字、符号中的 3 类，或至少 16 位的口令短语';

export const POLICY_NOTE = `密码${POLICY_TEXT}；不能包含用户名，不能与最近 5 次用过的密码相同。`;

export function passwordClasses(password: string): number {
  return [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
}

/** null when the password may be sent; otherwise why not. */
export function checkPassword(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length > 128) return '密码不能超过 128 位';
  const name = username?.trim().toLowerCase() ?? '';
  if (name.length >= 3 && password.toLowerCase().includes(name)) return '密码不能包含用户名';
  if (length >= 8 && passwordClasses(password) >= 3) return null;
  if (length >= 16) return new Set(password).size >= 6 ? null : '口令短语中重复的字符太多，请至少使用 6 种不同的字符';
  return `密码${POLICY_TEXT}`;
}

/** An antd form rule from checkPassword. */
export const passwordRule = (username?: string) => ({
  validator: (_: unknown, v: string | undefined) => {
    if (!v) return Promise.resolve();
    const problem = checkPassword(v, username);
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
});
