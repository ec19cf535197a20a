import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { DATA_EXPORT_TTL_HOURS, type DataExport } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf, problemOfDownload } from '../../core/http/problem';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { DataCopyApi } from './data-copy.api';

/** How often the list is read again while a copy is being made. */
export const DATA_COPY_POLL_MS = 3_000;

/** A copy as listed: its state now, `expired` once past its expiry (the server no longer hands it out). */
export interface DataCopyLine extends DataExport {
  state: DataExport['status'] | 'expired';
}

function lineOf(copy: DataExport, now = Date.now()): DataCopyLine {
  const expired = copy.status === 'ready' && copy.expiresAt !== null && Date.parse(copy.expiresAt) <= now;
  return { ...copy, state: expired ? 'expired' : copy.status };
}

/**
 * "A copy of my data" (TH PDPA s.30–31, MY PDPA s.43A, PIPL art. 45): ask
 * for a ZIP of everything held about oneself, see each copy's state, and
 * download the ready ones until they expire. The e-mail and the notice of a
 * ready copy lead here (`/profile#data-copy`).
 */
@Component({
  selector: 'sb-data-copy-section',
  imports: [TranslatePipe, InstantDatePipe, InstantTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './data-copy-section.component.html',
  // The same list layout as the devices' section.
  styleUrl: './sessions-section.component.css',
})
export class DataCopySectionComponent implements OnInit {
  private readonly api = inject(DataCopyApi);
  private readonly document = inject(DOCUMENT);
  private readonly host = inject(ElementRef);
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly ttlHours = DATA_EXPORT_TTL_HOURS;
  protected readonly copies = signal<DataCopyLine[] | null>(null);
  protected readonly busy = signal(false);
  protected readonly downloading = signal<string | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly requested = signal(false);
  /** "We are making your copy" while one is being made after the person asked, not once it is ready. */
  protected readonly making = computed(
    () => this.requested() && (this.copies() ?? []).some((c) => c.state === 'pending'),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  async ngOnInit(): Promise<void> {
    await this.refresh();
    this.showWhenLinked();
  }

  /**
   * The notice and e-mail of a ready copy lead to `/profile#data-copy`: the router does not scroll to
   * fragments, and this section shows below the account's settings, so it brings itself into view.
   */
  private showWhenLinked(): void {
    if (this.document.defaultView?.location.hash !== '#data-copy') return;
    const host = this.host.nativeElement as HTMLElement;
    setTimeout(() => host.scrollIntoView?.({ block: 'start' }));
  }

  protected async request(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      const made = await firstValueFrom(this.api.request());
      this.copies.update((list) => [lineOf(made), ...(list ?? [])]);
      this.requested.set(true);
      this.schedule();
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.busy.set(false);
    }
  }

  protected async download(copy: DataCopyLine): Promise<void> {
    this.downloading.set(copy.id);
    this.failure.set(null);
    try {
      await this.api.download(copy.id);
    } catch (error) {
      this.failure.set((await problemOfDownload(error)).code);
      // Expired meanwhile (or gone): the list says so.
      await this.refresh();
    } finally {
      this.downloading.set(null);
    }
  }

  private async refresh(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list());
      this.copies.set(page.items.map((copy) => lineOf(copy)));
      this.schedule();
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  /** Reads the list again while any copy is still being made. */
  private schedule(): void {
    this.stopPolling();
    if (!(this.copies() ?? []).some((c) => c.state === 'pending')) return;
    this.timer = setTimeout(() => void this.refresh(), DATA_COPY_POLL_MS);
  }

  private stopPolling(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
