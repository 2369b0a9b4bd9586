export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  divisionCode: string;
  divisionName: string | null;
  organisationId: number | null;
  organisationName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  totpEnabled: boolean;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
  totpRequired: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  kind: string;
  kindName: string;
  divisionCode: string;
  divisionName: string | null;
}

/** Organisation kinds (GET /api/organisations `kind`), as the server names them. */
export const organisationKinds = {
  department: '局机关科室',
  rescue_station: '救助管理站',
  care_facility: '养老机构',
  volunteer_team: '志愿服务队',
  charity: '慈善组织',
  shop: '慈善超市',
} as const;
