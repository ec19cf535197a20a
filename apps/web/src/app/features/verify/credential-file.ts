import type { Locale } from '@skillbridge/contracts';
import type { CredentialVerification } from '@skillbridge/credentials';

/** Larger than any credential this site issues (a few kilobytes) by far. */
export const MAX_CREDENTIAL_BYTES = 1_000_000;

/** Why a file or pasted text is no credential to check. */
export type MalformedReason = 'empty' | 'too-large' | 'not-json' | 'not-credential';

/** A parsed credential, or why there is none. */
export type ParsedCredential =
  { ok: true; credential: Record<string, unknown> } | { ok: false; reason: MalformedReason };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/**
 * Reads what a person uploaded or pasted: JSON of a Verifiable Credential
 * (a `VerifiableCredential` type, a subject, a proof) — or says why not,
 * without throwing.
 */
export function parseCredential(input: string): ParsedCredential {
  if (!input.trim()) return { ok: false, reason: 'empty' };
  if (input.length > MAX_CREDENTIAL_BYTES) return { ok: false, reason: 'too-large' };
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  if (
    !isObject(value) ||
    !asArray(value['type']).includes('VerifiableCredential') ||
    !isObject(value['credentialSubject']) ||
    !(isObject(value['proof']) || Array.isArray(value['proof']))
  ) {
    return { ok: false, reason: 'not-credential' };
  }
  return { ok: true, credential: value };
}

/** The issuer's id (`issuer` is a URL or a Profile with one). */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential['issuer'];
  return text(issuer) ?? (isObject(issuer) ? text(issuer['id']) : undefined);
}

export interface CredentialStatements {
  /** The names the subject is identified by (IdentityObjects of type name, not hashed). */
  holderNames: string[];
  /** The achievement's name in each language it is given in, its own language first. */
  achievementNames: { inLanguage?: string; name: string }[];
  /** The program code (`humanCode`). */
  achievementCode?: string;
  issuerName?: string;
  validFrom?: string;
  validUntil?: string;
  /** Training hours: the value of the Result whose description is of type `ext:TrainingHours`. */
  hours?: number;
}

/**
 * What an Open Badges credential states, as this site writes it (see the
 * API's open-badge.ts): read defensively, since the file may come from
 * anywhere — anything missing or of the wrong shape is left out.
 */
export function statementsOf(credential: Record<string, unknown>): CredentialStatements {
  const subject = isObject(credential['credentialSubject']) ? credential['credentialSubject'] : {};
  const achievement = isObject(subject['achievement']) ? subject['achievement'] : {};
  const issuer = credential['issuer'];

  const holderNames = asArray(subject['identifier'])
    .filter(isObject)
    .filter((id) => id['identityType'] === 'name' && id['hashed'] === false)
    .map((id) => text(id['identityHash']))
    .filter((name): name is string => !!name);

  const primary = text(achievement['name']);
  const achievementNames = [
    ...(primary ? [{ inLanguage: text(achievement['inLanguage']), name: primary }] : []),
    ...asArray(achievement['related'])
      .filter(isObject)
      .map((related) => ({ inLanguage: text(related['inLanguage']), name: text(related['name']) }))
      .filter((edition): edition is { inLanguage: string | undefined; name: string } => !!edition.name),
  ];

  const hoursIds = new Set(
    asArray(achievement['resultDescription'])
      .filter(isObject)
      .filter((description) => description['resultType'] === 'ext:TrainingHours')
      .map((description) => description['id']),
  );
  const hoursResult = asArray(subject['result'])
    .filter(isObject)
    .find((result) => hoursIds.has(result['resultDescription']));
  const hours = hoursResult ? Number(hoursResult['value']) : Number.NaN;

  return {
    holderNames,
    achievementNames,
    achievementCode: text(achievement['humanCode']),
    issuerName: isObject(issuer) ? text(issuer['name']) : undefined,
    validFrom: text(credential['validFrom']),
    validUntil: text(credential['validUntil']),
    ...(Number.isFinite(hours) ? { hours } : {}),
  };
}

/** The achievement's name in the reader's language when the credential gives one, else in its own. */
export function achievementNameIn(statements: CredentialStatements, locale: Locale): string | undefined {
  const names = statements.achievementNames;
  return (names.find((edition) => edition.inLanguage === locale) ?? names[0])?.name;
}

/** The one word on a checked credential: what an employer needs to know first. */
export type CredentialVerdict =
  'valid' | 'invalid' | 'revoked' | 'status-unknown' | 'expired' | 'not-yet-valid' | 'undated';

/**
 * A signature that does not verify outweighs everything (nothing the file
 * says can be trusted); then revocation; then a status list that could not
 * be read; then the dates.
 */
export function verdictOf(verification: CredentialVerification): CredentialVerdict {
  if (!verification.signature.ok) return 'invalid';
  if (verification.status.revoked) return 'revoked';
  if (!verification.status.ok) return 'status-unknown';
  switch (verification.validity.error) {
    case 'expired':
      return 'expired';
    case 'not-yet-valid':
      return 'not-yet-valid';
    case 'no-valid-from':
      return 'undated';
    default:
      return verification.validity.ok ? 'valid' : 'undated';
  }
}

/** The key a proof names (`<issuer>#<key>`): its fragment, the public key in multibase. */
export function keyOf(verificationMethod: string | undefined): string | undefined {
  if (!verificationMethod) return undefined;
  const hash = verificationMethod.indexOf('#');
  return hash < 0 ? verificationMethod : verificationMethod.slice(hash + 1);
}
