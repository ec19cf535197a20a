import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { DomSanitizer } from '@angular/platform-browser';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { CalendarFeed } from '@skillbridge/contracts';
import { firstValueFrom } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { ConfirmDialogComponent } from '../ui/confirm-dialog.component';
import { CalendarFeedApi } from './calendar-feed.api';
import { subscribeLinks } from './calendar-links';

/**
 * "Subscribe to calendar": a button and a dialog (native <dialog>) with the
 * person's secret calendar address, a Copy button, links that subscribe to
 * it in Google Calendar, Outlook or any other app (webcal:), and a way to
 * reset the address when it got out. The address is fetched when the dialog
 * first opens.
 */
@Component({
  selector: 'sb-calendar-subscribe',
  imports: [TranslatePipe, ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" class="btn btn-secondary" data-testid="subscribe-calendar" (click)="open()">
      {{ 'calendarFeed.subscribe' | translate }}
    </button>
    <dialog
      #dialog
      class="dialog"
      aria-labelledby="calendar-feed-title"
      aria-describedby="calendar-feed-lead"
      data-testid="calendar-feed-dialog"
    >
      <h2 id="calendar-feed-title">{{ 'calendarFeed.title' | translate }}</h2>
      <p id="calendar-feed-lead">{{ 'calendarFeed.lead' | translate }}</p>
      @if (failure(); as code) {
        <p class="alert alert-error" role="alert" data-testid="calendar-feed-error">
          {{ 'errors.' + code | translate }}
        </p>
      }
      @if (feed(); as feed) {
        <label for="calendar-feed-url">{{ 'calendarFeed.address' | translate }}</label>
        <div class="address">
          <input
            #field
            id="calendar-feed-url"
            type="text"
            readonly
            [value]="feed.url"
            data-testid="calendar-feed-url"
            (focus)="field.select()"
          />
          <button type="button" class="btn btn-secondary" data-testid="copy-calendar-feed" (click)="copy()">
            {{ 'calendarFeed.copy' | translate }}
          </button>
        </div>
        <p class="hint" role="status" data-testid="calendar-feed-status">
          @switch (notice()) {
            @case ('copied') {
              {{ 'calendarFeed.copied' | translate }}
            }
            @case ('copy-by-hand') {
              {{ 'calendarFeed.copyByHand' | translate }}
            }
            @case ('reset') {
              {{ 'calendarFeed.resetDone' | translate }}
            }
          }
        </p>
        <p class="hint">{{ 'calendarFeed.secret' | translate }}</p>
        @if (links(); as links) {
          <ul class="apps">
            <li>
              <a
                class="btn btn-secondary"
                [href]="links.google"
                target="_blank"
                rel="noopener noreferrer"
                data-testid="subscribe-google"
                >{{ 'calendarFeed.google' | translate }}
                <span class="visually-hidden">{{ 'calendarFeed.newTab' | translate }}</span></a
              >
            </li>
            <li>
              <a
                class="btn btn-secondary"
                [href]="links.outlook"
                target="_blank"
                rel="noopener noreferrer"
                data-testid="subscribe-outlook"
                >{{ 'calendarFeed.outlook' | translate }}
                <span class="visually-hidden">{{ 'calendarFeed.newTab' | translate }}</span></a
              >
            </li>
            <li>
              <a class="btn btn-secondary" [href]="webcal()" data-testid="subscribe-webcal">{{
                'calendarFeed.apple' | translate
              }}</a>
            </li>
          </ul>
        }
      } @else if (!failure()) {
        <p class="loading" role="status">{{ 'forms.loading' | translate }}</p>
      }
      <div class="actions">
        @if (feed()) {
          <button
            type="button"
            class="btn btn-link"
            data-testid="reset-calendar-feed"
            [disabled]="resetting()"
            (click)="confirmReset.open()"
          >
            {{ 'calendarFeed.reset' | translate }}
          </button>
        }
        <button type="button" class="btn btn-primary" data-testid="close-calendar-feed" (click)="dialog.close()">
          {{ 'calendarFeed.close' | translate }}
        </button>
      </div>
      <sb-confirm-dialog
        #confirmReset
        id="reset-calendar-feed"
        [title]="'calendarFeed.resetTitle' | translate"
        [message]="'calendarFeed.resetMessage' | translate"
        [confirmLabel]="'calendarFeed.resetConfirm' | translate"
        [danger]="true"
        (confirmed)="reset()"
      />
    </dialog>
  `,
  styles: `
    .dialog {
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      padding: 1.5rem;
      width: min(36rem, 92vw);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 0.35);
    }
    h2 {
      margin-top: 0;
      font-size: 1.2rem;
    }
    .address {
      display: flex;
      gap: 0.5rem;
      margin: 0.35rem 0;
    }
    .address input {
      flex: 1;
      min-width: 0;
      font-size: 0.9rem;
    }
    .apps {
      list-style: none;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .actions {
      display: flex;
      justify-content: space-between;
      gap: 0.5rem;
      margin-top: 1rem;
    }
  `,
})
export class CalendarSubscribeComponent {
  private readonly api = inject(CalendarFeedApi);
  private readonly document = inject(DOCUMENT);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly translate = inject(TranslateService);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  protected readonly feed = signal<CalendarFeed | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly resetting = signal(false);
  protected readonly notice = signal<'copied' | 'copy-by-hand' | 'reset' | null>(null);
  protected readonly links = computed(() => {
    const feed = this.feed();
    return feed ? subscribeLinks(feed, this.translate.instant('calendarFeed.calendarName') as string) : null;
  });
  /** Angular keeps only http(s) and a few schemes in [href]; this one is the API's own webcal: address. */
  protected readonly webcal = computed(() => {
    const address = this.links()?.webcal;
    return address?.startsWith('webcal://') ? this.sanitizer.bypassSecurityTrustUrl(address) : null;
  });

  open(): void {
    this.notice.set(null);
    this.dialog().nativeElement.showModal();
    if (!this.feed()) void this.load();
  }

  private async load(): Promise<void> {
    this.failure.set(null);
    try {
      this.feed.set(await firstValueFrom(this.api.address()));
    } catch (error) {
      this.failure.set(problemOf(error).code);
    }
  }

  protected async copy(): Promise<void> {
    const feed = this.feed();
    if (!feed) return;
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(feed.url);
      this.notice.set('copied');
    } catch {
      // No clipboard permission (or an old browser): the address is there to copy by hand.
      this.notice.set('copy-by-hand');
    }
  }

  protected async reset(): Promise<void> {
    this.resetting.set(true);
    this.failure.set(null);
    try {
      this.feed.set(await firstValueFrom(this.api.rotate()));
      this.notice.set('reset');
    } catch (error) {
      this.failure.set(problemOf(error).code);
    } finally {
      this.resetting.set(false);
    }
  }
}
