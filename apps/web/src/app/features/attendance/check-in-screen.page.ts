import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import {
  CHECK_IN_MAX_MINUTES,
  type CheckInCode,
  type CheckInState,
  type Program,
  type Session,
} from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalNumberPipe } from '../../shared/i18n/local-number.pipe';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { QrCodeComponent } from '../../shared/ui/qr-code.component';
import { ProgramsApi } from '../programs/programs.api';
import { CheckInApi } from './check-in.api';
import { STATUS_LABELS } from './take-attendance.page';

/** How often the screen asks who has checked in. */
export const CHECK_IN_POLL_MS = 3000;
export const DEFAULT_CHECK_IN_MINUTES = 15;

/** `ABCD EFGH`: the code in two groups, easier to read across a room (typed either way). */
export function spacedCode(code: string): string {
  return code.length > 4 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** `4:05`, `1:02:05`: time left, never below zero. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * QR check-in in the room, for the session's instructor (or an admin): choose how long, open, and show the
 * screen — the QR (its code renewed as each one expires), the short code in large letters for people who type
 * it, the time left, and the names of those who checked in, as they arrive.
 */
@Component({
  selector: 'sb-check-in-screen-page',
  imports: [
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    LocalNumberPipe,
    InstantTimePipe,
    ZonedRangeComponent,
    QrCodeComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-in-screen.page.html',
  styleUrl: './check-in-screen.page.css',
})
export class CheckInScreenPage implements OnInit {
  private readonly api = inject(CheckInApi);
  private readonly programs = inject(ProgramsApi);
  private readonly destroyRef = inject(DestroyRef);

  /** The session's id, from the route. */
  readonly id = input.required<string>();
  /** Whose screens this page is opened from (route data): the way back differs. */
  readonly area = input<'instructor' | 'admin'>('instructor');

  private readonly screen = viewChild<ElementRef<HTMLElement>>('screen');

  protected readonly maxMinutes = CHECK_IN_MAX_MINUTES;
  protected readonly labels = STATUS_LABELS;
  protected readonly loading = signal(true);
  protected readonly loadFailure = signal<string | null>(null);
  protected readonly actionFailure = signal<{ code: string; detail?: string } | null>(null);
  protected readonly busy = signal(false);
  protected readonly session = signal<Session | null>(null);
  protected readonly program = signal<Program | null>(null);
  protected readonly state = signal<CheckInState | null>(null);
  protected readonly code = signal<CheckInCode | null>(null);
  protected readonly minutes = signal(DEFAULT_CHECK_IN_MINUTES);
  protected readonly minutesInvalid = computed(() => {
    const m = this.minutes();
    return !Number.isInteger(m) || m < 1 || m > CHECK_IN_MAX_MINUTES;
  });
  protected readonly fullscreen = signal(false);
  protected readonly fullscreenAvailable = typeof document !== 'undefined' && !!document.fullscreenEnabled;
  /** The clock the countdown reads, ticking each second while the screen shows. */
  protected readonly now = signal(Date.now());

  protected readonly open = computed(() => {
    const state = this.state();
    return !!state?.open && !!state.closesAt && Date.parse(state.closesAt) > this.now();
  });
  protected readonly timeLeft = computed(() => {
    const closesAt = this.state()?.closesAt;
    return closesAt ? countdown(Date.parse(closesAt) - this.now()) : '';
  });
  protected readonly spaced = computed(() => spacedCode(this.code()?.code ?? ''));
  protected readonly back = computed(() =>
    this.area() === 'admin'
      ? { link: ['/admin/sessions', this.id(), 'attendance'], label: i18nKey('checkIn.screen.backToRegister') }
      : { link: ['/instructor/sessions', this.id(), 'attendance'], label: i18nKey('checkIn.screen.backToRegister') },
  );

  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private tickTimer: ReturnType<typeof setInterval> | undefined;
  private codeTimer: ReturnType<typeof setTimeout> | undefined;
  private destroyed = false;
  /** The screen is showing (its timers run). */
  private active = false;

  constructor() {
    const onFullscreen = () => this.fullscreen.set(!!document.fullscreenElement);
    if (typeof document !== 'undefined') document.addEventListener('fullscreenchange', onFullscreen);
    this.destroyRef.onDestroy(() => {
      this.destroyed = true;
      this.stopTimers();
      if (typeof document !== 'undefined') {
        document.removeEventListener('fullscreenchange', onFullscreen);
        if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      }
    });
  }

  async ngOnInit(): Promise<void> {
    try {
      const [session, state] = await Promise.all([
        firstValueFrom(this.api.session(this.id())),
        firstValueFrom(this.api.state(this.id())),
      ]);
      this.session.set(session);
      this.state.set(state);
      this.program.set(await firstValueFrom(this.programs.get(session.programId)).catch(() => null));
      if (this.open()) await this.startScreen();
    } catch (error) {
      this.loadFailure.set(problemOf(error).code);
    } finally {
      this.loading.set(false);
    }
  }

  protected setMinutes(value: string): void {
    this.minutes.set(value.trim() === '' ? Number.NaN : Number(value));
  }

  protected async openCheckIn(): Promise<void> {
    if (this.busy() || this.minutesInvalid()) return;
    this.busy.set(true);
    this.actionFailure.set(null);
    // Asked for while the click still counts as the person's own act (browsers allow full screen only then).
    const wantsFullscreen = this.fullscreenAvailable && !document.fullscreenElement;
    try {
      await firstValueFrom(this.api.open(this.id(), { minutes: this.minutes() }));
      this.state.set(await firstValueFrom(this.api.state(this.id())));
      this.now.set(Date.now());
      await this.startScreen();
      if (wantsFullscreen) await this.enterFullscreen();
    } catch (error) {
      const problem = problemOf(error);
      this.actionFailure.set({ code: problem.code, detail: problem.detail });
    } finally {
      this.busy.set(false);
    }
  }

  protected async closeCheckIn(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionFailure.set(null);
    try {
      await firstValueFrom(this.api.close(this.id()));
      await this.refreshState();
      this.stopScreen();
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    } catch (error) {
      const problem = problemOf(error);
      this.actionFailure.set({ code: problem.code, detail: problem.detail });
    } finally {
      this.busy.set(false);
    }
  }

  protected async toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
    else await this.enterFullscreen();
  }

  private async enterFullscreen(): Promise<void> {
    // Where the browser has no Fullscreen API, or refuses it, the screen is large enough as it is.
    await this.screen()
      ?.nativeElement.requestFullscreen?.()
      .catch(() => undefined);
  }

  /** The screen shows: a code now and at each renewal, the clock, and who checked in every few seconds. */
  private async startScreen(): Promise<void> {
    this.stopTimers();
    this.active = true;
    this.tickTimer = setInterval(() => {
      this.now.set(Date.now());
      if (!this.open()) this.stopScreen();
    }, 1000);
    this.pollTimer = setInterval(() => void this.refreshState(), CHECK_IN_POLL_MS);
    await this.refreshCode();
  }

  private stopScreen(): void {
    this.stopTimers();
    this.code.set(null);
    this.now.set(Date.now());
  }

  private stopTimers(): void {
    this.active = false;
    clearInterval(this.pollTimer);
    clearInterval(this.tickTimer);
    clearTimeout(this.codeTimer);
    this.pollTimer = this.tickTimer = this.codeTimer = undefined;
  }

  private async refreshState(): Promise<void> {
    try {
      const state = await firstValueFrom(this.api.state(this.id()));
      if (this.destroyed) return;
      this.state.set(state);
      if (!this.open()) this.stopScreen();
    } catch {
      // A missed poll: the next one tries again.
    }
  }

  /**
   * Fetches the code, and fetches it again just after it expires (the API gives a new one only then; the old
   * one is still accepted one period longer, so people scanning at the turn are not refused).
   */
  private async refreshCode(): Promise<void> {
    clearTimeout(this.codeTimer);
    let delay = 1000;
    try {
      const code = await firstValueFrom(this.api.code(this.id()));
      if (this.destroyed) return;
      this.code.set(code);
      delay = Math.min(30_000, Math.max(1000, Date.parse(code.expiresAt) - Date.now() + 250));
    } catch (error) {
      // Closed meanwhile (another instructor, or its time ran out): the screen says so.
      if (problemOf(error).status === 400) {
        await this.refreshState();
        this.stopScreen();
        return;
      }
    }
    if (!this.destroyed && this.active) {
      this.codeTimer = setTimeout(() => void this.refreshCode(), delay);
    }
  }
}
