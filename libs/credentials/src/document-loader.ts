import { BUNDLED_CONTEXTS, MULTIKEY_CONTEXT } from './contexts';

export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

/** Fetches one of the issuer's own documents (issuer profile, status list) as JSON. */
export type FetchJson = (url: string) => Promise<unknown>;

export class DocumentNotAllowedError extends Error {
  constructor(readonly url: string) {
    super(`"${url}" is neither a bundled JSON-LD context nor a document of the trusted issuer`);
    this.name = 'DocumentNotAllowedError';
  }
}

/**
 * The document loader for issuing and verifying: it resolves the bundled
 * contexts and, through `fetchJson`, the documents under `trustedPrefix`
 * (`<PUBLIC_URL>/api/v1/credentials/`: issuer profiles with their keys, status
 * lists) — nothing else, so nothing is fetched from the web. A key's URL
 * (`<issuer>#<key>`) resolves to that key, taken from its issuer document, as
 * Data Integrity verifiers expect; the key must be listed there, and the key
 * names the issuer as its controller.
 */
export function createDocumentLoader(options: { trustedPrefix?: string; fetchJson?: FetchJson } = {}): DocumentLoader {
  const { trustedPrefix, fetchJson } = options;
  return async (url: string) => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
    if (!trustedPrefix || !fetchJson || !url.startsWith(trustedPrefix)) throw new DocumentNotAllowedError(url);
    const hash = url.indexOf('#');
    const documentUrl = hash < 0 ? url : url.slice(0, hash);
    const document = await fetchJson(documentUrl);
    if (hash < 0) return { contextUrl: null, documentUrl: url, document };
    const methods = (document as { verificationMethod?: unknown }).verificationMethod;
    const method = (Array.isArray(methods) ? methods : [methods]).find(
      (m): m is Record<string, unknown> => typeof m === 'object' && m !== null && (m as { id?: unknown }).id === url,
    );
    if (!method) throw new Error(`"${documentUrl}" lists no verification method "${url}"`);
    return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_CONTEXT, ...method } };
  };
}
