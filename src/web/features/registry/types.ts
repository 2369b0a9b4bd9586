import { disabilityTypes, relations } from '../../../shared/registry-codes';

export interface PersonRow {
  id: number;
  platformId: string;
  name: string;
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  noIdReason: string | null;
  hukouDivisionCode: string;
  hukouDivisionName: string | null;
  /** The hukou was given at a resident's sign-up and is not confirmed yet (待核实). */
  hukouUnverified: boolean;
  residenceDivisionCode: string | null;
  hukouType: 'urban' | 'rural';
  disabilityType: string | null;
  disabilityGrade: number | null;
  householdId: number | null;
  relation: string | null;
  hasHealthNotes: boolean;
  version: number;
}

export interface Benefit {
  id: number;
  personId: number;
  personName: string;
  type: string;
  typeName: string;
  monthlyAmountFen: number;
  startMonth: string;
  endMonth: string | null;
  source: string;
  sourceName: string;
  note: string | null;
}

export interface PersonDetail extends PersonRow {
  household: { id: number; householdNo: string; headName: string | null; relation: string | null } | null;
  benefits: Benefit[];
}

export interface HouseholdRow {
  id: number;
  householdNo: string;
  divisionCode: string;
  divisionName: string | null;
  address: string;
  headName: string | null;
  memberCount: number;
}

export interface HouseholdDetail extends HouseholdRow {
  members: PersonRow[];
  benefits: Benefit[];
}

export const relationName = (r: string | null | undefined) => (r ? (relations[r as keyof typeof relations] ?? r) : '');

export const disabilityText = (p: Pick<PersonRow, 'disabilityType' | 'disabilityGrade'>) =>
  p.disabilityType
    ? `${disabilityTypes[p.disabilityType as keyof typeof disabilityTypes] ?? p.disabilityType} ${p.disabilityGrade ?? ''} 级`
    : '';
