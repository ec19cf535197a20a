import { PROBLEM_CONTENT_TYPE, ProblemDocument } from '@skillbridge/contracts';
import { ProbeModule } from './support/probe.module';
import { api, startTestApp, TestApp } from './support/test-app';

const LANGUAGES = [
  {
    header: 'en-GB,en;q=0.9',
    locale: 'en',
    notFound: 'Not found',
    malformed: 'Malformed JSON',
    invalid: 'Invalid input',
    email: 'Must be a valid e-mail address.',
  },
  {
    header: 'zh-CN,zh;q=0.9',
    locale: 'zh',
    notFound: '未找到',
    malformed: 'JSON 格式错误',
    invalid: '输入无效',
    email: '必须是有效的电子邮件地址。',
  },
  {
    header: 'th-TH,th;q=0.9',
    locale: 'th',
    notFound: 'ไม่พบข้อมูล',
    malformed: 'JSON ไม่ถูกต้อง',
    invalid: 'ข้อมูลไม่ถูกต้อง',
    email: 'ต้องเป็นที่อยู่อีเมลที่ถูกต้อง',
  },
  {
    header: 'ms-MY',
    locale: 'ms',
    notFound: 'Tidak dijumpai',
    malformed: 'JSON tidak sah',
    invalid: 'Input tidak sah',
    email: 'Mestilah alamat e-mel yang sah.',
  },
] as const;

describe('problem details (RFC 9457)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, [ProbeModule]);
  });
  afterAll(() => t.close());

  function expectProblem(
    res: { headers: Record<string, string>; body: ProblemDocument },
    status: number,
    code: string,
  ) {
    expect(res.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:skillbridge:problem:/) });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|\.ts:\d+|node_modules|SELECT |stack/);
  }

  describe.each(LANGUAGES)('in $locale', (lang) => {
    it('answers an unknown route with a localized 404', async () => {
      const res = await t.http.get(api('/no-such-thing')).set('Accept-Language', lang.header);
      expect(res.status).toBe(404);
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.body.title).toBe(lang.notFound);
      expect(res.headers['content-language']).toBe(lang.locale);
      expect(res.body.instance).toBe('/api/v1/no-such-thing');
    });

    it('answers malformed JSON with a localized 400', async () => {
      const res = await t.http
        .post(api('/__probe'))
        .set('Accept-Language', lang.header)
        .set('Content-Type', 'application/json')
        .send('{"limit": 5,');
      expect(res.status).toBe(400);
      expectProblem(res, 400, 'MALFORMED_JSON');
      expect(res.body.title).toBe(lang.malformed);
    });

    it('answers a validation error naming each field, in the language asked for', async () => {
      const res = await t.http
        .post(api('/__probe'))
        .set('Accept-Language', lang.header)
        .send({ limit: 500, kind: 'party', items: [{ email: 'somchai@example.com' }, { email: 'not-an-email' }] });
      expect(res.status).toBe(400);
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.title).toBe(lang.invalid);
      expect(res.body.detail).toContain('3');
      const { errors = [] } = res.body as ProblemDocument;
      expect(errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
        'items[1].email:IS_EMAIL',
        'kind:IS_IN',
        'limit:MAX',
      ]);
      expect(errors.find((e) => e.field === 'items[1].email')?.message).toBe(lang.email);
      expect(errors.find((e) => e.field === 'limit')?.message).toContain('200');
      // The key and values of the words, so a client can say them again after a language switch.
      expect(errors.find((e) => e.field === 'limit')).toMatchObject({
        messageKey: 'validation.max',
        params: { max: '200' },
      });
      expect(errors.find((e) => e.field === 'items[1].email')).toMatchObject({ messageKey: 'validation.isEmail' });
    });
  });

  it('refuses fields the request does not declare', async () => {
    const res = await t.http.post(api('/__probe')).send({ limit: 1, kind: 'camp', items: [], role: 'admin' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        field: 'role',
        code: 'UNKNOWN_FIELD',
        message: 'Is not a field of this request.',
        messageKey: 'validation.unknownField',
      },
    ]);
  });

  it('refuses prototype poisoning in JSON bodies', async () => {
    const res = await t.http
      .post(api('/__probe'))
      .set('Content-Type', 'application/json')
      .send('{"limit":1,"kind":"camp","items":[],"__proto__":{"isAdmin":true}}');
    expect(res.status).toBe(400);
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('defaults to English for languages it does not speak', async () => {
    const res = await t.http.get(api('/nowhere')).set('Accept-Language', 'de-DE,fr;q=0.8');
    expect(res.body.title).toBe('Not found');
  });

  it('answers a body over the limit with 413', async () => {
    const res = await t.http
      .post(api('/__probe'))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ limit: 1, kind: 'camp', items: [], pad: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.http.post(api('/__probe')).set('Content-Type', 'application/xml').send('<limit>1</limit>');
    expect(res.status).toBe(415);
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('keeps a well-formed incoming request id and makes one otherwise', async () => {
    const kept = await t.http.get(api('/health')).set('X-Request-Id', 'lb-2024-09-03-000042');
    expect(kept.headers['x-request-id']).toBe('lb-2024-09-03-000042');
    const replaced = await t.http.get(api('/health')).set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
