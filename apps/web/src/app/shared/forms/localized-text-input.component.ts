import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { LOCALE_NATIVE_NAMES, SUPPORTED_LOCALES, type Locale, type LocalizedText } from '@skillbridge/contracts';
import { HTML_LANG } from '../../core/i18n/language.service';

export type LocalizedTextForm = FormGroup<Record<Locale, FormControl<string>>>;

/** At least one language filled: the API's rule for LocalizedText. */
export function atLeastOneLanguage(group: AbstractControl): ValidationErrors | null {
  const values = Object.values((group as LocalizedTextForm).getRawValue());
  return values.some((value) => value.trim() !== '') ? null : { localizedText: true };
}

export function localizedTextForm(value: LocalizedText = {}, maxLength = 200, required = true): LocalizedTextForm {
  const controls = Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [locale, new FormControl(value[locale] ?? '', { nonNullable: true })]),
  ) as Record<Locale, FormControl<string>>;
  for (const control of Object.values(controls))
    control.addValidators((c) => (c.value.length > maxLength ? { maxlength: { requiredLength: maxLength } } : null));
  return new FormGroup(controls, { validators: required ? atLeastOneLanguage : null });
}

/** The filled languages only, as the API expects. */
export function localizedTextValue(form: LocalizedTextForm): LocalizedText {
  return Object.fromEntries(
    Object.entries(form.getRawValue())
      .map(([locale, text]) => [locale, text.trim()])
      .filter(([, text]) => text !== ''),
  );
}

/** One text in four languages: a tab per language (named in its own script), a dot on the filled ones. */
@Component({
  selector: 'sb-localized-text-input',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tabs" role="tablist" [attr.aria-label]="label()">
      @for (locale of locales; track locale) {
        <button
          type="button"
          role="tab"
          class="tab"
          [id]="idPrefix() + '-tab-' + locale"
          [attr.aria-selected]="active() === locale"
          [attr.aria-controls]="idPrefix() + '-panel'"
          [attr.lang]="htmlLang[locale]"
          (click)="active.set(locale)"
        >
          {{ names[locale] }}
          @if (group().controls[locale].value.trim()) {
            <span class="filled" aria-hidden="true">●</span>
          }
        </button>
      }
    </div>
    <div
      class="panel"
      role="tabpanel"
      [id]="idPrefix() + '-panel'"
      [attr.aria-labelledby]="idPrefix() + '-tab-' + active()"
    >
      <label class="visually-hidden" [for]="idPrefix() + '-' + active()">{{ label() }} — {{ names[active()] }}</label>
      @if (multiline()) {
        <textarea
          rows="3"
          [id]="idPrefix() + '-' + active()"
          [attr.lang]="htmlLang[active()]"
          [attr.data-testid]="idPrefix() + '-' + active()"
          [formControl]="group().controls[active()]"
        ></textarea>
      } @else {
        <input
          type="text"
          [id]="idPrefix() + '-' + active()"
          [attr.lang]="htmlLang[active()]"
          [attr.data-testid]="idPrefix() + '-' + active()"
          [formControl]="group().controls[active()]"
        />
      }
      <p class="hint">{{ 'forms.localizedHint' | translate }}</p>
    </div>
  `,
  styles: `
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      border-bottom: 1px solid var(--sb-border);
    }
    .tab {
      font: inherit;
      background: none;
      border: 1px solid transparent;
      border-bottom: none;
      border-radius: var(--sb-radius-sm) var(--sb-radius-sm) 0 0;
      padding: 0.35rem 0.75rem;
      cursor: pointer;
      color: var(--sb-text-muted);
    }
    .tab[aria-selected='true'] {
      background: var(--sb-surface);
      border-color: var(--sb-border);
      color: var(--sb-text);
      margin-bottom: -1px;
    }
    .filled {
      color: var(--sb-success);
      font-size: 0.6rem;
      vertical-align: middle;
    }
    .panel {
      padding-top: 0.5rem;
    }
  `,
})
export class LocalizedTextInputComponent {
  readonly group = input.required<LocalizedTextForm>();
  readonly label = input.required<string>();
  readonly idPrefix = input.required<string>();
  readonly multiline = input(false);

  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly names = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  protected readonly active = signal<Locale>('en');
}
