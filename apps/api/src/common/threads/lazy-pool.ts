import { Piscina } from 'piscina';

type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;
type RunOptions = Parameters<Piscina['run']>[1];

/**
 * A piscina pool made on its first task (a process that never renders a PDF or
 * reads a workbook starts no thread for it), whose threads stop after a minute
 * idle, and that is ended at application shutdown — after the HTTP server has
 * closed and the requests in flight have had their answers (ended on module
 * destroy, before that, a SIGTERM would fail the import or PDF a request is
 * waiting for). The render, workbook and sheet-reading pools are each one.
 */
export class LazyPool<Task, Result> {
  private pool: Piscina<Task, Result> | undefined;

  /** `options` is read when the first task comes (configuration is loaded by then). */
  constructor(private readonly options: () => PoolOptions) {}

  run(task: Task, options?: RunOptions): Promise<Result> {
    this.pool ??= new Piscina<Task, Result>({ minThreads: 0, idleTimeout: 60_000, ...this.options() });
    return this.pool.run(task, options);
  }

  /** Tasks its threads have finished (the tests count them to prove the work left the event loop). */
  get completed(): number {
    return this.pool?.completed ?? 0;
  }

  /** Ends the threads; a later task starts new ones. */
  async destroy(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
