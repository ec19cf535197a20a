import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnChanges,
  signal,
  type SimpleChanges,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  ErrorCode,
  SUPPORTED_LOCALES,
  zonedDate,
  type Locale,
  type MyEnrolment,
  type PublicProgramDetail,
  type Session,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { LanguageService } from '../../core/i18n/language.service';
import { ResendVerificationComponent } from '../../core/layout/resend-verification.component';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { CalendarDatePipe } from '../../shared/time/calendar-date.pipe';
import { ViewerZone } from '../../shared/time/viewer-zone';
import { ZoneNamePipe } from '../../shared/time/zone-name.pipe';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { ZonedTimePipe } from '../../shared/time/zoned-time.pipe';
import { AgendaComponent } from '../../shared/ui/agenda.component';
import { EnrolmentStatusComponent } from '../../shared/ui/enrolment-status.component';
import { enrolAvailability } from '../enrolments/enrol-availability';
import { EnrolmentsApi } from '../enrolments/enrolments.api';
import { PendingEnrolment, programPagePath } from './pending-enrolment';
import { showsSeats } from './program-badges';
import { PublicCatalogApi } from './public-catalog.api';

/** A public session as the agenda draws sessions: no instructors, never a meeting link. */
export function agendaSessions(program: PublicProgramDetail): Session[] {
  return program.sessions.map((session) => ({
    ...session,
    programId: program.id,
    instructorIds: [],
    instructors: [],
  }));
}

/**
 * A program's public page, `/p/:code` — what a link shared in a chat opens, signed in or not. The API has
 * already put the program's title and description into the page's head for the chat app's preview. Signed out:
 * "Register and enrol" remembers the program (PendingEnrolment) through registration, the e-mail link and
 * sign-in, and the enrolment is made here when the person comes back able to enrol. Signed-in trainees enrol
 * here directly.
 */
@Component({
  selector: 'sb-public-program-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    CalendarDatePipe,
    ZoneNamePipe,
    ZonedTimePipe,
    ZonedRangeComponent,
    AgendaComponent,
    EnrolmentStatusComponent,
    ResendVerificationComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './public-program.page.html',
  styleUrl: './public-program.page.css',
})
export class PublicProgramPage implements OnChanges {
  private readonly api = inject(PublicCatalogApi);
  private readonly enrolments = inject(EnrolmentsApi);
  private readonly pending = inject(PendingEnrolment);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly languages = inject(LanguageService);
  private readonly viewerZone = inject(ViewerZone);
  protected readonly auth = inject(AuthService);

  readonly code = input.required<string>();
  /** `?lang=` of a shared link: the page opens in that language. */
  readonly lang = input<string>();

  protected readonly program = signal<PublicProgramDetail | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly notFound = signal(false);
  protected readonly sessions = computed(() => {
    const program = this.program();
    return program ? agendaSessions(program) : [];
  });
  protected readonly isTrainee = computed(() => this.auth.role() === 'trainee');
  protected readonly mine = signal<MyEnrolment | null>(null);
  protected readonly mineLoaded = signal(false);
  protected readonly enrolling = signal(false);
  protected readonly justEnrolled = signal(false);
  protected readonly enrolFailure = signal<string | null>(null);
  protected readonly copied = signal(false);
  private readonly now = signal(new Date());
  private readonly today = computed(() => zonedDate(this.now(), this.viewerZone.zone()));
  protected readonly availability = computed(() => {
    const program = this.program();
    return program
      ? enrolAvailability({ ...program, status: 'published' }, this.mine()?.status ?? null, this.now())
      : null;
  });
  protected readonly full = computed(() => (this.program()?.seats.available ?? 1) <= 0);
  protected readonly badges = computed(() => {
    const program = this.program();
    if (!program) return [];
    if (program.endDate < this.today()) return ['ended'] as const;
    return program.seats.available <= 0 ? (['full'] as const) : [];
  });
  protected readonly seatsShown = computed(() => {
    const program = this.program();
    return !!program && showsSeats({ ...program, status: 'published' }, this.today());
  });
  /** The page's own address, to copy or share (in the language it is read in). */
  protected readonly shareUrl = computed(
    () => `${this.document.location.origin}${programPagePath(this.code())}?lang=${this.languages.current()}`,
  );
  protected readonly posterUrl = computed(() => this.api.posterUrl(this.code(), this.languages.current()));
  protected readonly canShare = typeof this.document.defaultView?.navigator.share === 'function';

