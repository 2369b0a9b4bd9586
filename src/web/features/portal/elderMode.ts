import { useSyncExternalStore } from 'react';

/**
 * 长辈版 (elder mode) of the resident portal: larger text, stronger contrast and bigger tap targets.
 * Remembered per device (localStorage), so a grandchild can switch it on once on grandma's phone.
 */
const KEY = 'jimin.portal.elder';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setElderMode(on: boolean): void {
  try {
    window.localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // Private browsing without storage: the switch still works until the page is left.
  }
  current = on;
  for (const l of listeners) l();
}

let current: boolean | null = null;

export function useElderMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => (current ??= read()),
  );
  return [on, setElderMode];
}
