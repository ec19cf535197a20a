import { HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { AttendanceApi } from './attendance.api';
import { MarkQueue, RegisterStoreService, type QueuedMark, type SendOutcome } from './register-store';

/**
 * Sends the marks queued on this phone when the app opens and when the connection returns, on whatever page
 * the instructor is — not only on the register. A mark someone else changed meanwhile (412), or one refused,
 * stays queued: the register shows it, to decide, when it is opened. Not Background Sync: only Chromium has it.
 */
@Injectable({ providedIn: 'root' })
export class QueuedMarksSender {
  private readonly stores = inject(RegisterStoreService);
  private readonly api = inject(AttendanceApi);
  private readonly auth = inject(AuthService);
  private started = false;

  start(): void {
    if (this.started || typeof window === 'undefined') return;
    this.started = true;
    window.addEventListener('online', () => void this.sendAll());
    void this.sendAll();
  }

  async sendAll(): Promise<void> {
    const role = this.auth.role();
    if (role !== 'instructor' && role !== 'admin') return;
    const queue = new MarkQueue(this.stores.store);
    const sessions = await this.stores.store.sessions().catch(() => [] as string[]);
    for (const sessionId of sessions) {
      const report = await this.stores
        .exclusive(sessionId, () => queue.flush(sessionId, (mark) => this.send(mark)))
        .catch(() => null);
      if (!report || report.offline) return;
    }
  }

  private async send(mark: QueuedMark): Promise<SendOutcome> {
    try {
      const { line } = await firstValueFrom(
        this.api.mark(mark.sessionId, mark.traineeId, { status: mark.status, previous: mark.previous }),
      );
      return { kind: 'sent', line };
    } catch (error) {
      // No connection, a gateway's stand-in, or the API failing on its side: try again later.
      if (error instanceof HttpErrorResponse && (error.status === 0 || error.status >= 500)) return { kind: 'offline' };
      // Someone changed the mark meanwhile (412), or it is refused: the register shows it when opened.
      return { kind: 'kept' };
    }
  }
}
