/**
 * A web feature area's manifest (docs/adding-a-module.md "The manifest"): its pages, with the
 * permission each needs and where it stands in the menu, and the audit labels of the module it
 * shows. `src/web/features/index.ts` lists them; the router (routes.tsx), the menu (Layout.tsx)
 * and the audit page (features/audit/auditNames.ts) are built from that list.
 */
import { lazy, type ComponentType } from 'react';
import type { Permission } from '../../shared/permissions';
import type { ModuleAuditLabels } from '../../shared/audit/labels';

/**
 * Where a page stands: in the staff layout with its menu (the default), on its own for any signed-in
 * user (修改密码), in the resident portal, or open to all (the login pages, the public 公示).
 */
export type PageShell = 'staff' | 'signed-in' | 'resident' | 'public';

export interface WebPage {
  path: string;
  page: ComponentType;
  /** What a staff page needs; null: every signed-in user (and every visitor of a public page). */
  permission: Permission | null;
  shell?: PageShell;
  /** Its entry in the left menu: the group's name and its own, in the order of the module list. */
  menu?: { group: string; label: string };
}

export interface WebModule {
  name: string;
  pages: WebPage[];
  /** The audit page's groups and action labels of this module (src/shared/<module>/audit-actions.ts). */
  auditLabels?: ModuleAuditLabels;
}

/** Each page is its own chunk: the login page does not wait for ECharts or the admin pages. */
export function lazyPage<M>(load: () => Promise<M>, name: keyof M): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

export interface MenuEntry {
  key: string;
  label: string;
  perm: Permission | null;
}

/** The left menu: groups in the order they first appear in the module list, entries in module and page order. */
export function menuGroups(modules: WebModule[]): { label: string; items: MenuEntry[] }[] {
  const groups: { label: string; items: MenuEntry[] }[] = [];
  for (const m of modules) {
    for (const p of m.pages) {
      if (!p.menu) continue;
      let group = groups.find((g) => g.label === p.menu?.group);
      if (!group) groups.push((group = { label: p.menu.group, items: [] }));
      group.items.push({ key: p.path, label: p.menu.label, perm: p.permission });
    }
  }
  return groups;
}
