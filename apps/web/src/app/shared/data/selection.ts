import { computed, signal } from '@angular/core';

/**
 * Which rows of a list are ticked, by id, for bulk actions. Ticks of rows that
 * leave the list (decided, filtered away) are dropped with `retain()`, so an
 * action never carries an id the person can no longer see.
 */
export class Selection {
  private readonly ids = signal<ReadonlySet<string>>(new Set());
  readonly selected = computed(() => [...this.ids()]);
  readonly count = computed(() => this.ids().size);

  has(id: string): boolean {
    return this.ids().has(id);
  }

  toggle(id: string, checked: boolean): void {
    this.ids.update((ids) => {
      const next = new Set(ids);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  /** Ticks or unticks every one of `visible` (the "all" box of a table). */
  toggleAll(visible: readonly string[], checked: boolean): void {
    this.ids.update((ids) => {
      const next = new Set(ids);
      for (const id of visible) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  /** All of `visible` ticked (false for an empty list). */
  allOf(visible: readonly string[]): boolean {
    const ids = this.ids();
    return visible.length > 0 && visible.every((id) => ids.has(id));
  }

  /** Some but not all of `visible` ticked: the "all" box shows as mixed. */
  someOf(visible: readonly string[]): boolean {
    const ids = this.ids();
    const ticked = visible.filter((id) => ids.has(id)).length;
    return ticked > 0 && ticked < visible.length;
  }

  /** Keeps only the ticks of rows still shown. */
  retain(visible: readonly string[]): void {
    const keep = new Set(visible);
    this.ids.update((ids) => new Set([...ids].filter((id) => keep.has(id))));
  }

  clear(): void {
    this.ids.set(new Set());
  }
}
