import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import achievementCredentialSchema from './fixtures/achievementcredential.schema.json';
import profileSchema from './fixtures/profile.schema.json';

/*
 * Validation against 1EdTech's Open Badges 3.0 JSON Schemas (fixtures/, with
 * their source), with Ajv's draft 2019-09 build as they require.
 */
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const credentialValidator = ajv.compile(achievementCredentialSchema);
const profileValidator = ajv.compile(profileSchema);

const errorsOf = (validator: typeof credentialValidator) =>
  (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

/**
 * The schema's complaints about a credential ([] when it is valid). The schema
 * types `proof` as an array; JSON-LD reads one proof object and a one-element
 * array alike, so a single proof is wrapped before validating — what is
 * issued stays as it is.
 */
export function ob3CredentialErrors(credential: Record<string, unknown>): string[] {
  const { proof } = credential;
  const document = proof && !Array.isArray(proof) ? { ...credential, proof: [proof] } : credential;
  return credentialValidator(document) ? [] : errorsOf(credentialValidator);
}

export function ob3ProfileErrors(profile: Record<string, unknown>): string[] {
  return profileValidator(profile) ? [] : errorsOf(profileValidator);
}
