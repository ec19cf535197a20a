import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ARRIVAL_POINTS_MAX,
  LOGISTICS_ITEMS,
  LOGISTICS_TEXT_MAX_LENGTH,
  type LogisticsItem,
  type LogisticsSettings,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { applyServerErrors, clearServerErrors } from '../../shared/forms/server-errors';
import { LogisticsApi } from './logistics.api';

/** Arrival points as typed: one a line, blanks and repeats left out. */
export function arrivalPointLines(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

/** What a program collects, by when, and the airports and stations it offers (admin). */
@Component({
  selector: 'sb-logistics-settings',
  imports: [ReactiveFormsModule, TranslatePipe, DateInputComponent, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="save()" novalidate data-testid="logistics-settings">
      <fieldset class="field" formGroupName="collect">
        <legend>{{ 'logistics.settings.collect' | translate }}</legend>
        <div class="checks">
          @for (item of items; track item) {
            <label class="check">
              <input type="checkbox" [formControlName]="item" [attr.data-testid]="'logistics-collect-' + item" />
              <span>{{ 'logistics.items.' + item | translate }}</span>
            </label>
          }
        </div>
      </fieldset>
      <div class="field">
        <label for="logistics-due-date">{{ 'logistics.settings.dueDate' | translate }}</label>
        <sb-date-input
          formControlName="dueDate"
          inputId="logistics-due-date"
          testId="logistics-due-date"
          describedBy="logistics-due-date-hint logistics-due-date-error"
        />
        <p class="hint" id="logistics-due-date-hint">{{ 'logistics.settings.dueDateHint' | translate }}</p>
        <sb-field-error id="logistics-due-date-error" [control]="form.controls.dueDate" />
      </div>
      <div class="field">
        <label for="logistics-points">{{ 'logistics.settings.arrivalPoints' | translate }}</label>
        <textarea
          id="logistics-points"
          rows="3"
          formControlName="arrivalPoints"
          data-testid="logistics-points"
          aria-describedby="logistics-points-hint logistics-points-error"
        ></textarea>
        <p class="hint" id="logistics-points-hint">
          {{ 'logistics.settings.arrivalPointsHint' | translate: { max: pointsMax } }}
        </p>
        <sb-field-error id="logistics-points-error" [control]="form.controls.arrivalPoints" />
      </div>
      @if (failure(); as code) {
        <div class="alert alert-error" role="alert">{{ 'errors.' + code | translate }}</div>
      }
      <div class="actions">
        <button type="submit" class="btn btn-primary" data-testid="logistics-settings-save" [disabled]="saving()">
          {{ 'forms.save' | translate }}
        </button>
        <span role="status" data-testid="logistics-settings-status">
          @if (saved()) {
            {{ 'forms.saved' | translate }}
          }
        </span>
      </div>
    </form>
  `,
})
export class LogisticsSettingsComponent {
  private readonly api = inject(LogisticsApi);
  readonly programId = input.required<string>();
  readonly settings = input.required<LogisticsSettings>();
  readonly settingsSaved = output<LogisticsSettings>();

  protected readonly items = LOGISTICS_ITEMS;
  protected readonly pointsMax = ARRIVAL_POINTS_MAX;
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<string | null>(null);

  protected readonly form = new FormGroup({
    collect: new FormGroup(
      Object.fromEntries(
        LOGISTICS_ITEMS.map((item) => [item, new FormControl(false, { nonNullable: true })]),
      ) as Record<LogisticsItem, FormControl<boolean>>,
    ),
    dueDate: new FormControl('', { nonNullable: true }),
    arrivalPoints: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const settings = this.settings();
      untracked(() => {
        if (!this.form.dirty) this.show(settings);
      });
    });
  }

  hasUnsavedChanges(): boolean {
    return this.form.dirty;
  }

  private show(settings: LogisticsSettings): void {
    this.form.reset({
      collect: Object.fromEntries(LOGISTICS_ITEMS.map((item) => [item, settings.collect.includes(item)])),
      dueDate: settings.dueDate ?? '',
      arrivalPoints: settings.arrivalPoints.join('\n'),
    });
  }

  protected async save(): Promise<void> {
    clearServerErrors(this.form);
    this.saved.set(false);
    this.failure.set(null);
    const v = this.form.getRawValue();
    const points = arrivalPointLines(v.arrivalPoints);
    if (points.length > ARRIVAL_POINTS_MAX || points.some((p) => p.length > LOGISTICS_TEXT_MAX_LENGTH)) {
      this.form.controls.arrivalPoints.setErrors({
        points: { key: 'logistics.settings.tooManyPoints', params: { max: ARRIVAL_POINTS_MAX } },
      });
      this.form.controls.arrivalPoints.markAsTouched();
      return;
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: LogisticsSettings = {
      collect: LOGISTICS_ITEMS.filter((item) => v.collect[item]),
      ...(v.dueDate ? { dueDate: v.dueDate } : {}),
      arrivalPoints: points,
    };
    this.saving.set(true);
    try {
      const settings = await firstValueFrom(this.api.saveSettings(this.programId(), body));
      this.form.markAsPristine();
      this.show(settings);
      this.saved.set(true);
      this.settingsSaved.emit(settings);
    } catch (error) {
      const problem = problemOf(error);
      const unmatched = applyServerErrors(this.form, problem);
      if (!problem.errors?.length || unmatched.length) this.failure.set(problem.code);
    } finally {
      this.saving.set(false);
    }
  }
}
