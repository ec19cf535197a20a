import { createProxyServer } from 'http-proxy-3';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How long an upstream that refused or dropped a connection is left out (nginx's fail_timeout, 10 s
 * there). Longer here, so that a test on a slow machine sees a dead process left out for the whole
 * of its run rather than tried again part-way.
 */
const FAIL_TIMEOUT_MS = 60_000;

/**
 * A round-robin load balancer in front of several API processes, as nginx of
 * docker/compose.yaml is in production: http-proxy-3 forwards each request to
 * the next upstream, appending the address it saw to X-Forwarded-For (the API
 * runs with TRUST_PROXY=1 and reads the client from that last entry). No
 * retries: a request whose upstream fails is answered 502, and that upstream
 * is skipped for a while (nginx's passive health check, max_fails=1).
 *
 * Each answer names the upstream that gave it (`x-upstream: <index>`), and
 * `served` counts them, so a test can show that every process took part.
 */
export class Balancer {
  readonly served: number[];
  readonly failures: number[];
  private readonly downUntil: number[];
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  private readonly proxy = createProxyServer({ xfwd: true, agent: this.agent, proxyTimeout: 60_000 });

  private constructor(
    private readonly ports: number[],
    private readonly server: Server,
  ) {
    this.served = ports.map(() => 0);
    this.failures = ports.map(() => 0);
    this.downUntil = ports.map(() => 0);
  }

  static async start(ports: number[]): Promise<Balancer> {
    let balancer: Balancer | null = null;
    const server = createServer((req, res) => balancer?.route(req, res));
    balancer = new Balancer(ports, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return balancer;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The next upstream in turn that is not marked down; when all are, the next one in turn all the same. */
  private pick(): number {
    const now = Date.now();
    for (let tried = 0; tried < this.ports.length; tried++) {
      const index = this.next;
      this.next = (this.next + 1) % this.ports.length;
      if (this.downUntil[index] <= now) return index;
    }
    const index = this.next;
    this.next = (this.next + 1) % this.ports.length;
    return index;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const index = this.pick();
    let failed = false;
    res.setHeader('x-upstream', String(index));
    this.proxy.web(req, res, { target: `http://127.0.0.1:${this.ports[index]}` }, (error) => {
      failed = true;
      this.failures[index] += 1;
      this.downUntil[index] = Date.now() + FAIL_TIMEOUT_MS;
      if (res.headersSent) {
        // The upstream died mid-answer: cut the client's connection too, as nginx does.
        res.destroy();
        return;
      }
      const detail = (error as NodeJS.ErrnoException).code ?? error.message;
      res.writeHead(502, { 'content-type': 'application/problem+json', 'x-upstream': String(index) });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail }));
    });
    res.once('finish', () => {
      if (!failed) this.served[index] += 1;
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.proxy.close();
    this.agent.destroy();
  }
}
