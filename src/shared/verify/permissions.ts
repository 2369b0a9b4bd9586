/** Verifiable documents' permission (src/server/platform/verify), code → Chinese name. */
export const verifyPermissions = {
  'document.revoke': '撤销已签发的文书',
} as const;
