import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { freePort } from '@skillbridge/api/database/embedded';
import { httpCall, type CallOptions, type Reply } from './http-call';

const ROOT = path.resolve(__dirname, '../../../..');
/** The built API, as production runs it (the api-e2e:e2e target builds it first). */
export const BUILT_API_MAIN = path.join(ROOT, 'dist/apps/api/main.js');

export interface Credentials {
  email: string;
  password: string;
}

export interface ApiProcessOptions {
  databaseUrl: string;
  /** Names the suite in the secrets it makes up (every process of one suite gets the same ones). */
  suite: string;
  /** Random-looking, as NODE_ENV=production requires; equal for every process that must accept the others' tokens. */
  jwtSecret: string;
  /** The first admin, created on start (when the database has none) and signed in by `login()`. */
  admin: Credentials;
  /** Added to (and over) the common settings: production, no web app, no demo data, no outbox worker, warn logs. */
  env?: Record<string, string>;
  /** Who this is in error messages. */
  label?: string;
  /** How long the process may take to answer /health (it migrates first). */
  startWithinMs?: number;
  /** The time limit of a `call` that names none. */
  callTimeoutMs?: number;
}

/** One child process's environment: production's, with the suite's made-up secrets and first admin, and its own settings over them. */
function environment(options: ApiProcessOptions, port: number): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: options.jwtSecret,
    DATA_ENCRYPTION_KEY: `${options.suite}-data-key-that-is-long-enough-0123456789`,
    CREDENTIAL_KEY_SECRET: `${options.suite}-credential-key-long-enough-9876543210`,
    // The scenarios act as the first admin with a password alone (two-factor has its own suites).
    MFA_REQUIRED_ROLES: '',
    PUBLIC_URL: 'http://127.0.0.1',
    PORT: String(port),
    HOST: '127.0.0.1',
    WEB_ROOT: 'none',
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    OUTBOX_WORKER: 'false',
    ADMIN_EMAIL: options.admin.email,
    ADMIN_PASSWORD: options.admin.password,
    ...options.env,
  };
}

/**
 * The built API (dist/apps/api/main.js) as a child process on a port of its
 * own: with its own signal handling, memory and event loop, which the shared
 * in-process test server cannot give — for the suites that kill it, run
 * several of it, or measure it from outside.
 */
export class ApiProcess {
  /** Whole lines of its stdout and stderr (the last 50,000). */
  readonly logs: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });
  token = '';

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    private readonly options: ApiProcessOptions,
  ) {
    // Whole lines only: a chunk may end mid-line.
    const partial = { stdout: '', stderr: '' };
    const keep = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = lines.pop() ?? '';
      this.logs.push(...lines.filter(Boolean));
      if (this.logs.length > 50_000) this.logs.splice(0, this.logs.length - 50_000);
    };
    child.stdout?.on('data', keep('stdout'));
    child.stderr?.on('data', keep('stderr'));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  /** Starts the process and waits until /health answers 200; on failure ends it and throws with its log. */
  static async start(options: ApiProcessOptions): Promise<ApiProcess> {
    if (!existsSync(BUILT_API_MAIN)) {
      throw new Error(
        `${BUILT_API_MAIN} is missing: build the API first (nx run api:build; the api-e2e:e2e target depends on it)`,
      );
    }
    const port = await freePort();
    const child = spawn(process.execPath, [BUILT_API_MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: environment(options, port),
    });
    const api = new ApiProcess(child, port, options);
    const label = options.label ?? 'the API';
    const withinMs = options.startWithinMs ?? 90_000;
    const deadline = Date.now() + withinMs;
    try {
      for (;;) {
        if (!api.alive) throw new Error(`${label} exited (${JSON.stringify(api.exit)})`);
        if ((await api.call('GET', '/health', { timeoutMs: 2_000 })).status === 200) break;
        if (Date.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting for ${label} to answer`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch (error) {
      await api.kill();
      throw new Error(`${(error as Error).message}\n${api.logs.join('\n')}`);
    }
    return api;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  get auth() {
    return { Authorization: `Bearer ${this.token}` };
  }

  /** One request with a hard time limit; never throws (see httpCall). */
  call(method: string, urlPath: string, options: CallOptions = {}): Promise<Reply> {
    return httpCall(this.port, this.agent, method, urlPath, {
      timeoutMs: this.options.callTimeoutMs,
      ...options,
    });
  }

  /** Signs the first admin in; `auth` carries the token from then on. */
  async login(): Promise<void> {
    const res = await this.call('POST', '/auth/login', { body: this.options.admin });
    if (res.status !== 200) throw new Error(`admin sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.token = res.body.accessToken;
  }

  /** A trainee import of this file by the signed-in admin, sent as the web app sends it (multipart, field `file`). */
  importRoster(
    file: Buffer,
    { name = 'roster.csv', dryRun = false, timeoutMs }: { name?: string; dryRun?: boolean; timeoutMs?: number } = {},
  ): Promise<Reply> {
    const boundary = `----skillbridge${randomBytes(8).toString('hex')}`;
    const type = name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
    const raw = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.call('POST', `/trainees/import?dryRun=${dryRun}&noticeVersion=2026-12&informedAttested=true`, {
      raw,
      headers: { ...this.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      timeoutMs,
    });
  }

  /** The process's resident memory (Linux's /proc), its worker threads included. */
  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
  }

  /** Ends the process (if it still runs) and waits for it. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child.kill(signal);
    await this.exited;
    this.agent.destroy();
  }
}
