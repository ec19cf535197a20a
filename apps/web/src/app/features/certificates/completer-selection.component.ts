import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode, type CompletionLine, type Program, type SelectionResult } from '@skillbridge/contracts';
import { catchError, firstValueFrom, map, of } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { Selection } from '../../shared/data/selection';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ProgramsApi } from '../programs/programs.api';
import { CertificatesApi } from './certificates.api';
import { selectionErrors } from './completion';

/** Our own words for the rules a selection may break per trainee; others show the API's message. */
const ROW_ERROR_KEYS: Readonly<Record<string, string>> = {
  NOT_A_COMPLETER: i18nKey('completion.select.rowErrors.NOT_A_COMPLETER'),
  [ErrorCode.AlreadyEnrolled]: i18nKey('completion.select.rowErrors.ALREADY_ENROLLED'),
};

/**
 * Choosing completers of a closed program for a follow-on one (a study
 * visit, an advanced course): tick trainees, pick a published program, and
 * they are enrolled there, confirmed — all of them or, on any problem, none.
 */
@Component({
  selector: 'sb-completer-selection',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, CalendarDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card selection" aria-labelledby="selection-title" data-testid="completer-selection">
      <h2 id="selection-title">{{ 'completion.select.title' | translate }}</h2>
      <p class="hint">{{ 'completion.select.lead' | translate }}</p>

      @if (completers().length) {
        <div class="field target">
          <label for="selection-target">{{ 'completion.select.target' | translate }}</label>
          <select
            #target
            id="selection-target"
            data-testid="selection-target"
            [value]="targetId()"
            (change)="targetId.set(target.value)"
          >
            <option value="">{{ 'forms.choose' | translate }}</option>
            @for (option of targets(); track option.id) {
              <option [value]="option.id">
                {{ option.title | localized }} ({{ option.code }}, {{ option.startDate | calendarDate }})
              </option>
            }
          </select>
        </div>

        @if (failure(); as code) {
          <div class="alert alert-error" role="alert" data-testid="selection-error">
            {{ 'errors.' + code | translate }}
          </div>
        } @else if (rowErrors().size) {
          <div class="alert alert-error" role="alert" data-testid="selection-error">
            {{ 'completion.select.rowProblems' | translate: { count: rowErrors().size } }}
          </div>
        }
        @if (done(); as done) {
          <div class="alert alert-success" role="status" data-testid="selection-result">
            {{
              'completion.select.done'
                | translate: { count: done.result.enrolled, title: (done.program.title | localized) }
            }}
            <a [routerLink]="['/admin/programs', done.program.id, 'roster']">{{ 'rosters.title' | translate }}</a>
          </div>
        }

        <div class="table-wrap" role="group" tabindex="0" aria-labelledby="selection-title">
          <table class="table" data-testid="selection-table">
            <thead>
              <tr>
                <th scope="col" class="select">
                  <input
                    type="checkbox"
                    data-testid="selection-all"
                    [checked]="selection.allOf(ids())"
                    [indeterminate]="selection.someOf(ids())"
                    [attr.aria-label]="'completion.select.all' | translate"
                    (change)="selection.toggleAll(ids(), $any($event.target).checked)"
                  />
                </th>
                <th scope="col">{{ 'auth.fields.fullName' | translate }}</th>
                <th scope="col">{{ 'auth.fields.institution' | translate }}</th>
              </tr>
            </thead>
            <tbody>
              @for (line of completers(); track line.traineeId) {
                <tr data-testid="selection-row" [attr.data-trainee-id]="line.traineeId">
                  <td class="select">
                    <input
                      type="checkbox"
                      data-testid="selection-check"
                      [checked]="selection.has(line.traineeId)"
                      [attr.aria-label]="'enrolments.queue.selectRow' | translate: { name: line.fullName }"
                      (change)="selection.toggle(line.traineeId, $any($event.target).checked)"
                    />
                  </td>
                  <td>
                    {{ line.fullName }}
                    @if (line.fullNameLatin) {
                      <br /><small class="hint" lang="en">{{ line.fullNameLatin }}</small>
                    }
                    @if (rowErrors().get(line.traineeId); as problem) {
                      <br /><span
                        class="field-error"
                        data-testid="selection-row-error"
                        [attr.data-code]="problem.code"
                        >{{
                          rowErrorKeys[problem.code] ? (rowErrorKeys[problem.code] | translate) : problem.message
                        }}</span
                      >
                    }
                  </td>
                  <td>{{ line.institutionCode ?? ('trainees.list.noInstitution' | translate) }}</td>
                </tr>
              }
            </tbody>
          </table>
        </div>

        <div class="actions">
          <button
            type="button"
            class="btn btn-primary"
            data-testid="selection-submit"
            [disabled]="busy() || !targetId() || selection.count() === 0"
            (click)="submit()"
          >
            {{ 'completion.select.submit' | translate: { count: selection.count() } }}
          </button>
        </div>
      } @else {
        <p class="empty-state" data-testid="selection-none">{{ 'completion.select.none' | translate }}</p>
      }
    </section>
  `,
  styles: `
    .selection {
      margin-top: 1.5rem;
    }
    .target {
      max-width: 36rem;
      margin-bottom: 1rem;
    }
  `,
})
export class CompleterSelectionComponent {
  private readonly api = inject(CertificatesApi);

  /** The closed program whose completers are chosen. */
  readonly source = input.required<Program>();
  readonly completers = input.required<readonly CompletionLine[]>();

  protected readonly rowErrorKeys = ROW_ERROR_KEYS;
  protected readonly selection = new Selection();
  protected readonly ids = computed(() => this.completers().map((line) => line.traineeId));
  protected readonly targetId = signal('');
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly rowErrors = signal<ReadonlyMap<string, { code: string; message: string }>>(new Map());
  protected readonly done = signal<{ result: SelectionResult; program: Program } | null>(null);

  private readonly published = toSignal(
    inject(ProgramsApi)
      .list({ status: 'published', limit: 200, order: 'asc' })
      .pipe(
        map((page) => page.items),
        catchError(() => of([] as Program[])),
      ),
    { initialValue: [] as Program[] },
  );
  protected readonly targets = computed(() => this.published().filter((p) => p.id !== this.source().id));

  protected async submit(): Promise<void> {
    const target = this.targets().find((p) => p.id === this.targetId());
    // In the order shown, so `traineeIds[i]` in an error names the row a person sees.
    const traineeIds = this.ids().filter((id) => this.selection.has(id));
    if (!target || traineeIds.length === 0) return;
    this.busy.set(true);
    this.failure.set(null);
    this.rowErrors.set(new Map());
    this.done.set(null);
    try {
      const result = await firstValueFrom(this.api.select(target.id, { fromProgramId: this.source().id, traineeIds }));
      this.done.set({ result, program: target });
      this.selection.clear();
    } catch (error) {
      const problem = problemOf(error);
      const rows = selectionErrors(problem.errors, traineeIds);
      this.rowErrors.set(rows);
      if (rows.size === 0) this.failure.set(problem.code);
    } finally {
      this.busy.set(false);
    }
  }
}
