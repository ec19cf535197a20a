import { ChangeDetectionStrategy, Component, inject, input, OnInit, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import type { Enrolment, Trainee } from '@skillbridge/contracts';
import { debounceTime, firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { CountryNamePipe } from '../../shared/i18n/country-name.pipe';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { EnrolmentsApi } from '../enrolments/enrolments.api';
import { TraineesApi } from '../trainees/trainees.api';

const RESULTS = 8;

/**
 * Finds a trainee by name or e-mail (a partner finds only its own) and
 * enrols them; an admin's or partner's enrolment skips the review and is
 * confirmed, or wait-listed when the program is full.
 */
@Component({
  selector: 'sb-enrol-trainee',
  imports: [ReactiveFormsModule, TranslatePipe, CountryNamePipe, EnrolmentStatusComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="field">
      <label [for]="'enrol-search-' + programId()">{{ 'rosters.enrol.search' | translate }}</label>
      <input
        [id]="'enrol-search-' + programId()"
        type="search"
        [formControl]="search"
        autocomplete="off"
        data-testid="enrol-search"
        [attr.aria-describedby]="'enrol-search-hint-' + programId()"
      />
      <p class="hint" [id]="'enrol-search-hint-' + programId()">{{ 'rosters.enrol.searchHint' | translate }}</p>
    </div>
    @if (failure(); as code) {
      <div class="alert alert-error" role="alert" data-testid="enrol-trainee-error">
        {{ 'errors.' + code | translate }}
      </div>
    }
    @if (done(); as done) {
      <div class="alert alert-success" role="status" data-testid="enrol-trainee-done">
        {{ 'rosters.enrol.done' | translate: { name: done.name } }}
        <sb-enrolment-status [status]="done.enrolment.status" />
      </div>
    }
    @if (searching()) {
      <p class="loading" role="status">{{ 'forms.loading' | translate }}</p>
    } @else if (query()) {
      <ul class="results" data-testid="enrol-results">
        @for (trainee of results(); track trainee.id) {
          <li data-testid="enrol-result-row" [attr.data-email]="trainee.email">
            <span>
              <strong>{{ trainee.fullName }}</strong>
              @if (trainee.fullNameLatin) {
                <small class="hint" lang="en">{{ trainee.fullNameLatin }}</small>
              }
              <br /><small class="hint">{{ trainee.email }} · {{ trainee.nationality | countryName }}</small>
            </span>
            <button
              type="button"
              class="btn btn-secondary"
              data-testid="enrol-trainee"
              [disabled]="busy()"
              (click)="enrol(trainee)"
            >
              {{ 'rosters.enrol.button' | translate }}
            </button>
          </li>
        } @empty {
          <li class="hint">{{ 'rosters.enrol.noMatches' | translate }}</li>
        }
      </ul>
    }
  `,
  styles: `
    .results {
      list-style: none;
      padding: 0;
      margin: 0.5rem 0 0;
      display: grid;
      gap: 0.5rem;
    }
    .results li {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 1rem;
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--sb-border);
    }
    .results small.hint {
      margin-inline-start: 0.35rem;
    }
  `,
})
export class EnrolTraineeComponent implements OnInit {
  private readonly trainees = inject(TraineesApi);
  private readonly enrolments = inject(EnrolmentsApi);

  readonly programId = input.required<string>();
  readonly enrolled = output<Enrolment>();

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly query = signal('');
  protected readonly results = signal<Trainee[]>([]);
  protected readonly searching = signal(false);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly done = signal<{ name: string; enrolment: Enrolment } | null>(null);
  private generation = 0;

  ngOnInit(): void {
    this.search.valueChanges.pipe(debounceTime(250)).subscribe((q) => void this.find(q.trim()));
  }

  private async find(q: string): Promise<void> {
    const generation = ++this.generation;
    this.query.set(q);
    if (!q) {
      this.results.set([]);
      return;
    }
    this.searching.set(true);
    try {
      const page = await firstValueFrom(this.trainees.list({ q, limit: RESULTS }));
      if (generation === this.generation) this.results.set(page.items);
    } catch (error) {
      if (generation === this.generation) this.failure.set(problemOf(error).code);
    } finally {
      if (generation === this.generation) this.searching.set(false);
    }
  }

  protected async enrol(trainee: Trainee): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    this.done.set(null);
    try {
      const enrolment = await firstValueFrom(this.enrolments.enrol(this.programId(), { traineeId: trainee.id }));
      this.done.set({ name: trainee.fullName, enrolment });
      this.results.update((list) => list.filter((t) => t.id !== trainee.id));
      this.enrolled.emit(enrolment);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
