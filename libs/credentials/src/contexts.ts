// The declarations must reach every program that compiles this file (API, web app, e2e), whatever it includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./digitalbazaar.d.ts" />
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as securityContexts } from '@digitalbazaar/security-context';
import openBadgesContext from './contexts/ob-v3p0-context-3.0.3.json';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** Defines `verificationMethod`, `assertionMethod` and `controller` at the top level of a controller document. */
export const SECURITY_V2_CONTEXT = 'https://w3id.org/security/v2';

/** `@context` of an Open Badges 3.0 credential: VC 2.0, then Open Badges 3.0.3 (the order the spec requires). */
export const CREDENTIAL_CONTEXT = [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT];
/**
 * `@context` of the issuer document, an Open Badges `Profile` and the
 * controller document of the issuer's keys in one. Verifiers expand it in
 * JSON-LD safe mode, where every term must be defined: Multikey for the keys,
 * security v2 for `verificationMethod` and `assertionMethod` (what
 * jsonld-signatures frames a controller document with).
 */
export const ISSUER_CONTEXT = [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT, MULTIKEY_CONTEXT, SECURITY_V2_CONTEXT];

/**
 * Every JSON-LD context a credential, its issuer document or a status list may
 * name, bundled with the code (npm packages and one vendored file): the only
 * contexts the document loader resolves.
 */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  ...credentialsContexts,
  ...dataIntegrityContexts,
  ...multikeyContexts,
  ...securityContexts,
  [OPEN_BADGES_CONTEXT, openBadgesContext],
]);
