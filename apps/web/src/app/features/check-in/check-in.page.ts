import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { ErrorCode, type CheckInResult } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { problemOf } from '../../core/http/problem';
import { i18nKey } from '../../shared/i18n/i18n-key';
import { LocalizedPipe } from '../../shared/i18n/localized.pipe';
import { ZonedRangeComponent } from '../../shared/time/zoned-range.component';
import { CheckInApi } from '../attendance/check-in.api';
import { STATUS_LABELS } from '../attendance/take-attendance.page';
import { checkInUrl, clearPendingCheckIn, keepPendingCheckIn, pendingCheckIn } from './pending-check-in';

/** What went wrong, in the trainee's words, and whether typing the code by hand can help. */
interface Failure {
  key: string;
  retry: boolean;
}

/** The words for each problem a check-in can meet. */
export function checkInFailure(code: string): Failure {
  switch (code) {
    case ErrorCode.CheckInCodeInvalid:
      return { key: i18nKey('checkIn.trainee.codeInvalid'), retry: true };
    case ErrorCode.CheckInClosed:
      return { key: i18nKey('checkIn.trainee.closed'), retry: false };
    case ErrorCode.AlreadyCheckedIn:
      return { key: i18nKey('checkIn.trainee.already'), retry: false };
    case ErrorCode.NotConfirmed:
    case ErrorCode.NotFound:
    case ErrorCode.Forbidden:
      return { key: i18nKey('checkIn.trainee.notEnrolled'), retry: false };
    case ErrorCode.TooManyRequests:
      return { key: i18nKey('checkIn.trainee.tooMany'), retry: true };
    case ErrorCode.ValidationFailed:
      return { key: i18nKey('checkIn.trainee.codeInvalid'), retry: true };
    default:
      return { key: `errors.${code}`, retry: true };
  }
}

/**
 * Where the QR in the room leads (`/check-in/:sessionId?code=…`), on the trainee's phone. Signed out, it goes to
 * sign-in and comes back with the code (the return address carries it; this tab also keeps it, for detours that
 * lose the address); signed in, it checks in at once and says present or late, for which session. A code that
 * expired meanwhile can be typed by hand from the screen.
 */
@Component({
  selector: 'sb-check-in-page',
  imports: [RouterLink, TranslatePipe, LocalizedPipe, ZonedRangeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './check-in.page.html',
  styleUrl: './check-in.page.css',
})
export class CheckInPage implements OnInit {
  private readonly api = inject(CheckInApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** From the route. */
  readonly sessionId = input.required<string>();
  /** From the QR's address (`?code=`); absent when typed by hand. */
  readonly code = input<string>();

  protected readonly labels = STATUS_LABELS;
  protected readonly busy = signal(false);
  protected readonly result = signal<CheckInResult | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly typed = signal('');
  protected readonly typedMissing = signal(false);
  /** Signed in with another role than trainee: only trainees check in. */
  protected readonly notTrainee = computed(() => this.auth.signedIn() && this.auth.role() !== 'trainee');
  protected readonly home = computed(() => this.auth.homeFor(this.auth.role()));

  async ngOnInit(): Promise<void> {
    const code = this.code()?.trim() || pendingCheckIn(this.sessionId())?.code;
    if (!this.auth.signedIn()) {
      if (code) keepPendingCheckIn(this.sessionId(), code);
      await this.router.navigate(['/sign-in'], {
        queryParams: { returnUrl: checkInUrl(this.sessionId(), code) },
        replaceUrl: true,
      });
      return;
    }
    if (this.notTrainee()) {
      clearPendingCheckIn();
      return;
    }
    if (code) await this.send(code);
  }

  protected setTyped(value: string): void {
    this.typed.set(value);
    if (value.trim()) this.typedMissing.set(false);
  }

  protected async submitTyped(): Promise<void> {
    const code = this.typed().trim();
    if (!code) {
      this.typedMissing.set(true);
      return;
    }
    await this.send(code);
  }

  private async send(code: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.checkIn(this.sessionId(), code)));
      this.typed.set('');
    } catch (error) {
      this.failure.set(checkInFailure(problemOf(error).code));
    } finally {
      // Used, whatever came of it: the trainee's home does not lead back here again.
      clearPendingCheckIn();
      this.busy.set(false);
    }
  }
}
