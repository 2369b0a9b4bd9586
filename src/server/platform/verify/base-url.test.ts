/** JIMIN_PUBLIC_BASE_URL (docs/operator-guide.md "Configuration"): the address a document's QR carries. */
import { describe, expect, it } from 'vitest';
import { loadConfig, publicBaseUrl } from '../config.js';

describe('JIMIN_PUBLIC_BASE_URL', () => {
  it('takes http(s)://host[:port][/path] without a trailing slash; absent, the loopback address with PORT; anything else stops the start naming it', () => {
    expect(publicBaseUrl(loadConfig({ PORT: '8080' }))).toBe('http://127.0.0.1:8080');
    expect(publicBaseUrl(loadConfig({ JIMIN_PUBLIC_BASE_URL: 'https://Mzj.Jining.gov.cn/' }))).toBe('https://mzj.jining.gov.cn');
    expect(publicBaseUrl(loadConfig({ JIMIN_PUBLIC_BASE_URL: 'https://mzj.jining.gov.cn/jimin/' }))).toBe(
      'https://mzj.jining.gov.cn/jimin',
    );
    for (const bad of ['mzj.jining.gov.cn', 'ftp://mzj.jining.gov.cn', 'https://mzj.jining.gov.cn/?a=1', 'https://u:p@mzj.jining.gov.cn'])
      expect(() => loadConfig({ JIMIN_PUBLIC_BASE_URL: bad })).toThrow(/JIMIN_PUBLIC_BASE_URL: .*不是有效的公开访问地址/);
  });
});
