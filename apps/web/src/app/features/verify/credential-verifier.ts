import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import type { CredentialVerification } from '@skillbridge/credentials';

/**
 * Checks a credential in the browser with `verifyOpenBadgeCredential` of
 * `@skillbridge/credentials`. The library (JSON-LD, RDF canonicalization,
 * Ed25519) is loaded only when someone checks a file — a dynamic `import()`,
 * its own chunk — so the page's first load does not carry it. It fetches
 * nothing but this site's own issuer documents and status lists.
 */
@Injectable({ providedIn: 'root' })
export class CredentialVerifier {
  private readonly document = inject(DOCUMENT);

  /** Only documents under this prefix are fetched: the issuers and status lists of this site. */
  get trustedPrefix(): string {
    return `${this.document.location.origin}/api/v1/credentials/`;
  }

  /**
   * Whether this page can check a signature: the hashes the libraries take
   * from WebCrypto (SHA-256, SHA-512) exist only in secure contexts — HTTPS,
   * or localhost.
   */
  get supported(): boolean {
    const view = this.document.defaultView;
    return !!view?.isSecureContext && !!view.crypto?.subtle;
  }

  async verify(credential: object): Promise<CredentialVerification> {
    const { verifyOpenBadgeCredential } = await import('@skillbridge/credentials');
    return verifyOpenBadgeCredential(credential, { trustedPrefix: this.trustedPrefix, fetchJson });
  }
}

/** GETs a public document of this site as JSON, without cookies (none is needed). */
async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, {
    credentials: 'omit',
    headers: { Accept: 'application/ld+json, application/json' },
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}
