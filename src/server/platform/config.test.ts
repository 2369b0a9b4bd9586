import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('Z7 JIMIN_ALLOWED_ORIGINS takes comma-separated http(s) origins, normalised; anything else stops the start naming the variable', () => {
    expect(loadConfig({}).JIMIN_ALLOWED_ORIGINS).toEqual([]);
    expect(
      loadConfig({ JIMIN_ALLOWED_ORIGINS: ' https://MinZheng.Jining.gov.cn:443/ , http://10.1.2.3:8080 ,' }).JIMIN_ALLOWED_ORIGINS,
    ).toEqual(['https://minzheng.jining.gov.cn', 'http://10.1.2.3:8080']);
    for (const bad of [
      'minzheng.jining.gov.cn',
      'https://a.example/jimin',
      'ftp://a.example',
      'https://a.example?x=1',
      'https://user@a.example',
      '*',
    ]) {
      expect(() => loadConfig({ JIMIN_ALLOWED_ORIGINS: bad }), bad).toThrow(/JIMIN_ALLOWED_ORIGINS/);
    }
  });
});
