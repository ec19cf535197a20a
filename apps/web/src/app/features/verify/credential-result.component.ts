import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { CredentialVerification } from '@skillbridge/credentials';
import { LanguageService } from '../../core/i18n/language.service';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { achievementNameIn, keyOf, type CredentialStatements, type CredentialVerdict } from './credential-file';

/** A credential file, checked: the verdict, each check with its outcome, and what the file states. */
export interface CredentialCheck {
  verdict: CredentialVerdict;
  verification: CredentialVerification;
  statements: CredentialStatements;
}

const VERDICTS: Record<CredentialVerdict, { title: string; body: string; tone: 'valid' | 'revoked' | 'wait' }> = {
  valid: {
    title: i18nKey('verify.credential.verdict.valid.title'),
    body: i18nKey('verify.credential.verdict.valid.body'),
    tone: 'valid',
  },
  invalid: {
    title: i18nKey('verify.credential.verdict.invalid.title'),
    body: i18nKey('verify.credential.verdict.invalid.body'),
    tone: 'revoked',
  },
  revoked: {
    title: i18nKey('verify.credential.verdict.revoked.title'),
    body: i18nKey('verify.credential.verdict.revoked.body'),
    tone: 'revoked',
  },
  'status-unknown': {
    title: i18nKey('verify.credential.verdict.statusUnknown.title'),
    body: i18nKey('verify.credential.verdict.statusUnknown.body'),
    tone: 'wait',
  },
  expired: {
    title: i18nKey('verify.credential.verdict.expired.title'),
    body: i18nKey('verify.credential.verdict.expired.body'),
    tone: 'wait',
  },
  'not-yet-valid': {
    title: i18nKey('verify.credential.verdict.notYetValid.title'),
    body: i18nKey('verify.credential.verdict.notYetValid.body'),
    tone: 'wait',
  },
  undated: {
    title: i18nKey('verify.credential.verdict.undated.title'),
    body: i18nKey('verify.credential.verdict.undated.body'),
    tone: 'revoked',
  },
};

type Outcome = 'passed' | 'failed' | 'unknown';

