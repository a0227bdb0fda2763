package faust.internal;

import faust.web.View;

/**
 * A user page as the app declared it: its path (Javalin syntax, {@code {name}} for a parameter) and the view
 * answering it.
 *
 * @param path the path
 * @param view answers GET, POST, PUT, DELETE
 */
public record PageRoute(String path, View view) {
}
