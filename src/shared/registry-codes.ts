/** Code lists of the registry, code ↔ Chinese name (see docs/glossary.md). */
export const relations = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  other: '其他',
} as const;
export const disabilityTypes = {
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
} as const;
export const sexes = { male: '男', female: '女' } as const;
export const hukouTypes = { urban: '城镇', rural: '农村' } as const;
export const benefitTypes = {
  dibao: '低保',
  tekun: '特困',
  temporary: '临时救助',
  orphan: '孤儿基本生活费',
  unsupported_child: '事实无人抚养儿童基本生活费',
  disability_living: '残疾人生活补贴',
  disability_care: '重度残疾人护理补贴',
  elderly_allowance: '高龄津贴',
  pension: '养老金',
  other: '其他',
} as const;
export const benefitSources = { manual: '手工登记', import: '导入', agency: '外部部门', module: '平台业务' } as const;

export type Relation = keyof typeof relations;
export const keysOf = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
/** Reverse lookup for imports, which carry the Chinese names. */
export const codeByName = <T extends Record<string, string>>(o: T, name: string): keyof T | undefined =>
  (Object.entries(o).find(([, v]) => v === name)?.[0] as keyof T | undefined) ?? (name in o ? (name as keyof T) : undefined);

/** A relation to the head as read (户主, 配偶 …); an unknown code as it is, none as ''. */
export const relationName = (r: string | null | undefined) => (r ? (relations[r as keyof typeof relations] ?? r) : '');

/** A disability as read: 肢体 2 级; none as ''. */
export const disabilityText = (p: { disabilityType: string | null; disabilityGrade: number | null }) =>
  p.disabilityType
    ? `${disabilityTypes[p.disabilityType as keyof typeof disabilityTypes] ?? p.disabilityType} ${p.disabilityGrade ?? ''} 级`
    : '';
