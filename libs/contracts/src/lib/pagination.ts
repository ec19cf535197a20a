/** Default and largest `?limit=` of every list endpoint. */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

/** A page of a keyset-paginated list; pass `nextCursor` back as `?cursor=`. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
