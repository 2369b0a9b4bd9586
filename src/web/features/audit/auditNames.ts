/**
 * The audit page's view of the audit lists: the action filter's grouped options and the actions'
 * labels come from the web modules (src/web/features/index.ts, each with its module's list from
 * src/shared/<module>/audit-actions.ts), a row's object and details in words from
 * src/shared/audit-actions.ts.
 */
import {
  auditDetailItems,
  auditDetailsText,
  auditModules,
  auditObjectText,
  auditObjectTypes,
  type AuditDetailItem,
  type AuditNames,
  type AuditRowLike,
} from '../../../shared/audit-actions';
import type { AuditActionLabel } from '../../../shared/audit/labels';
import { webModules } from '..';

export { auditObjectText, auditObjectTypes };

const lists = webModules.flatMap((m) => (m.auditLabels ? [m.auditLabels] : []));
const labels: Record<string, AuditActionLabel> = Object.assign({}, ...lists.map((l) => l.actions));
const groups: Record<string, string> = Object.assign({}, ...lists.map((l) => l.groups));

/** The label, or, for a code no module knows (an old row), the code itself marked as such. */
export const auditActionLabel = (code: string): string => labels[code]?.label ?? `未登记的操作（${code}）`;

/** The action filter's value for a whole group ("module:assistance_case"); any other value is one action. */
const MODULE = 'module:';

/** The groups in the order the server lists them (src/shared/audit-actions.ts), a group it does not know last. */
const order = Object.keys(auditModules);
const rank = (group: string) => (order.includes(group) ? order.indexOf(group) : order.length);

/** Every action, grouped as the modules group them; each group starts with "all of this group". */
export const actionFilterOptions = Object.entries(groups)
  .sort(([a], [b]) => rank(a) - rank(b))
  .map(([module, label]) => ({
    label,
    title: label,
    options: [
      { value: `${MODULE}${module}`, label: `全部「${label}」操作`, code: '' },
      ...Object.entries(labels)
        .filter(([, a]) => a.module === module)
        .map(([code, a]) => ({ value: code, label: a.label, code })),
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
