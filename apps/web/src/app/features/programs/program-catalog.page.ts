import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PROGRAM_KINDS,
  zonedDate,
  type Program,
  type ProgramKind,
  type ProgramListQuery,
} from '@skillbridge/contracts';
import { debounceTime } from 'rxjs';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { programBadges, showsSeats, type ProgramBadge } from './program-badges';
import { ProgramsApi } from './programs.api';

/**
 * Camps and courses the viewer may see, as cards: those not over yet by default, soonest first; with "past too"
 * ticked, all of them, newest first. Each card says Ended, Full or Cancelled where it applies, its enrolment
 * window (with years) while it takes enrolments, and its free seats only while there are seats to take.
 */
@Component({
  selector: 'sb-program-catalog-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, LocalizedPipe, CalendarDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './program-catalog.page.html',
  styleUrl: './program-catalog.page.css',
})
export class ProgramCatalogPage implements OnInit {
  private readonly api = inject(ProgramsApi);
  private readonly viewerZone = inject(ViewerZone);
  protected readonly kinds = PROGRAM_KINDS;
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl<ProgramKind | ''>('', { nonNullable: true }),
    includePast: new FormControl(false, { nonNullable: true }),
  });
  protected readonly list = new PagedList<Program, ProgramListQuery & { order: 'asc' | 'desc' }>((query) =>
    this.api.list(query),
  );
  /** The viewer's calendar day: a program is past once its last day is before it. */
  protected readonly today = computed(() => zonedDate(new Date(), this.viewerZone.zone()));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): ProgramListQuery & { order: 'asc' | 'desc' } {
    const { q, kind, includePast } = this.filters.getRawValue();
    return {
      q: q || undefined,
      kind: kind || undefined,
      from: includePast ? undefined : this.today(),
      order: includePast ? 'desc' : 'asc',
      limit: 24,
    };
  }

  /** Whether a filter (search, kind, upcoming only) hides programs: the empty list's next step lifts them. */
  protected filtered(): boolean {
    const { q, kind, includePast } = this.filters.getRawValue();
    return Boolean(q || kind) || !includePast;
  }

  /** Every program the viewer may see, past ones too: the empty list's next step. */
  protected showAll(): void {
    this.filters.setValue({ q: '', kind: '', includePast: true });
  }

  protected badges(program: Program): ProgramBadge[] {
    return programBadges(program, this.today());
  }

  protected showsSeats(program: Program): boolean {
    return showsSeats(program, this.today());
  }

  /** The enrolment window's days in the program's zone (`YYYY-MM-DD`), while it still takes enrolments. */
  protected window(program: Program): { from?: string; to?: string } | null {
    if (!this.showsSeats(program) || (!program.enrolmentOpensAt && !program.enrolmentClosesAt)) return null;
    return {
      from: program.enrolmentOpensAt ? zonedDate(program.enrolmentOpensAt, program.timezone) : undefined,
      to: program.enrolmentClosesAt ? zonedDate(program.enrolmentClosesAt, program.timezone) : undefined,
    };
  }
}
