/** One page of a cursor-paged listing, as the spec shapes them (`data`, `has_more`, `next_cursor`). */
export interface Page<T> {
  readonly data: readonly T[];
  readonly has_more: boolean;
  readonly next_cursor?: string | null;
}

/**
 * Every item of a cursor-paged listing, from the page at `cursor` on (the first when undefined), fetching each further
 * page only when the iteration reaches it. `next_cursor` counts only when `has_more` says another page follows.
 */
export async function* paginate<T>(
  cursor: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  let next: string | undefined = cursor;
  do {
    const page = await fetchPage(next);
    yield* page.data;
    next = page.has_more && page.next_cursor ? page.next_cursor : undefined;
  } while (next !== undefined);
}
