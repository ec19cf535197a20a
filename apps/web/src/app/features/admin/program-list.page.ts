import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PROGRAM_KINDS,
  PROGRAM_STATUSES,
  type Program,
  type ProgramKind,
  type ProgramListQuery,
  type ProgramStatus,
} from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { DateInputComponent } from '../../shared/forms/date-time/date-input.component';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ProgramsApi } from '../programs/programs.api';

@Component({
  selector: 'sb-program-list-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, CalendarDatePipe, DateInputComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-list.page.html',
})
export class ProgramListPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  protected readonly kinds = PROGRAM_KINDS;
  protected readonly statuses = PROGRAM_STATUSES;
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl<ProgramKind | ''>('', { nonNullable: true }),
    status: new FormControl<ProgramStatus | ''>('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<Program, ProgramListQuery>((query) => this.api.list(query));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): ProgramListQuery {
    const { q, kind, status, from, to } = this.filters.getRawValue();
    return {
      q: q || undefined,
      kind: kind || undefined,
      status: status || undefined,
      from: from || undefined,
      to: to || undefined,
      limit: 25,
    };
  }
}
