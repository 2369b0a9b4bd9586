/** Money in 元 from fen, right-aligned in tables. */
import { yuan } from '../../shared/money';

/** 157200 → "1,572.00 元". */
export function Money({ fen, unit = true, strong = false }: { fen: number | null | undefined; unit?: boolean; strong?: boolean }) {
  if (fen === null || fen === undefined) return null;
  const text = `${yuan(fen)}${unit ? ' 元' : ''}`;
  return (
    <span className="money" style={strong ? { fontWeight: 600 } : undefined}>
      {text}
    </span>
  );
}
