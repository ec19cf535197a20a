import { ChangeDetectionStrategy, Component, OnInit, computed, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { DomSanitizer, type SafeHtml } from '@angular/platform-browser';
import { TranslatePipe } from '@ngx-translate/core';
import {
  LOCALE_NATIVE_NAMES,
  type MailTransport,
  type MailboxEntry,
  type MailboxMessage,
  type MailboxQuery,
} from '@skillbridge/contracts';
import { debounceTime, firstValueFrom, tap } from 'rxjs';
import { problemOf } from '../../core/http/problem';
import { HTML_LANG } from '../../core/i18n/language.service';
import { PagedList } from '../../shared/data/paged-list';
import { FieldErrorComponent } from '../../shared/forms/field-error.component';
import { InstantDatePipe } from '../../shared/time/instant-date.pipe';
import { InstantTimePipe } from '../../shared/time/instant-time.pipe';
import { AdminApi } from './admin.api';

/**
 * The development mailbox: the e-mail Skillbridge would have sent while no
 * SMTP server is configured, newest first, filtered by recipient. A chosen
 * message shows its plain text and its HTML, the latter in a sandboxed frame
 * (no scripts, no same-origin access) so it renders as a mail client would,
 * and the raw message (headers and MIME parts) for checking what was sent.
 */
@Component({
  selector: 'sb-mailbox-page',
  imports: [ReactiveFormsModule, TranslatePipe, InstantDatePipe, InstantTimePipe, FieldErrorComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mailbox.page.html',
  styles: `
    .mailbox {
      display: grid;
      gap: 1.5rem;
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      align-items: start;
    }
    /* The reading pane stays in view while the list scrolls. */
    .message {
      position: sticky;
      top: 1rem;
      max-height: calc(100vh - 2rem);
      overflow-y: auto;
    }
    @media (max-width: 60rem) {
      .mailbox {
        grid-template-columns: 1fr;
      }
      .message {
        position: static;
        max-height: none;
      }
    }
    .alert-note {
      color: #7a4b00;
      background: #fff3dc;
      border-color: #f3d199;
    }
    .entries {
      list-style: none;
      padding: 0;
      margin: 0 0 1rem;
      background: var(--sb-surface);
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius);
      overflow: hidden;
    }
    .entries > li + li {
      border-top: 1px solid var(--sb-border);
    }
    .entries .empty-state {
      padding: 2rem;
      text-align: center;
    }
    .entry {
      display: grid;
      gap: 0.15rem;
      width: 100%;
      padding: 0.6rem 0.9rem;
      font: inherit;
      text-align: start;
      color: inherit;
      background: none;
      border: 0;
      border-inline-start: 4px solid transparent;
      cursor: pointer;
    }
    .entry:hover {
      background: var(--sb-bg);
    }
    .entry.chosen {
      background: var(--sb-brand-soft);
      border-inline-start-color: var(--sb-brand-strong);
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 0.75rem;
    }
    .to {
      overflow-wrap: anywhere;
    }
    .line time,
    .details {
      color: var(--sb-text-muted);
      font-size: 0.85rem;
    }
    .details {
      justify-content: flex-start;
    }
    .subject {
      font-weight: 600;
      color: var(--sb-brand-strong);
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25rem 1rem;
      margin: 0 0 1rem;
    }
    dt {
      color: var(--sb-text-muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0.5rem;
    }
    /* The app's own fonts, not a monospace one: e-mails are prose, often in Thai or Chinese. */
    pre {
      font-family: inherit;
      font-size: 0.9rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      background: var(--sb-bg);
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius-sm);
      padding: 0.75rem;
      margin: 0;
      max-height: 20rem;
      overflow-y: auto;
    }
    /* The raw message is ASCII with long encoded lines: a monospace font, lines kept as they are. */
    .raw {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.8rem;
      white-space: pre;
      overflow-x: auto;
    }
    details {
      margin-top: 1rem;
    }
    summary {
      cursor: pointer;
      font-weight: 600;
    }
    iframe {
      width: 100%;
      height: 32rem;
      border: 1px solid var(--sb-border);
      border-radius: var(--sb-radius-sm);
      background: #fff;
    }
  `,
})
export class MailboxPage implements OnInit {
  private readonly api = inject(AdminApi);
  private readonly sanitizer = inject(DomSanitizer);

  protected readonly localeNames = LOCALE_NATIVE_NAMES;
  protected readonly htmlLang = HTML_LANG;
  protected readonly filters = new FormGroup({
    to: new FormControl('', { nonNullable: true, validators: Validators.maxLength(254) }),
  });
  /** Where the server sends e-mail now; each page of the list says. */
  protected readonly transport = signal<MailTransport | null>(null);
  protected readonly list = new PagedList<MailboxEntry, MailboxQuery>((query) =>
    this.api.mailbox(query).pipe(tap((page) => this.transport.set(page.transport))),
  );

  protected readonly chosenId = signal<string | null>(null);
  protected readonly message = signal<MailboxMessage | null>(null);
  protected readonly messageLoading = signal(false);
  protected readonly messageError = signal<string | null>(null);
  /** The API's own rendered e-mail, trusted as such; the frame's empty sandbox still keeps it inert. */
  protected readonly html = computed<SafeHtml | null>(() => {
    const message = this.message();
    return message ? this.sanitizer.bypassSecurityTrustHtml(message.html) : null;
  });

  ngOnInit(): void {
    void this.list.load(this.query());
    this.filters.valueChanges.pipe(debounceTime(300)).subscribe(() => {
      if (this.filters.valid) void this.list.load(this.query());
    });
  }

  protected query(): MailboxQuery {
    return { to: this.filters.getRawValue().to.trim() || undefined, limit: 50 };
  }

  protected async choose(entry: MailboxEntry): Promise<void> {
    this.chosenId.set(entry.id);
    this.message.set(null);
    this.messageError.set(null);
    this.messageLoading.set(true);
    try {
      const message = await firstValueFrom(this.api.mailboxMessage(entry.id));
      if (this.chosenId() === entry.id) this.message.set(message); // not if another was chosen meanwhile
    } catch (error) {
      if (this.chosenId() === entry.id) this.messageError.set(problemOf(error).code);
    } finally {
      if (this.chosenId() === entry.id) this.messageLoading.set(false);
    }
  }
}
