/** Code lists of system administration, code ↔ Chinese name (docs/glossary.md). Runs in the browser too. */

/** Kinds of organisation (组织机构), whose staff see only the organisation's persons. */
export const organisationKinds = {
  department: '局机关科室',
  rescue_station: '救助管理站',
  care_facility: '养老机构',
  volunteer_team: '志愿服务队',
  charity: '慈善组织',
  shop: '慈善超市',
} as const;
export type OrganisationKind = keyof typeof organisationKinds;
