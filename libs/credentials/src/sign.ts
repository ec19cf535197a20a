// The declarations must reach every program that compiles this file (API, web app, e2e), whatever it includes.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./digitalbazaar.d.ts" />
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { issue } from '@digitalbazaar/vc';
import { MULTIKEY_CONTEXT } from './contexts';
import { createDocumentLoader } from './document-loader';

/** An Ed25519 key pair as multibase strings (`z…`, multicodec-prefixed, base58btc). */
export interface Ed25519KeyMaterial {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The key that signs, as its issuer document lists it: `id` is `<issuer id>#<key id>`, `controller` the issuer id. */
export interface SigningKey extends Ed25519KeyMaterial {
  id: string;
  controller: string;
}

export async function generateEd25519Key(): Promise<Ed25519KeyMaterial> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase as string };
}

/**
 * Adds one Data Integrity proof (cryptosuite eddsa-rdfc-2022, proof purpose
 * assertionMethod) to a credential: RDF canonicalization (RDFC-1.0, in JSON-LD
 * safe mode) and the Ed25519 signature are the libraries'. Only bundled
 * contexts are resolved. `date` is the proof's `created` (default now).
 */
export async function signCredential<T extends object>(
  credential: T,
  key: SigningKey,
  options: { date?: Date } = {},
): Promise<T & { proof: Record<string, unknown> }> {
  const pair = await Ed25519Multikey.from({ '@context': MULTIKEY_CONTEXT, type: 'Multikey', ...key });
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite: eddsaRdfc2022, date: options.date });
  return (await issue({ credential, suite, documentLoader: createDocumentLoader() })) as T & {
    proof: Record<string, unknown>;
  };
}
