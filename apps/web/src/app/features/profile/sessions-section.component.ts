import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { AccountSession } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { AccountApi } from '../../core/auth/account.api';
import { problemOf } from '../../core/http/problem';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { deviceOf, type Device } from './device-name';

interface SessionLine extends AccountSession {
  device: Device;
}

/** "Where you're signed in": each device, when it signed in and was last used, and a way to sign it out. */
@Component({
  selector: 'sb-sessions-section',
  imports: [TranslatePipe, InstantDatePipe, InstantTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sessions-section.component.html',
  styleUrl: './sessions-section.component.css',
})
export class SessionsSectionComponent implements OnInit {
  private readonly api = inject(AccountApi);

  protected readonly sessions = signal<SessionLine[] | null>(null);
  protected readonly others = computed(() => (this.sessions() ?? []).filter((s) => !s.current));
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly notice = signal<'one' | 'others' | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const sessions = await firstValueFrom(this.api.sessions());
      // This device first, then the most recently used.
      const lines = sessions
        .map((s) => ({ ...s, device: deviceOf(s.userAgent) }))
        .sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
      this.sessions.set(lines);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  protected async end(session: SessionLine): Promise<void> {
    await this.run(
      () => firstValueFrom(this.api.endSession(session.id)),
      'one',
      (s) => s.id !== session.id,
    );
  }

  protected async endOthers(): Promise<void> {
    await this.run(
      () => firstValueFrom(this.api.endOtherSessions()),
      'others',
      (s) => s.current,
    );
  }

  private async run(call: () => Promise<void>, notice: 'one' | 'others', keep: (s: SessionLine) => boolean) {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    try {
      await call();
      this.sessions.update((list) => (list ?? []).filter(keep));
      this.notice.set(notice);
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }
}
