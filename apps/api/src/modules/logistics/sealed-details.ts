import type { DietaryDetails, PassportDetails } from '@skillbridge/contracts';
import type { SecretBox } from '../../common/crypto/secret-box';

/** Purposes bound into the keys and the authenticated data of sealed logistics (see SecretBox). */
export const PASSPORT_PURPOSE = 'logistics.passport';
export const DIETARY_PURPOSE = 'logistics.dietary';

export function sealPassport(box: SecretBox, passport: PassportDetails): string {
  return box.seal(JSON.stringify(passport), PASSPORT_PURPOSE);
}

export function openPassport(box: SecretBox, sealed: string): PassportDetails {
  return JSON.parse(box.open(sealed, PASSPORT_PURPOSE)) as PassportDetails;
}

export function sealDietary(box: SecretBox, dietary: DietaryDetails): string {
  return box.seal(JSON.stringify(dietary), DIETARY_PURPOSE);
}

export function openDietary(box: SecretBox, sealed: string): DietaryDetails {
  return JSON.parse(box.open(sealed, DIETARY_PURPOSE)) as DietaryDetails;
}
