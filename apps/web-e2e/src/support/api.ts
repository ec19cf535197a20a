import { expect, request as playwrightRequest, type APIRequestContext, type TestInfo } from '@playwright/test';
import type {
  CreateProgramRequest,
  Enrolment,
  Institution,
  MailboxMessage,
  MailboxPage,
  NotificationKind,
  Page,
  Program,
  SessionResponse,
  Trainee,
} from '@skillbridge/contracts';
import { DEMO, DEMO_PASSWORD, type DemoRole } from './demo';

/**
 * Test data through the API, as a script would set it up, in a request
 * context of its own: it never shares cookies with the browser page, so
 * setting data up does not sign the person under test out.
 */
export class Api {
  private constructor(
    readonly http: APIRequestContext,
    private readonly token: string,
  ) {}

  static async open(testInfo: TestInfo, role: DemoRole): Promise<Api> {
    const http = await playwrightRequest.newContext({ baseURL: testInfo.project.use.baseURL });
    const session = await login(http, DEMO[role], DEMO_PASSWORD);
    return new Api(http, session.accessToken);
  }

  /** The same request context, acting as another account. */
  as(token: string): Api {
    return new Api(this.http, token);
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown, expected?: number): Promise<T> {
    const response = await this.http.fetch(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Accept-Language': 'en' },
      ...(data === undefined ? {} : { data }),
    });
    if (expected !== undefined) expect(response.status(), `${method} ${path}: ${await response.text()}`).toBe(expected);
    else expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return (await response.json()) as T;
  }

  async institution(code: string): Promise<Institution> {
    const page = await this.call<Page<Institution>>('GET', '/institutions?limit=200');
    const found = page.items.find((i) => i.code === code);
    expect(found, `institution ${code}`).toBeTruthy();
    return found as Institution;
  }

  /** A published program starting in a month, open for enrolment now. */
  async publishedProgram(overrides: Partial<CreateProgramRequest> = {}): Promise<Program> {
    const host = await this.institution('TRPC');
    const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 34 * 86_400_000).toISOString().slice(0, 10);
    const program = await this.call<Program>(
      'POST',
      '/programs',
      {
        code: `E2E-ENR-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1000)}`,
        kind: 'camp',
        title: { en: 'Smart agriculture camp', th: 'ค่ายเกษตรอัจฉริยะ', zh: '智慧农业训练营' },
        deliveryMode: 'onsite',
        timezone: 'Asia/Shanghai',
        startDate: start,
        endDate: end,
        venue: 'Tongren Polytechnic College',
        capacity: 20,
        hostInstitutionId: host.id,
        ...overrides,
      } satisfies CreateProgramRequest,
      201,
    );
    return this.call<Program>('POST', `/programs/${program.id}/publish`, null, 200);
  }

  /**
   * A published program that ran last month (its sessions over): one that
   * may be closed and whose registers are open (issue 19).
   */
  async finishedProgram(overrides: Partial<CreateProgramRequest> = {}): Promise<Program> {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    return this.publishedProgram({ startDate: day(-40), endDate: day(-36), ...overrides });
  }

  /**
   * Self-registers a trainee account (as the register page does), follows the
   * link of its verification e-mail from the development mailbox (as its
   * owner would; an unverified account cannot enrol) and returns a session
   * that knows its trainee profile. Needs an admin Api (the mailbox is theirs).
   */
  async register(account: {
    email: string;
    password: string;
    fullName: string;
    fullNameLatin?: string;
    nationality: string;
    institutionId?: string;
    preferredLocale?: 'en' | 'zh' | 'th' | 'ms';
    timeZone?: string;
  }): Promise<SessionResponse> {
    const response = await this.http.post('/api/v1/auth/register', {
      data: {
        preferredLocale: 'th',
        timeZone: 'Asia/Bangkok',
        // The consents the registration form gives (issue 23), to the first notice version.
        consents: [
          { purpose: 'program-administration', noticeVersion: '2026-12' },
          { purpose: 'cross-border-transfer', noticeVersion: '2026-12' },
        ],
        ...account,
      },
    });
    expect(response.status(), await response.text()).toBe(201);
    const token = new URL(linkIn(await this.mail(account.email, 'email-verification')), 'http://x').searchParams;
    const verified = await this.http.post('/api/v1/auth/verify-email', { data: { token: token.get('token') } });
    expect(verified.status(), await verified.text()).toBe(204);
    return login(this.http, account.email, account.password);
  }

  /**
   * The newest e-mail of this kind to this address in the development
   * mailbox (admin only), once the outbox worker has delivered it.
   */
  async mail(to: string, kind: NotificationKind, timeoutMs = 15_000): Promise<MailboxMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.call<MailboxPage>('GET', `/mailbox?to=${encodeURIComponent(to)}&limit=50`);
      const entry = page.items.find((item) => item.to === to && item.kind === kind);
      if (entry) return this.call<MailboxMessage>('GET', `/mailbox/${entry.id}`);
      if (Date.now() > until) throw new Error(`no ${kind} e-mail reached ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}

/** The path and query of the app link in an account e-mail (`/reset-password?token=…`), to open in the browser. */
export function linkIn(message: MailboxMessage): string {
  const match = /https?:\/\/[^\s/]+(\/[^\s]*\?token=[^\s]+)/.exec(message.text);
  if (!match) throw new Error(`no link in the ${message.kind} e-mail: ${message.text}`);
  return match[1];
}

export async function login(http: APIRequestContext, email: string, password: string): Promise<SessionResponse> {
  const response = await http.post('/api/v1/auth/login', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as SessionResponse;
}

export type { Enrolment, Trainee };
