/** The roster spreadsheet (花名册): one column list for the template, the import and the export. */
import { disabilityTypes, hukouTypes } from '../../../shared/registry-codes.js';
import type { TemplateColumn } from '../../platform/xlsx.js';

export const rosterHeaders = [
  '姓名',
  '身份证号',
  '联系电话',
  '户籍区划代码',
  '城乡类别',
  '残疾类别',
  '残疾等级',
  '现居住区划代码',
  '健康状况',
] as const;

/** The 残疾等级 values the import accepts (also the template's dropdown). */
export const disabilityGrades = ['1', '2', '3', '4'] as const;

/** Data rows of the template that carry the dropdowns (the import itself takes any number). */
export const TEMPLATE_ROWS = 100_000;

/** The name of the template's sheet of division codes. */
export const DIVISION_SHEET = '区划代码';

/**
 * How the template's columns are set up: the ID number, the phone and the division codes as text
 * (Excel would turn an 18-digit ID number into a number and keep 15 of its digits, and drop a
 * landline's leading 0), the code lists as dropdowns of exactly the names the import accepts.
 */
export const rosterTemplateColumns: TemplateColumn[] = rosterHeaders.map((header) => {
  switch (header) {
    case '身份证号':
      return { header, width: 22, text: true };
    case '联系电话':
      return { header, width: 16, text: true };
    case '户籍区划代码':
    case '现居住区划代码':
      return { header, width: 18, text: true };
    case '城乡类别':
      return { header, width: 12, list: Object.values(hukouTypes) };
    case '残疾类别':
      return { header, width: 12, list: Object.values(disabilityTypes) };
    case '残疾等级':
      return { header, width: 12, list: disabilityGrades };
    default:
      return { header, width: 16 };
  }
});

export const rosterHelp = [
  '姓名：必填',
  '身份证号：必填，18 位，末位 X 大小写均可。本列已设为“文本”格式，请勿改为“常规”或“数值”：Excel 会把 18 位数字只保留 15 位，末几位变成 0 且无法恢复',
  '联系电话：11 位手机号或带区号的固定电话，可空',
  `户籍区划代码：必填，12 位村（社区）统计代码，须在您的管辖范围内；可用的代码见“${DIVISION_SHEET}”工作表`,
  `城乡类别：必填，从下拉列表选择 ${Object.values(hukouTypes).join(' / ')}（社区、居委会一般为城镇，村一般为农村，请按实际户籍填写）`,
  `残疾类别：${Object.values(disabilityTypes).join(' / ')}，从下拉列表选择，无则留空`,
  '残疾等级：1–4，从下拉列表选择；与残疾类别同时填写或同时留空',
  '现居住区划代码：12 位，可空',
  '健康状况：可空，加密保存',
];
