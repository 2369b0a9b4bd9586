/** The roster spreadsheet (花名册): one column list for the template, the import and the export. */
import { disabilityTypes, hukouTypes } from '../../../shared/registry-codes.js';

export const rosterHeaders = ['姓名', '身份证号', '联系电话', '户籍区划代码', '城乡类别', '残疾类别', '残疾等级', '现居住区划代码', '健康状况'] as const;

export const rosterHelp = [
  '姓名：必填',
  '身份证号：必填，18 位，末位 X 大小写均可',
  '联系电话：11 位手机号或带区号的固定电话，可空',
  '户籍区划代码：必填，12 位村（社区）统计代码，须在您的管辖范围内',
  `城乡类别：${Object.values(hukouTypes).join(' / ')}`,
  `残疾类别：${Object.values(disabilityTypes).join(' / ')}，无则留空`,
  '残疾等级：1–4，与残疾类别同时填写',
  '现居住区划代码：12 位，可空',
  '健康状况：可空，加密保存',
];
