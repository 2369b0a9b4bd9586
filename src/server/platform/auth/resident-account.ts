/**
 * Residents sign in with their ID number; the account name is derived from its keyed hash (the ID
 * number itself is never stored in clear: docs/security.md D1). Both the login and the portal's
 * sign-up derive it here.
 */
export function residentUsername(idNumberHash: string): string {
  return `r:${idNumberHash.slice(0, 32)}`;
}
