import { signal } from '@angular/core';
import type { Page } from '@skillbridge/contracts';
import { firstValueFrom, Observable } from 'rxjs';
import { problemOf } from '../../core/http/problem';

/**
 * A server-paginated list: the first page for the current filters, then
 * "more" appends the next page from the cursor. Loading and error state
 * included, so pages render designed states instead of blanks.
 */
export class PagedList<T, Q extends object> {
  readonly items = signal<T[]>([]);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly hasMore = signal(false);
  private cursor: string | null = null;
  private generation = 0;

  constructor(private readonly fetch: (query: Q & { cursor?: string }) => Observable<Page<T>>) {}

  async load(query: Q): Promise<void> {
    const generation = ++this.generation;
    this.cursor = null;
    this.items.set([]);
    await this.next(query, generation);
  }

  async more(query: Q): Promise<void> {
    await this.next(query, this.generation);
  }

  private async next(query: Q, generation: number): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await firstValueFrom(this.fetch({ ...query, ...(this.cursor ? { cursor: this.cursor } : {}) }));
      if (generation !== this.generation) return; // a newer filter superseded this request
      this.items.update((items) => [...items, ...page.items]);
      this.cursor = page.nextCursor;
      this.hasMore.set(page.nextCursor !== null);
    } catch (error) {
      if (generation === this.generation) this.error.set(problemOf(error).code);
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }
}