@Component({
  selector: 'sb-credential-result',
  imports: [TranslatePipe, InstantDatePipe, LocalNumberPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section
      class="verdict verdict-{{ verdict().tone }}"
      role="status"
      data-testid="credential-result"
      [attr.data-verdict]="check().verdict"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" width="48" height="48">
        <circle cx="12" cy="12" r="11" />
        @switch (verdict().tone) {
          @case ('valid') {
            <path d="M6.5 12.5l3.5 3.5 7.5-8" />
          }
          @case ('revoked') {
            <path d="M8 8l8 8M16 8l-8 8" />
          }
          @default {
            <path d="M12 6.5V12l3.5 2.5" />
          }
        }
      </svg>
      <div>
        <p class="verdict-title" data-testid="credential-verdict">{{ verdict().title | translate }}</p>
        <p>{{ verdict().body | translate }}</p>
      </div>
    </section>

    <h3>{{ 'verify.credential.checks.title' | translate }}</h3>
    <ul class="checks">
      <li
        class="check-{{ signature() }}"
        data-testid="credential-check-signature"
        [attr.data-outcome]="signature()"
        [attr.data-error]="verification().signature.error"
      >
        <span class="mark" aria-hidden="true">{{ marks[signature()] }}</span>
        <div>
          <p class="check-name">
            {{ 'verify.credential.checks.signature' | translate }}:
            <span class="outcome">{{ outcomes[signature()] | translate }}</span>
          </p>
          @if (verification().signature.ok) {
            <p>{{ 'verify.credential.checks.signatureOk' | translate: { issuer: statements().issuerName ?? '' } }}</p>
          } @else {
            <p>{{ 'verify.credential.checks.signatureFailed' | translate }}</p>
          }
          @if (key(); as key) {
            <p class="key">
              {{ 'verify.credential.checks.key' | translate }}
              <code data-testid="credential-key" [attr.title]="verification().signature.verificationMethod">{{
                key
              }}</code>
            </p>
          }
        </div>
      </li>
      <li
        class="check-{{ status() }}"
        data-testid="credential-check-status"
        [attr.data-outcome]="status()"
        [attr.data-error]="verification().status.error"
      >
        <span class="mark" aria-hidden="true">{{ marks[status()] }}</span>
        <div>
          <p class="check-name">
            {{ 'verify.credential.checks.status' | translate }}:
            <span class="outcome">{{
              (verification().status.revoked
                ? 'verify.credential.checks.revoked'
                : verification().status.ok
                  ? 'verify.credential.checks.notRevoked'
                  : 'verify.credential.checks.unknown'
              ) | translate
            }}</span>
          </p>
          <p>
            {{
              (verification().status.revoked
                ? 'verify.credential.checks.statusRevoked'
                : verification().status.ok
                  ? 'verify.credential.checks.statusOk'
                  : 'verify.credential.checks.statusFailed'
              ) | translate
            }}
          </p>
        </div>
      </li>
      <li class="check-{{ validity() }}" data-testid="credential-check-validity" [attr.data-outcome]="validity()">
        <span class="mark" aria-hidden="true">{{ marks[validity()] }}</span>
        <div>
          <p class="check-name">
            {{ 'verify.credential.checks.validity' | translate }}:
            <span class="outcome">{{ outcomes[validity()] | translate }}</span>
          </p>
          <p data-testid="credential-validity">
            @switch (verification().validity.error) {
              @case ('expired') {
                {{
                  'verify.credential.checks.expired'
                    | translate: { until: (verification().validity.validUntil | instantDate) }
                }}
              }
              @case ('not-yet-valid') {
                {{
                  'verify.credential.checks.notYetValid'
                    | translate: { from: (verification().validity.validFrom | instantDate) }
                }}
              }
              @case ('no-valid-from') {
                {{ 'verify.credential.checks.noValidFrom' | translate }}
              }
              @default {
                @if (verification().validity.validUntil) {
                  {{
                    'verify.credential.checks.validFromUntil'
                      | translate
                        : {
                            from: (verification().validity.validFrom | instantDate),
                            until: (verification().validity.validUntil | instantDate),
                          }
                  }}
                } @else {
                  {{
                    'verify.credential.checks.validFrom'
                      | translate: { from: (verification().validity.validFrom | instantDate) }
                  }}
                }
              }
            }
          </p>
        </div>
      </li>
    </ul>

    <h3>{{ 'verify.credential.states.title' | translate }}</h3>
    @if (!verification().signature.ok) {
      <p class="unconfirmed" data-testid="credential-unconfirmed">
        {{ 'verify.credential.states.unconfirmed' | translate }}
      </p>
    }
    <dl class="details" data-testid="credential-details">
      <div class="wide">
        <dt>{{ 'verify.fields.holder' | translate }}</dt>
        <dd data-testid="credential-holder">
          @for (name of statements().holderNames; track $index) {
            <span class="holder" [class.latin]="!$first">{{ name }}</span>
          } @empty {
            –
          }
        </dd>
      </div>
      <div class="wide">
        <dt>{{ 'verify.credential.states.achievement' | translate }}</dt>
        <dd data-testid="credential-achievement">
          {{ achievement() ?? '–' }}
          @if (statements().achievementCode) {
            <span class="code">({{ statements().achievementCode }})</span>
          }
        </dd>
      </div>
      <div class="wide">
        <dt>{{ 'verify.fields.issuer' | translate }}</dt>
        <dd data-testid="credential-issuer">{{ statements().issuerName ?? '–' }}</dd>
      </div>
      <div>
        <dt>{{ 'verify.credential.states.validFrom' | translate }}</dt>
        <dd data-testid="credential-valid-from">{{ (statements().validFrom | instantDate) || '–' }}</dd>
      </div>
      <div>
        <dt>{{ 'verify.fields.validUntil' | translate }}</dt>
        <dd data-testid="credential-valid-until">
          {{
            statements().validUntil
              ? (statements().validUntil | instantDate)
              : ('certificates.fields.noExpiry' | translate)
          }}
        </dd>
      </div>
      @if (statements().hours !== undefined) {
        <div>
          <dt>{{ 'verify.fields.hours' | translate }}</dt>
          <dd data-testid="credential-hours">{{ statements().hours | localNumber }}</dd>
        </div>
      }
    </dl>
  `,
  styleUrl: './credential-result.component.css',
})
export class CredentialResultComponent {
  private readonly languages = inject(LanguageService);
  readonly check = input.required<CredentialCheck>();

  protected readonly marks: Record<Outcome, string> = { passed: '✓', failed: '✗', unknown: '?' };
  protected readonly outcomes: Record<Outcome, string> = {
    passed: i18nKey('verify.credential.checks.passed'),
    failed: i18nKey('verify.credential.checks.failed'),
    unknown: i18nKey('verify.credential.checks.unknown'),
  };

  protected readonly verification = computed(() => this.check().verification);
  protected readonly statements = computed(() => this.check().statements);
  protected readonly verdict = computed(() => VERDICTS[this.check().verdict]);
  protected readonly key = computed(() => keyOf(this.check().verification.signature.verificationMethod));
  protected readonly achievement = computed(() => achievementNameIn(this.check().statements, this.languages.current()));
  protected readonly signature = computed<Outcome>(() =>
    this.check().verification.signature.ok ? 'passed' : 'failed',
  );
  protected readonly status = computed<Outcome>(() => {
    const status = this.check().verification.status;
    return status.ok ? 'passed' : status.revoked ? 'failed' : 'unknown';
  });
  protected readonly validity = computed<Outcome>(() => (this.check().verification.validity.ok ? 'passed' : 'failed'));
}
