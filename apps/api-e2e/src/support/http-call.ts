import { Agent, request as httpRequest } from 'node:http';

/** What came back from one request; `error` instead of a status when no answer came. */
export interface Reply {
  status: number;
  contentType: string;
  headers: Record<string, string | string[] | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  ms: number;
  /** A refused or reset connection, or our own time limit. */
  error?: string;
}

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Buffer;
  timeoutMs?: number;
  /**
   * The loopback address to send from (`127.0.0.2`, …): every 127.x address is
   * this machine, so a test can be several clients, each with an IP of its own.
   */
  from?: string;
}

/**
 * One request to `port` on 127.0.0.1 under /api/v1 with a hard time limit;
 * never throws. Requests from another address than the agent's default open
 * a connection of their own (an agent's pooled socket keeps its address).
 */
export function httpCall(
  port: number,
  agent: Agent,
  method: string,
  urlPath: string,
  options: CallOptions = {},
): Promise<Reply> {
  const started = Date.now();
  const payload = options.raw ?? (options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body)));
  return new Promise((resolve) => {
    let settled = false;
    const done = (reply: Omit<Reply, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...reply, ms: Date.now() - started });
    };
    const failed = (error: NodeJS.ErrnoException) =>
      done({ status: 0, contentType: '', headers: {}, body: null, error: error.code ?? error.message });
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1${urlPath}`,
        method,
        ...(options.from ? { localAddress: options.from, agent: false } : { agent }),
        headers: {
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(payload ? { 'content-length': String(payload.length) } : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const contentType = String(res.headers['content-type'] ?? '');
          let body: unknown = text;
          try {
            body = /json/.test(contentType) && text ? JSON.parse(text) : text;
          } catch {
            // kept as text
          }
          done({ status: res.statusCode ?? 0, contentType, headers: res.headers, body });
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => {
      done({ status: 0, contentType: '', headers: {}, body: null, error: 'CLIENT_TIMEOUT' });
      req.destroy();
    });
    req.on('error', failed);
    req.end(payload);
  });
}

/** The refresh cookie a reply set (`sb_refresh=…`), or undefined. */
export function refreshCookieOf(reply: Reply): string | undefined {
  return ([] as string[])
    .concat(reply.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('sb_refresh='))
    ?.split(';')[0];
}
