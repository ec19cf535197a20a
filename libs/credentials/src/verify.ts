// The declarations must reach every program that compiles this file (API, web app, e2e), whatever it includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./digitalbazaar.d.ts" />
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { verifyCredential } from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { createDocumentLoader, type FetchJson } from './document-loader';

export interface CredentialVerification {
  /** All three checks passed. */
  verified: boolean;
  /** The proof verifies with a key the issuer document publishes for assertions, and nothing was changed. */
  signature: { ok: boolean; verificationMethod?: string; error?: string };
  /** The signed status list of the same issuer says the credential is not revoked. */
  status: { ok: boolean; revoked?: boolean; error?: string };
  /** Now is within validFrom … validUntil. */
  validity: {
    ok: boolean;
    validFrom?: string;
    validUntil?: string;
    error?: 'not-yet-valid' | 'expired' | 'no-valid-from';
  };
}

export interface VerifyOptions {
  /**
   * Only documents under this prefix are fetched (besides the bundled
   * contexts): the issuer's base, e.g. `https://skillbridge.example/api/v1/credentials/`.
   */
  trustedPrefix: string;
  /** GET a URL as JSON: `fetch` in the browser, anything in tests. */
  fetchJson: FetchJson;
  now?: Date;
}

const message = (error: unknown): string => {
  const e = error as { message?: string; errors?: { message?: string }[] } | undefined;
  const inner = e?.errors?.map((x) => x.message).filter(Boolean);
  return inner?.length ? inner.join('; ') : (e?.message ?? String(error));
};

/**
 * Verifies an Open Badges 3.0 credential the way a careful employer would,
 * with no API but the issuer's public documents: the Data Integrity proof
 * (eddsa-rdfc-2022) against the issuer's published key, the bit of its
 * Bitstring Status List (itself a signed credential of the same issuer), and
 * its validity period. Each check is reported on its own, so a page can say
 * plainly what was checked. Uses no Node-only API: the web app can run it in
 * the browser (the libraries' package.json `browser` fields swap in WebCrypto
 * and pako), the API and the tests run it in Node.
 */
export async function verifyOpenBadgeCredential(
  credential: unknown,
  options: VerifyOptions,
): Promise<CredentialVerification> {
  const now = options.now ?? new Date();
  const documentLoader = createDocumentLoader({ trustedPrefix: options.trustedPrefix, fetchJson: options.fetchJson });
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const vc = (typeof credential === 'object' && credential !== null ? credential : {}) as {
    validFrom?: unknown;
    validUntil?: unknown;
    proof?: { verificationMethod?: unknown } | { verificationMethod?: unknown }[];
  };

  const validFrom = typeof vc.validFrom === 'string' ? vc.validFrom : undefined;
  const validUntil = typeof vc.validUntil === 'string' ? vc.validUntil : undefined;
  const validity: CredentialVerification['validity'] = { ok: true, validFrom, validUntil };
  if (!validFrom || Number.isNaN(Date.parse(validFrom))) Object.assign(validity, { ok: false, error: 'no-valid-from' });
  else if (Date.parse(validFrom) > now.getTime()) Object.assign(validity, { ok: false, error: 'not-yet-valid' });
  else if (validUntil && !(Date.parse(validUntil) > now.getTime()))
    Object.assign(validity, { ok: false, error: 'expired' });

  // The library also refuses a credential outside its validity period; that is
  // reported above on its own, so the proof is checked as of validFrom. Status is checked below.
  const proof = Array.isArray(vc.proof) ? vc.proof[0] : vc.proof;
  const signature: CredentialVerification['signature'] = {
    ok: false,
    ...(typeof proof?.verificationMethod === 'string' ? { verificationMethod: proof.verificationMethod } : {}),
  };
  try {
    const result = await verifyCredential({
      credential: credential as object,
      suite,
      documentLoader,
      now: validity.error === 'no-valid-from' ? now : (validFrom as string),
      checkStatus: async () => ({ verified: true }),
    });
    signature.ok = result.verified;
    if (!result.verified) signature.error = message(result.error ?? 'the proof does not verify');
  } catch (error) {
    signature.error = message(error);
  }

  const status: CredentialVerification['status'] = { ok: false };
  try {
    const result = await checkStatus({
      credential: credential as object,
      documentLoader,
      suite,
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    if (!result.verified) status.error = message(result.error ?? 'the status list does not verify');
    else {
      status.revoked = (result.results ?? []).some((r) => r.status);
      status.ok = !status.revoked;
    }
  } catch (error) {
    status.error = message(error);
  }

  return { verified: signature.ok && status.ok && validity.ok, signature, status, validity };
}
