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
