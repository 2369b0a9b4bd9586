import { describe, expect, it } from 'vitest';
import { checkPersonName, normaliseNameTerm, unifyMiddleDots } from './person-name.js';

describe('person names', () => {
  it('names with zero-width characters are refused with a Chinese message naming the field', () => {
    expect(checkPersonName('李\u200b四')).toEqual({ ok: false, message: '姓名含有不可见字符（在“李”之后），请删除后重新输入' });
    expect(checkPersonName('\u200d张三')).toEqual({ ok: false, message: '姓名含有不可见字符（在开头），请删除后重新输入' });
    expect(checkPersonName('王\u200c\u200d五', '户主姓名')).toEqual({
      ok: false,
      message: '户主姓名含有不可见字符（在“王”之后），请删除后重新输入',
    });
  });

  it('names with any invisible format character are refused: joiners, marks, bidi controls, BOM, soft hyphen', () => {
    const format = [
      0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x202a, 0x202b, 0x202c, 0x202d,
      0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x061c, 0x180e, 0x2028, 0x2029, 0x3164,
    ];
    for (const cp of format) {
      const r = checkPersonName(`李${String.fromCodePoint(cp)}四`);
      expect({ cp: cp.toString(16), ok: r.ok }).toEqual({ cp: cp.toString(16), ok: false });
    }
  });

  it('names with control characters inside are refused; surrounding whitespace is trimmed', () => {
    for (const c of ['\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b']) {
      expect(checkPersonName(`李${c}四`).ok).toBe(false);
    }
    expect(checkPersonName('  李四\n')).toEqual({ ok: true, name: '李四' });
  });

  it('names with a lone surrogate are refused', () => {
    expect(checkPersonName('李\ud800四').ok).toBe(false);
  });

  it('ordinary, rare, private-use and variant-selector names are accepted unchanged', () => {
    for (const name of ['张三', '欧阳娜娜', '𠮷野', '李\ue000', '葛\u{e0100}', 'John Smith', "O'Brien", '阿依古丽·买买提']) {
      expect(checkPersonName(name)).toEqual({ ok: true, name });
    }
  });

  it('the dots of minority names are stored and searched as ·', () => {
    for (const dot of ['•', '．', '・', '･', '‧', '∙', '⋅', '·']) {
      expect(checkPersonName(`买买提${dot}艾力`)).toEqual({ ok: true, name: '买买提·艾力' });
    }
    expect(unifyMiddleDots('买买提 · 艾力')).toBe('买买提·艾力');
    expect(unifyMiddleDots('阿卜杜•热合曼•买买提')).toBe('阿卜杜·热合曼·买买提');
    // A search term written with any of them matches the stored name.
    for (const dot of ['•', '．', '・', '･', '‧']) expect(normaliseNameTerm(`买买提${dot}艾力`)).toBe('买买提·艾力');
  });

  it('a name search term is normalised like a stored name, invisible characters dropped', () => {
    expect(normaliseNameTerm('买买提．')).toBe('买买提·');
    expect(normaliseNameTerm(' 买买提・艾 ')).toBe('买买提·艾');
    expect(normaliseNameTerm('李\u200b四')).toBe('李四');
  });
});
