/**
 * An ID number that a spreadsheet stored as a number (花名册导入). Excel keeps 15 significant digits
 * of a number, so 370811196604127310 typed into a General cell becomes 370811196604127000, shown
 * as 3.70811E+17; saved as CSV it is one of those two texts. The last digits are gone: the row is
 * told so, not that its check digit is wrong.
 */
import { parseResidentId } from '../../../shared/validation/resident-id.js';

export const ID_STORED_AS_NUMBER = '身份证号被保存为数字，末几位已丢失，请将该列设为文本后重新填写';

/**
 * Whether the ID number of a row was stored as a number: a numeric cell of 16 digits or more
 * (an xlsx records the cell type), or text in the shapes a number takes on its way out of Excel —
 * scientific notation, or 18 digits ending in 000 that fail the check.
 */
export function idStoredAsNumber(text: string, numericCell = false): boolean {
  const t = text.trim();
  if (numericCell) return Math.abs(Number(t)) >= 1e15;
  if (/^\d(\.\d+)?e\+?\d+$/i.test(t)) return true;
  return /^\d{15}000$/.test(t) && !parseResidentId(t).ok;
}
