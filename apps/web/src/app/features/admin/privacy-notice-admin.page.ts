import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import type { PrivacyNotice } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import {
  localizedTextForm,
  LocalizedTextInputComponent,
  localizedTextValue,
} from '../../shared/forms/localized-text-input.component';
import { applyServerErrors } from '../../shared/forms/server-errors';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { PrivacyApi } from '../privacy/privacy.api';

/** The notice is a few pages in each language (the API's limit). */
const NOTICE_TEXT_MAX = 20_000;

/**
 * The privacy notice's versions (newest first, the first one current), and a
 * form to publish a new one — prefilled from the current version, since a new
 * version is usually the old one with a change. Published versions are never
 * edited: consents name the version they were given to.
 */
@Component({
  selector: 'sb-privacy-notice-admin-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldErrorComponent,
    LocalizedTextInputComponent,
    InstantDatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ 'privacy.admin.title' | translate }}</h1>
    <p class="lead">{{ 'privacy.admin.lead' | translate }}</p>
    @if (loadFailure(); as code) {
      <div class="alert alert-error" role="alert">{{ 'errors.' + code | translate }}</div>
    }
    <section class="card" aria-labelledby="versions-title">
      <h2 id="versions-title">{{ 'privacy.admin.versions' | translate }}</h2>
      <ul class="versions" data-testid="notice-versions">
        @for (notice of versions(); track notice.version; let first = $first) {
          <li data-testid="notice-version" [attr.data-version]="notice.version">
            <a [routerLink]="['/privacy', notice.version]">{{ notice.version }}</a>
            · {{ 'privacy.admin.publishedOn' | translate: { date: (notice.publishedAt | instantDate) } }} ·
            {{ 'privacy.admin.recipientCount' | translate: { count: notice.recipients.length } }}
            @if (first) {
              <span class="badge" data-testid="notice-current">{{ 'privacy.admin.current' | translate }}</span>
            }
          </li>
        }
      </ul>
    </section>

    <form class="form card" [formGroup]="form" (ngSubmit)="publish()" novalidate data-testid="notice-form">
      <h2>{{ 'privacy.admin.publishTitle' | translate }}</h2>
      <p class="hint">{{ 'privacy.admin.publishHint' | translate }}</p>
      @if (published(); as version) {
        <div class="alert alert-success" role="status" data-testid="notice-published">
          {{ 'privacy.admin.published' | translate: { version } }}
        </div>
      }
      @if (failure(); as code) {
        <div class="alert alert-error" role="alert" data-testid="notice-error">{{ 'errors.' + code | translate }}</div>
      }
      <div class="field">
        <label for="notice-version">{{ 'privacy.admin.version' | translate }}</label>
        <input
          id="notice-version"
          type="text"
          formControlName="version"
          data-testid="notice-version-input"
          aria-describedby="notice-version-hint notice-version-error"
        />
        <p class="hint" id="notice-version-hint">{{ 'privacy.admin.versionHint' | translate }}</p>
        <sb-field-error id="notice-version-error" [control]="form.controls.version" [force]="submitted()" />
      </div>
      <fieldset class="field">
        <legend>{{ 'privacy.notice.controller' | translate }}</legend>
        <sb-localized-text-input
          [group]="form.controls.controller"
          [label]="'privacy.notice.controller' | translate"
          idPrefix="notice-controller"
        />
        <sb-field-error [control]="form.controls.controller" [force]="submitted()" />
      </fieldset>
      <div class="field">
        <label for="notice-contact">{{ 'privacy.notice.contact' | translate }}</label>
        <input
          id="notice-contact"
          type="text"
          formControlName="contact"
          data-testid="notice-contact"
          aria-describedby="notice-contact-error"
        />
        <sb-field-error id="notice-contact-error" [control]="form.controls.contact" [force]="submitted()" />
      </div>
      <fieldset class="field">
        <legend>{{ 'privacy.admin.text' | translate }}</legend>
        <sb-localized-text-input
          [group]="form.controls.text"
          [label]="'privacy.admin.text' | translate"
          [multiline]="true"
          idPrefix="notice-text"
        />
        <sb-field-error [control]="form.controls.text" [force]="submitted()" />
      </fieldset>
      <p class="hint">{{ 'privacy.admin.recipientsHint' | translate }}</p>
      <div class="actions">
        <button type="submit" class="btn btn-primary" [disabled]="busy()" data-testid="notice-publish">
          {{ 'privacy.admin.publish' | translate }}
        </button>
      </div>
    </form>
  `,
  styles: `
    .versions {
      padding-left: 1.2rem;
    }
    .versions li {
      margin: 0.25rem 0;
    }
    .badge {
      margin-left: 0.5rem;
    }
    textarea {
      min-height: 16rem;
    }
  `,
})
export class PrivacyNoticeAdminPage implements OnInit {
  private readonly api = inject(PrivacyApi);

  protected readonly versions = signal<PrivacyNotice[]>([]);
  protected readonly form = new FormGroup({
    version: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/)],
    }),
    controller: localizedTextForm({}, 500),
    contact: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(500)] }),
    text: localizedTextForm({}, NOTICE_TEXT_MAX),
  });
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly loadFailure = signal<string | null>(null);
  protected readonly published = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const versions = await firstValueFrom(this.api.versions());
      this.versions.set(versions);
      const current = versions[0];
      if (current) {
        this.form.controls.controller.patchValue(current.controller);
        this.form.controls.text.patchValue(current.text);
        this.form.controls.contact.setValue(current.contact);
      }
    } catch (error) {
      this.loadFailure.set(problemOf(error).code);
    }
  }

  protected async publish(): Promise<void> {
    this.submitted.set(true);
    this.failure.set(null);
    this.published.set(null);
    if (this.form.invalid) return;
    this.busy.set(true);
    const value = this.form.getRawValue();
    try {
      const notice = await firstValueFrom(
        this.api.publish({
          version: value.version.trim(),
          controller: localizedTextValue(this.form.controls.controller),
          contact: value.contact.trim(),
          text: localizedTextValue(this.form.controls.text),
        }),
      );
      this.versions.update((list) => [notice, ...list]);
      this.published.set(notice.version);
      this.form.controls.version.reset('');
      this.submitted.set(false);
    } catch (error) {
      const problem = problemOf(error);
      applyServerErrors(this.form, problem);
      this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
