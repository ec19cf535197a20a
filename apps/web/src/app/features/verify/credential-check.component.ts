import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { i18nKey } from '../../shared/i18n/i18n-key';
import {
  issuerIdOf,
  MAX_CREDENTIAL_BYTES,
  parseCredential,
  statementsOf,
  verdictOf,
  type MalformedReason,
} from './credential-file';
import { CredentialResultComponent, type CredentialCheck } from './credential-result.component';
import { CredentialVerifier } from './credential-verifier';

/** Where a check of a credential file stands. */
export type CredentialCheckState =
  | { kind: 'checking' }
  | { kind: 'malformed'; reason: MalformedReason }
  | { kind: 'foreign'; issuer: string }
  | { kind: 'failed' }
  | { kind: 'insecure' }
  | { kind: 'done'; check: CredentialCheck };

const MALFORMED: Record<MalformedReason, string> = {
  empty: i18nKey('verify.credential.malformed.empty'),
  'too-large': i18nKey('verify.credential.malformed.tooLarge'),
  'not-json': i18nKey('verify.credential.malformed.notJson'),
  'not-credential': i18nKey('verify.credential.malformed.notCredential'),
};

/** A file's text (FileReader: older engines lack Blob.text()). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/**
 * "Check a credential file": an employer uploads the `.json` a holder gave
 * them, or pastes it, and the browser checks it — the signature against the
 * key the issuing institution publishes here, the issuer's status list, the
 * validity dates — with nothing sent but requests for this site's public
 * issuer documents. Only this site's credentials can be checked.
 */
@Component({
  selector: 'sb-credential-check',
  imports: [TranslatePipe, CredentialResultComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p>{{ 'verify.credential.lead' | translate }}</p>
    <p class="hint" data-testid="credential-scope">{{ 'verify.credential.scope' | translate: { site: site } }}</p>
    <div class="field">
      <label for="credential-file">{{ 'verify.credential.file' | translate }}</label>
      <input
        #file
        id="credential-file"
        type="file"
        accept=".json,.jsonld,application/json,application/ld+json"
        data-testid="credential-file"
        (change)="checkFile(file)"
      />
    </div>
    <form class="paste" (submit)="$event.preventDefault(); checkText(text.value)">
      <div class="field">
        <label for="credential-text">{{ 'verify.credential.paste' | translate }}</label>
        <textarea
          #text
          id="credential-text"
          rows="4"
          spellcheck="false"
          autocomplete="off"
          data-testid="credential-text"
        ></textarea>
      </div>
      <button type="submit" class="btn btn-primary" data-testid="credential-submit" [disabled]="checking()">
        {{ 'verify.credential.submit' | translate }}
      </button>
    </form>

    @if (state(); as state) {
      <div id="credential-outcome" aria-live="polite">
        @if (source(); as source) {
          <p class="hint source" data-testid="credential-source">
            {{ 'verify.credential.source' | translate: { name: source } }}
          </p>
        }
        @switch (state.kind) {
          @case ('checking') {
            <p class="loading" role="status" data-testid="credential-checking">
              {{ 'verify.credential.checking' | translate }}
            </p>
          }
          @case ('malformed') {
            <p class="alert alert-error" role="alert" data-testid="credential-malformed">
              {{ malformed[state.reason] | translate: { max: maxKilobytes } }}
            </p>
          }
          @case ('foreign') {
            <p class="alert alert-error" role="alert" data-testid="credential-foreign">
              {{ 'verify.credential.foreign' | translate: { issuer: state.issuer } }}
            </p>
          }
          @case ('insecure') {
            <p class="alert alert-error" role="alert" data-testid="credential-insecure">
              {{ 'verify.credential.insecure' | translate }}
            </p>
          }
          @case ('failed') {
            <p class="alert alert-error" role="alert" data-testid="credential-failed">
              {{ 'verify.credential.failed' | translate }}
            </p>
          }
          @case ('done') {
            <sb-credential-result [check]="state.check" />
          }
        }
      </div>
    }
  `,
  styles: `
    [data-testid='credential-scope'] {
      margin-bottom: 1rem;
    }
    .field {
      margin-bottom: 0.75rem;
    }
    input[type='file'] {
      max-width: 100%;
    }
    textarea {
      width: 100%;
      font-family: var(--sb-font-mono, monospace);
      font-size: 0.85rem;
    }
    .source {
      margin-top: 1rem;
      overflow-wrap: anywhere;
    }
    .alert {
      margin-top: 1rem;
    }
  `,
})
export class CredentialCheckComponent {
  private readonly verifier = inject(CredentialVerifier);
  private readonly document = inject(DOCUMENT);

  protected readonly malformed = MALFORMED;
  protected readonly maxKilobytes = Math.round(MAX_CREDENTIAL_BYTES / 1000);
  /** This site, the only issuer whose credentials can be checked here. */
  protected readonly site = this.document.location.host;

  protected readonly state = signal<CredentialCheckState | null>(null);
  /** The file checked, by name; null for pasted text. */
  protected readonly source = signal<string | null>(null);
  protected readonly checking = computed(() => this.state()?.kind === 'checking');
  private request = 0;

  protected async checkFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    // Cleared, so that choosing the same file again (after it was revoked, say) checks it again.
    input.value = '';
    if (!file) return;
    ++this.request;
    this.source.set(file.name);
    if (file.size > MAX_CREDENTIAL_BYTES) {
      this.show({ kind: 'malformed', reason: 'too-large' });
      return;
    }
    let text: string;
    try {
      text = await readText(file);
    } catch {
      this.show({ kind: 'malformed', reason: 'not-json' });
      return;
    }
    await this.check(text);
  }

  protected async checkText(text: string): Promise<void> {
    this.source.set(null);
    await this.check(text);
  }

  private async check(text: string): Promise<void> {
    const request = ++this.request;
    const parsed = parseCredential(text);
    if (!parsed.ok) {
      this.show({ kind: 'malformed', reason: parsed.reason });
      return;
    }
    const issuer = issuerIdOf(parsed.credential) ?? '';
    if (!issuer.startsWith(this.verifier.trustedPrefix)) {
      this.show({ kind: 'foreign', issuer: issuer || '–' });
      return;
    }
    // Elsewhere than on HTTPS (or localhost) every signature would seem broken: say why nothing is checked.
    if (!this.verifier.supported) {
      this.show({ kind: 'insecure' });
      return;
    }
    this.state.set({ kind: 'checking' });
    let next: CredentialCheckState;
    try {
      const verification = await this.verifier.verify(parsed.credential);
      next = {
        kind: 'done',
        check: { verdict: verdictOf(verification), verification, statements: statementsOf(parsed.credential) },
      };
    } catch {
      // The checker's code could not be loaded (offline, or a new version was deployed meanwhile).
      next = { kind: 'failed' };
    }
    if (request === this.request) this.show(next);
  }

  /** Shows an outcome and, once it is drawn, brings it into view: on a phone it starts below the fold. */
  private show(state: CredentialCheckState): void {
    this.state.set(state);
    setTimeout(() => this.document.getElementById('credential-outcome')?.scrollIntoView?.({ block: 'start' }));
  }
}
