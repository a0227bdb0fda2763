/**
 * The worker's HTTP server (Javalin) and its routes' types. User pages (issue 14) are more {@code Route}s.
 */
package faust.web.internal;
