import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  PROGRAM_KINDS,
  zonedDate,
  type Page,
  type Program,
  type ProgramKind,
  type ProgramListQuery,
  type PublicProgram,
} from '@skillbridge/contracts';
import { debounceTime, map, type Observable } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { PagedList } from '../../shared/data/paged-list';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { programBadges, showsSeats, type ProgramBadge } from './program-badges';
import { ProgramsApi } from './programs.api';
import { programPagePath } from './pending-enrolment';
import { PublicCatalogApi } from './public-catalog.api';

/** A card of the catalog: a program as the signed-in list gives it, or one of the open catalog (signed out). */
export type CatalogProgram = Pick<
  Program,
  | 'id'
  | 'code'
  | 'kind'
  | 'title'
  | 'deliveryMode'
  | 'timezone'
  | 'startDate'
  | 'endDate'
  | 'venue'
  | 'enrolmentOpensAt'
  | 'enrolmentClosesAt'
  | 'status'
> & { seats: { available: number; capacity: number } };

/** A program of the open catalog as a card: every one there is published. */
export function publicCard(program: PublicProgram): CatalogProgram {
  return { ...program, status: 'published' };
}

/**
 * Signed out, the open catalog (GET /public/programs: published programs open to anyone), each card leading to
 * the program's public page /p/:code. Signed in, the camps and courses the viewer may see, as cards: those not over yet by default, soonest first; with "past too"
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
  private readonly publicApi = inject(PublicCatalogApi);
  private readonly viewerZone = inject(ViewerZone);
  /** Signed out: the open catalog. Read once: signing in leaves this page. */
  protected readonly signedOut = !inject(AuthService).signedIn();
  protected readonly kinds = PROGRAM_KINDS;
  protected readonly filters = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    kind: new FormControl<ProgramKind | ''>('', { nonNullable: true }),
    includePast: new FormControl(false, { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });
  protected readonly list = new PagedList<CatalogProgram, ProgramListQuery & { order: 'asc' | 'desc' }>(
    (query): Observable<Page<CatalogProgram>> =>
      this.signedOut
        ? this.publicApi
            .list({
              q: query.q,
              kind: query.kind,
              from: query.from,
              to: query.to,
              limit: query.limit,
              cursor: query.cursor,
            })
            .pipe(map((page) => ({ items: page.items.map(publicCard), nextCursor: page.nextCursor })))
        : this.api.list(query),
  );
  /** The viewer's calendar day: a program is past once its last day is before it. */
  protected readonly today = computed(() => zonedDate(new Date(), this.viewerZone.zone()));

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(250)).subscribe(() => void this.list.load(this.query()));
  }

  protected query(): ProgramListQuery & { order: 'asc' | 'desc' } {
    const { q, kind, includePast, from, to } = this.filters.getRawValue();
    return {
      q: q || undefined,
      kind: kind || undefined,
      from: from || (includePast ? undefined : this.today()),
      to: to || undefined,
      // The open catalog is always soonest first.
      order: includePast && !this.signedOut ? 'desc' : 'asc',
      limit: 24,
    };
  }

  /** Whether a filter (search, kind, upcoming only) hides programs: the empty list's next step lifts them. */
  protected filtered(): boolean {
    const { q, kind, includePast, from, to } = this.filters.getRawValue();
    return Boolean(q || kind || from || to) || !includePast;
  }

  /** Every program the viewer may see, past ones too: the empty list's next step. */
  protected showAll(): void {
    this.filters.setValue({ q: '', kind: '', includePast: true, from: '', to: '' });
  }

  /** Where a card leads: the public page signed out (and the address people share), the full page signed in. */
  protected link(program: CatalogProgram): string[] {
    return this.signedOut ? [programPagePath(program.code)] : ['/programs', program.id];
  }

  protected badges(program: CatalogProgram): ProgramBadge[] {
    return programBadges(program, this.today());
  }

  protected showsSeats(program: CatalogProgram): boolean {
    return showsSeats(program, this.today());
  }

  /** The enrolment window's days in the program's zone (`YYYY-MM-DD`), while it still takes enrolments. */
  protected window(program: CatalogProgram): { from?: string; to?: string } | null {
    if (!this.showsSeats(program) || (!program.enrolmentOpensAt && !program.enrolmentClosesAt)) return null;
    return {
      from: program.enrolmentOpensAt ? zonedDate(program.enrolmentOpensAt, program.timezone) : undefined,
      to: program.enrolmentClosesAt ? zonedDate(program.enrolmentClosesAt, program.timezone) : undefined,
    };
  }
}