  /** On the first code and on every other one: the router keeps this page when a link leads to another program. */
  async ngOnChanges(changes: SimpleChanges): Promise<void> {
    if (changes['code']) await this.load();
  }

  /** The load in progress: a later code's answer wins over an earlier one's. */
  private generation = 0;

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.program.set(null);
    this.notFound.set(false);
    this.failure.set(null);
    this.mine.set(null);
    this.mineLoaded.set(false);
    this.justEnrolled.set(false);
    this.enrolFailure.set(null);
    this.copied.set(false);
    const lang = this.lang();
    if (lang && (SUPPORTED_LOCALES as readonly string[]).includes(lang) && lang !== this.languages.current()) {
      await this.languages.use(lang as Locale).catch(() => undefined);
    }
    try {
      const program = await firstValueFrom(this.api.get(this.code()));
      if (generation !== this.generation) return;
      this.program.set(program);
    } catch (error) {
      if (generation !== this.generation) return;
      const problem = problemOf(error);
      if (problem.status === 404) this.notFound.set(true);
      else this.failure.set(problem.code);
      return;
    }
    if (this.isTrainee()) {
      await this.loadMine().catch(() => undefined);
      // Back from registration, the e-mail link or sign-in: make the enrolment they asked for.
      if (this.pending.code() === this.code()) {
        if (this.availability() !== 'open') this.pending.forget();
        else if (!this.auth.emailUnverified()) await this.enrol();
      }
    }
  }

  /** Signed out: remember the program, then register (or sign in) — the enrolment follows. */
  protected async registerAndEnrol(): Promise<void> {
    this.pending.remember(this.code());
    await this.router.navigateByUrl('/register');
  }

  protected async signInAndEnrol(): Promise<void> {
    this.pending.remember(this.code());
    await this.router.navigate(['/sign-in'], { queryParams: { returnUrl: programPagePath(this.code()) } });
  }

  /** Unverified: remembered, so that following the e-mail link brings them back here to be enrolled. */
  protected rememberForLater(): void {
    this.pending.remember(this.code());
  }

  protected async enrol(): Promise<void> {
    const program = this.program();
    if (!program) return;
    this.enrolling.set(true);
    this.enrolFailure.set(null);
    try {
      await firstValueFrom(this.enrolments.enrol(program.id));
      this.justEnrolled.set(true);
      this.pending.forget();
    } catch (error) {
      const code = problemOf(error).code;
      if (code === ErrorCode.AlreadyEnrolled) this.pending.forget();
      else this.enrolFailure.set(code);
      if (code === ErrorCode.EmailNotVerified) {
        this.pending.remember(program.code);
        await this.auth.reloadUser().catch(() => undefined);
      }
    } finally {
      const [fresh] = await Promise.all([
        firstValueFrom(this.api.get(program.code)).catch(() => null),
        this.loadMine().catch(() => undefined),
      ]);
      if (fresh) this.program.set(fresh);
      this.now.set(new Date());
      this.enrolling.set(false);
    }
  }

  protected async copyLink(): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(this.shareUrl());
      this.copied.set(true);
    } catch {
      this.copied.set(false);
    }
  }

  protected async share(): Promise<void> {
    const program = this.program();
    if (!program) return;
    await this.document.defaultView?.navigator
      .share({ url: this.shareUrl(), title: this.document.title })
      .catch(() => undefined);
  }

  private async loadMine(): Promise<void> {
    const id = this.program()?.id;
    let cursor: string | undefined;
    try {
      do {
        const page = await firstValueFrom(this.enrolments.mine({ limit: 200, cursor }));
        const found = page.items.find((item) => item.programId === id);
        if (found) {
          this.mine.set(found);
          break;
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    } finally {
      this.mineLoaded.set(true);
    }
  }
}
