/**
 * Person names as the registry stores and searches them: the one rule for every name field of a
 * person (registry forms, household members, roster import rows, resident sign-up; assistance
 * applications name registry persons by id). Runs in the browser too: no node: imports.
 *
 * Invisible characters are refused, not stripped. A registry name must match the 户口簿 and the ID
 * card character for character, and it is matched, deduplicated and printed on notices and bank
 * files: a name silently changed by the server is worse than one the clerk retypes. Names pasted
 * from Word or a web page often carry a zero-width space or a BOM; the message says what is wrong
 * and where, and the clerk deletes it (in the import's error report, the row names it too).
 * Refused: control characters (Cc: NUL, tab, newline, DEL, C1), every format character (Cf:
 * zero-width space/joiners U+200B–U+200D, LRM/RLM U+200E–U+200F, bidi embeddings and isolates
 * U+202A–U+202E and U+2066–U+2069, word joiner and invisible operators U+2060–U+2064, BOM U+FEFF,
 * soft hyphen U+00AD, …), line and paragraph separators, lone surrogates and the Hangul fillers
 * that render as nothing. Not refused: private-use characters (older household-registration systems
 * put 生僻字 there) and variation selectors (ideographic variants of rare characters).
 *
 * The middle dot of minority and foreign names (买买提·艾力) is typed in many ways depending on the
 * input method: • ． ・ ･ ‧ ∙ ⋅. Names are stored with U+00B7 ·, spaces around it dropped, and search
 * terms are normalised the same way, so 买买提•艾力 finds 买买提·艾力.
 */

export const MIDDLE_DOT = '\u00b7';

/** Look-alikes of the middle dot: • U+2022, ． U+FF0E, ・ U+30FB, ･ U+FF65, ‧ U+2027, ∙ U+2219, ⋅ U+22C5, · U+0387. */
const DOT_VARIANTS = /\s*[\u00b7\u2022\uff0e\u30fb\uff65\u2027\u2219\u22c5\u0387]\s*/gu;

/** Characters a name may not hold (see above). */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

export type PersonNameResult = { ok: true; name: string } | { ok: false; message: string };

/**
 * Checks and normalises a name as entered (trimmed, middle dots unified). `label` names the field
 * in the message (姓名, 户主姓名 …).
 */
export function checkPersonName(input: string, label = '姓名'): PersonNameResult {
  const raw = input.trim();
  const bad = INVISIBLE.exec(raw);
  if (bad) {
    const before = [...raw.slice(0, bad.index)].filter((ch) => !INVISIBLE.test(ch)).pop();
    const where = before ? `（在“${before}”之后）` : '（在开头）';
    return { ok: false, message: `${label}含有不可见字符${where}，请删除后重新输入` };
  }
  return { ok: true, name: unifyMiddleDots(raw) };
}

/** Every middle-dot look-alike as U+00B7, without spaces around it. */
export function unifyMiddleDots(name: string): string {
  return name.replace(DOT_VARIANTS, MIDDLE_DOT);
}

/**
 * A name search term: normalised like a stored name, invisible characters dropped (a search
 * stores nothing, so it is forgiving where a registration is strict).
 */
export function normaliseNameTerm(term: string): string {
  return unifyMiddleDots(term.replace(INVISIBLE_ALL, '').trim());
}
