import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { PROGRAM_KINDS, type Program, type ProgramKind, type ProgramListQuery } from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ProgramsApi } from './programs.api';

/** Camps and courses the viewer may see, as cards; upcoming ones first unless "past too" is ticked. */
@Component({
  selector: 'sb-program-catalog-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, CalendarDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-catalog.page.html',
  styleUrl: './program-catalog.page.css',
})
export class ProgramCatalogPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  protected readonly kinds = PROGRAM_KINDS;
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl<ProgramKind | ''>('', { nonNullable: true }),
    includePast: new FormControl(true, { nonNullable: true }),
  });
  protected readonly list = new PagedList<Program, ProgramListQuery & { order: 'asc' | 'desc' }>((query) =>
    this.api.list(query),
  );

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): ProgramListQuery & { order: 'asc' | 'desc' } {
    const { q, kind, includePast } = this.filters.getRawValue();
    const today = new Date().toISOString().slice(0, 10);
    return {
      q: q || undefined,
      kind: kind || undefined,
      from: includePast ? undefined : today,
      order: includePast ? 'desc' : 'asc',
      limit: 24,
    };
  }

  protected seatsLeft(program: Program): number {
    return Math.max(0, program.seats.capacity - program.seats.confirmed);
  }
}
