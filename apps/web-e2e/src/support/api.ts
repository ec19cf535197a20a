import { expect, request as playwrightRequest, type APIRequestContext, type TestInfo } from '@playwright/test';
import type {
  CreateProgramRequest,
  Enrolment,
  Institution,
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

  /** Self-registers a trainee account (as the register page does) and returns its session. */
  async register(account: {
    email: string;
    password: string;
    fullName: string;
    fullNameLatin?: string;
    nationality: string;
    institutionId?: string;
  }): Promise<SessionResponse> {
    const response = await this.http.post('/api/v1/auth/register', {
      data: { preferredLocale: 'th', timeZone: 'Asia/Bangkok', ...account },
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as SessionResponse;
  }

  async dispose(): Promise<void> {
    await this.http.dispose();
  }
}

export async function login(http: APIRequestContext, email: string, password: string): Promise<SessionResponse> {
  const response = await http.post('/api/v1/auth/login', { data: { email, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as SessionResponse;
}

export type { Enrolment, Trainee };
