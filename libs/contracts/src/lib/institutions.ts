import type { CountryCode } from './countries';
import type { InstitutionKind } from './enums';
import type { LocalizedText } from './localized-text';

export interface Institution {
  id: string;
  /** Short unique code used in imports and rosters, e.g. `RMUTT`. */
  code: string;
  name: LocalizedText;
  kind: InstitutionKind;
  country: CountryCode;
  createdAt: string;
  updatedAt: string;
}

export const INSTITUTION_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
export const INSTITUTION_NAME_MAX_LENGTH = 200;

export interface CreateInstitutionRequest {
  code: string;
  name: LocalizedText;
  kind: InstitutionKind;
  country: CountryCode;
}

export type UpdateInstitutionRequest = Partial<CreateInstitutionRequest>;

export interface InstitutionListQuery {
  kind?: InstitutionKind;
  country?: CountryCode;
  q?: string;
  limit?: number;
  cursor?: string;
}
