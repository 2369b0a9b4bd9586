/**
 * The audit page's view of the one audit list (src/shared/audit-actions.ts): the action filter's
 * grouped options, and a row's object and details in words.
 */
import {
  auditActionLabel,
  auditActions,
  auditActionsOf,
  auditDetailItems,
  auditDetailsText,
  auditModules,
  auditObjectText,
  auditObjectTypes,
  type AuditDetailItem,
  type AuditModule,
  type AuditNames,
  type AuditRowLike,
} from '../../../shared/audit-actions';

export { auditActionLabel, auditObjectText, auditObjectTypes };

/** The action filter's value for a whole group ("module:assistance_case"); any other value is one action. */
const MODULE = 'module:';

/** Every action, grouped as the list groups them; each group starts with "all of this group". */
export const actionFilterOptions = (Object.entries(auditModules) as [AuditModule, string][]).map(([module, label]) => ({
  label,
  title: label,
  options: [
    { value: `${MODULE}${module}`, label: `全部「${label}」操作`, code: '' },
    ...auditActionsOf(module).map((code) => ({ value: code, label: auditActions[code].label, code })),
  ],
}));

/** The address's filter ↔ the one select: `module=…` or `action=…`. */
export const actionFromFilter = (f: { action?: string; module?: string }): string | undefined =>
  f.module ? `${MODULE}${f.module}` : f.action;
export const actionToFilter = (v: string | undefined): { action?: string; module?: string } =>
  v?.startsWith(MODULE) ? { module: v.slice(MODULE.length) } : { action: v };

export const objectTypeOptions = Object.entries(auditObjectTypes).map(([value, label]) => ({ value, label }));

/** Division codes → full names, as the list answer carries them. */
export const namesFrom = (divisions: Record<string, string> | undefined): AuditNames => ({ division: (code) => divisions?.[code] });

export const detailItems = (row: AuditRowLike, divisions?: Record<string, string>): AuditDetailItem[] =>
  auditDetailItems(row, namesFrom(divisions));
export const detailsText = (row: AuditRowLike, divisions?: Record<string, string>): string => auditDetailsText(row, namesFrom(divisions));
