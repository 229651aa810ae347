package ai.hokusai.sdk;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every item of a cursor-paged listing ({@code data}, {@code has_more}, {@code next_cursor}), fetching each further
 * page only when the iteration reaches it.
 */
final class CursorPages {

    /** One page as the listing answered it. */
    static final class Page<T> {
        final List<T> data;
        final String nextCursor;

        /** {@code nextCursor} counts only when {@code hasMore} says another page follows. */
        Page(List<T> data, Boolean hasMore, String nextCursor) {
            this.data = data == null ? List.of() : data;
            this.nextCursor = Boolean.TRUE.equals(hasMore) ? nextCursor : null;
        }
    }

    private CursorPages() {}

    /**
     * @param firstPage  the params of the first page to fetch
     * @param fetch      fetches the page the params name
     * @param withCursor the same params naming the page at a {@code next_cursor}
     */
    static <P, T> Iterable<T> of(P firstPage, Function<P, Page<T>> fetch, BiFunction<P, String, P> withCursor) {
        return () -> new PageIterator<>(firstPage, fetch, withCursor);
    }

    private static final class PageIterator<P, T> implements Iterator<T> {

        private final Function<P, Page<T>> fetch;
        private final BiFunction<P, String, P> withCursor;
        private P nextPage;
        private Iterator<T> page = Collections.emptyIterator();

        PageIterator(P firstPage, Function<P, Page<T>> fetch, BiFunction<P, String, P> withCursor) {
            this.nextPage = firstPage;
            this.fetch = fetch;
            this.withCursor = withCursor;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && nextPage != null) {
                Page<T> fetched = fetch.apply(nextPage);
                page = fetched.data.iterator();
                nextPage = fetched.nextCursor == null ? null : withCursor.apply(nextPage, fetched.nextCursor);
            }
            return page.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
