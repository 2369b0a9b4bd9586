/**
 * What a module declares about the audit rows it writes: the groups of the audit page's action filter
 * it opens and its action codes with the Chinese an auditor reads. Each module keeps its own list
 * (src/shared/<module>/audit-actions.ts); src/shared/audit-actions.ts joins them into one.
 */

/** An action's label and the group of the action filter it is listed in. */
export interface AuditActionLabel<G extends string = string> {
  label: string;
  module: G;
}

export interface ModuleAuditLabels<G extends string = string> {
  /** The groups this module opens (code → Chinese name); a module may also list actions in another's group. */
  groups: Record<G, string>;
  /** Action code → label and group, in the order the filter lists them. */
  actions: Record<string, AuditActionLabel>;
}

/** `{ group: { code: label } }` → the module's list; a group's actions keep their order. */
export function moduleAuditLabels<G extends string>(
  groups: Record<G, string>,
  byGroup: Record<string, Record<string, string>>,
): ModuleAuditLabels<G> {
  const actions: Record<string, AuditActionLabel> = {};
  for (const [module, labels] of Object.entries(byGroup)) {
    for (const [code, label] of Object.entries(labels)) actions[code] = { label, module };
  }
  return { groups, actions };
}
