package faust.web;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of pages registered together under a prefix, as Faust's blueprints:
 * {@code app.blueprint("/api", new Blueprint().page("/orders/{id}", handler))} serves {@code /api/orders/{id}}.
 */
public final class Blueprint {
    /**
     * One page of a blueprint.
     *
     * @param path its path, below the prefix
     * @param view what answers it
     */
    public record Page(String path, View view) {
    }

    private final List<Page> pages = new ArrayList<>();

    /** An empty blueprint. */
    public Blueprint() {
    }

    /**
     * @param path the page's path below the prefix, e.g. {@code /orders/{id}}
     * @param get answers GET
     * @return this
     */
    public Blueprint page(String path, Handler get) {
        return page(path, new View() {
            @Override
            public Object get(Request request) throws Exception {
                return get.handle(request);
            }
        });
    }

    /**
     * @param path the page's path below the prefix
     * @param view answers the methods it overrides
     * @return this
     */
    public synchronized Blueprint page(String path, View view) {
        pages.add(new Page(path, view));
        return this;
    }

    /** @return its pages */
    public synchronized List<Page> pages() {
        return List.copyOf(pages);
    }
}
