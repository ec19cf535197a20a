import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { saveBlob } from '../../shared/data/file-download';

/** The file the codes download as: a heading, then one code a line. */
export function recoveryCodesText(heading: string, advice: string, codes: readonly string[]): string {
  return [heading, advice, '', ...codes, ''].join('\r\n');
}

/**
 * Recovery codes, shown once: copy or download them, and say they are saved
 * before going on (they are stored only hashed and cannot be shown again).
 */
@Component({
  selector: 'sb-recovery-codes',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="recovery" aria-labelledby="recovery-codes-title" data-testid="recovery-codes">
      <h3 id="recovery-codes-title">{{ 'twoFactor.codes.title' | translate }}</h3>
      <p>{{ 'twoFactor.codes.lead' | translate }}</p>
      <ol class="codes" data-testid="recovery-code-list">
        @for (code of codes(); track code) {
          <li>
            <code data-testid="recovery-code">{{ code }}</code>
          </li>
        }
      </ol>
      <div class="actions">
        <button type="button" class="btn btn-secondary" data-testid="copy-recovery-codes" (click)="copy()">
          {{ (copied() ? 'twoFactor.copied' : 'twoFactor.codes.copy') | translate }}
        </button>
        <button type="button" class="btn btn-secondary" data-testid="download-recovery-codes" (click)="download()">
          {{ 'twoFactor.codes.download' | translate }}
        </button>
      </div>
      <label class="check saved">
        <input type="checkbox" data-testid="recovery-codes-saved" [checked]="saved()" (change)="saved.set(!saved())" />
        <span>{{ 'twoFactor.codes.saved' | translate }}</span>
      </label>
      <div class="actions">
        <button
          type="button"
          class="btn btn-primary"
          data-testid="recovery-codes-done"
          [disabled]="!saved()"
          (click)="done.emit()"
        >
          {{ 'twoFactor.codes.done' | translate }}
        </button>
      </div>
    </section>
  `,
  styles: `
    .recovery {
      display: grid;
      gap: 0.75rem;
    }
    h3 {
      margin: 0;
      font-size: 1.05rem;
    }
    p {
      margin: 0;
    }
    .codes {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(8rem, 1fr));
      gap: 0.4rem 1.5rem;
      margin: 0;
      padding: 0.75rem 1rem 0.75rem 2.25rem;
      background: var(--sb-bg);
      border: 1px dashed var(--sb-border);
      border-radius: var(--sb-radius-sm);
    }
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.05rem;
      letter-spacing: 0.05em;
    }
    .saved {
      font-weight: 600;
    }
  `,
})
export class RecoveryCodesComponent {
  private readonly translate = inject(TranslateService);
  readonly codes = input.required<readonly string[]>();
  /** The account's address, named in the downloaded file. */
  readonly email = input.required<string>();
  readonly done = output<void>();

  protected readonly saved = signal(false);
  protected readonly copied = signal(false);

  private text(): string {
    return recoveryCodesText(
      this.translate.instant('twoFactor.codes.fileHeading', { email: this.email() }),
      this.translate.instant('twoFactor.codes.fileAdvice'),
      this.codes(),
    );
  }

  protected async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.copied.set(true);
    } catch {
      // No clipboard here (permission, old browser): the list and the download remain.
    }
  }

  protected download(): void {
    saveBlob(new Blob([this.text()], { type: 'text/plain;charset=utf-8' }), 'skillbridge-recovery-codes.txt');
  }
}
