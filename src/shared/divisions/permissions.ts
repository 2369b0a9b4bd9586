/** The divisions module's permission (src/server/modules/divisions), code → Chinese name. The tree itself is public data. */
export const divisionsPermissions = {
  'divisions.manage': '登记行政区划变更',
} as const;
