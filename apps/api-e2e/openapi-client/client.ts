/*
 * A small Skillbridge API client written only against the types openapi-typescript generates from the
 * OpenAPI document (`schema.ts` beside it; see README, "API clients"). The API test
 * apps/api-e2e/src/openapi-client.e2e-spec.ts generates those types from the current document and
 * compiles this file with tsc, strict: a schema that loses a property, a type or a response breaks
 * the build here. The `@ts-expect-error` lines check that the types are precise, not `any`.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of a response with that status. */
type JsonResponse<P extends keyof paths, M extends Method, S extends number> =
  Operation<P, M> extends { responses: Record<S, { content: { 'application/json': infer T } }> } ? T : never;
/** The JSON request body. */
type JsonRequest<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody: { content: { 'application/json': infer T } } } ? T : never;
/** The query parameters. */
type Query<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Program = Schemas['ProgramDto'];
export type Trainee = Schemas['TraineeDto'];
export type CertificateListEntry = Schemas['CertificateListEntryDto'];

/** An answer of 4xx or 5xx: the API's problem document (RFC 9457). */
export class ApiProblem extends Error {
  constructor(readonly problem: Schemas['ProblemDto']) {
    super(`${problem.status} ${problem.code}: ${problem.detail}`);
  }
}

export class SkillbridgeClient {
  private accessToken: string | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly language: 'en' | 'zh' | 'th' | 'ms' = 'en',
  ) {}

  private async call<T>(method: Uppercase<Method>, path: string, query?: object, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': this.language };
    if (this.accessToken) headers['authorization'] = `Bearer ${this.accessToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new ApiProblem((await response.json()) as Schemas['ProblemDto']);
    return (await response.json()) as T;
  }

  /** Signs in with e-mail and password; later calls carry the access token. */
  async signIn(email: string, password: string): Promise<Schemas['AuthUserDto']> {
    const body: JsonRequest<'/api/v1/auth/login', 'post'> = { email, password };
    const result = await this.call<JsonResponse<'/api/v1/auth/login', 'post', 200>>(
      'POST',
      '/api/v1/auth/login',
      undefined,
      body,
    );
    if ('mfaRequired' in result) {
      throw new Error('This account signs in with a second factor: POST /api/v1/auth/login/mfa with the mfaToken');
    }
    this.accessToken = result.accessToken;
    return result.user;
  }

  listPrograms(query: Query<'/api/v1/programs', 'get'> = {}) {
    return this.call<JsonResponse<'/api/v1/programs', 'get', 200>>('GET', '/api/v1/programs', query);
  }

  createTrainee(trainee: JsonRequest<'/api/v1/trainees', 'post'>) {
    return this.call<JsonResponse<'/api/v1/trainees', 'post', 201>>('POST', '/api/v1/trainees', undefined, trainee);
  }

  listCertificates(query: Query<'/api/v1/certificates', 'get'> = {}) {
    return this.call<JsonResponse<'/api/v1/certificates', 'get', 200>>('GET', '/api/v1/certificates', query);
  }
}

/** What a partner's integration does with it: its camps, a new trainee, the certificates issued so far. */
export async function partnerSync(client: SkillbridgeClient): Promise<string[]> {
  const lines: string[] = [];
  const me = await client.signIn('partner@skillbridge.test', 'skillbridge-demo');
  if (me.role !== 'partner' || me.institutionId === null) throw new Error('not a partner account');

  const programs = await client.listPrograms({ kind: 'camp', status: 'published', limit: 20 });
  for (const program of programs.items) {
    const title = program.title.en ?? program.title.zh ?? program.code;
    lines.push(`${program.code} ${title} ${program.startDate}–${program.endDate} (${program.timezone})`);
    lines.push(`  seats: ${program.seats.confirmed}/${program.seats.capacity}, ${program.seats.waitlisted} waiting`);
  }
  const more: string | null = programs.nextCursor;

  const trainee: Trainee = await client.createTrainee({
    fullName: 'Nguyễn Thị Thu Hằng',
    fullNameLatin: 'Nguyen Thi Thu Hang',
    email: 'thu.hang@example.edu.vn',
    nationality: 'VN',
  });
  const nationality: string = trainee.nationality;
  lines.push(`${trainee.id} ${trainee.fullName} ${nationality} ${trainee.preferredLocale}`);

  let cursor: string | undefined;
  do {
    const page = await client.listCertificates({ status: 'issued', cursor });
    for (const certificate of page.items) {
      const issuer = certificate.issuer.name.zh ?? certificate.issuer.name.en ?? '';
      lines.push(`${certificate.serial} ${certificate.holderName} ${certificate.hours}h ${issuer}`);
      if (certificate.status === 'revoked') lines.push(`  revoked: ${certificate.revokedReason ?? ''}`);
      for (const topic of certificate.topics) lines.push(`  ${topic.startsAt} ${topic.title.en ?? ''}`);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  // @ts-expect-error a nationality is an ISO 3166-1 alpha-2 code, not a country's name
  await client.createTrainee({ fullName: 'Somchai', email: 'somchai@example.ac.th', nationality: 'Thailand' });
  // @ts-expect-error a program's title is a LocalizedText, not a string
  const title: string = programs.items[0].title;
  // @ts-expect-error certificates are listed by status `issued` or `revoked`
  await client.listCertificates({ status: 'valid' });
  // @ts-expect-error the list has no `total`
  lines.push(String(programs.total));
  return [...lines, more ?? '', title];
}
