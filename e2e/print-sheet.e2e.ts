/**
 * The household 登记表 as printed: on A4 paper (the browser's own print to PDF), a member's
 * name, birth date and ID number each stay on one line of their cell ("张建/国" and "1972-05-/18"
 * were seen), however long the other columns are.
 */
import { describe, expect, it } from 'vitest';
import { logIn, newPage, useServerAndBrowser } from './support.js';
import { generateResidentId } from '../src/shared/validation/resident-id.js';
import { pdfLines } from '../src/server/platform/pdf/pdf-text.testing.js';
const e2e = useServerAndBrowser({ JIMIN_DEMO: 'false' });

describe('the printed household form', () => {
  it('keeps each name, birth date and ID number on one line of its cell on A4 paper', async () => {
    const page = await newPage(e2e.browser);
    await logIn(page, e2e.server.url, 'admin', e2e.server.adminPassword, 'Jining-Print-Sheet-2026');
    const members = [
      { relation: 'head', name: '张建国', birthDate: '1972-05-18', seq: 101 },
      { relation: 'spouse', name: '欧阳秀英', birthDate: '1974-11-30', seq: 112 },
      { relation: 'child', name: '张晓', birthDate: '1999-01-09', seq: 123 },
    ].map((m) => ({
      relation: m.relation,
      person: {
        name: m.name,
        idNumber: generateResidentId({ addressCode: '370811', birthDate: m.birthDate, seq: m.seq }),
        hukouDivisionCode: '370811002001',
        hukouType: 'urban',
        disabilityType: 'multiple',
        disabilityGrade: 1,
      },
    }));
    const id = await page.evaluate(
      async (body) => {
        const res = await fetch('/api/households', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (!res.ok) throw new Error(await res.text());
        return (await res.json()).id as number;
      },
      { divisionCode: '370811002001', address: '航运新村北区 12 号楼 3 单元 402 室（原航运公司职工宿舍）', members },
    );
    await page.goto(`${e2e.server.url}/households/${id}`);
    await page.getByTestId('household-print-sheet').waitFor({ state: 'attached' });
    // The browser's own print of the page on A4, read back line by line: a wrapped cell shows as two lines.
    const lines = (await pdfLines(await page.pdf({ format: 'A4', printBackground: true }))).flat();
    for (const whole of ['张建国', '1972-05-18', '欧阳秀英', '1974-11-30'])
      expect(
        lines.filter((l) => l.includes(whole)),
        whole,
      ).not.toEqual([]);
    await page.close();
  });
});
