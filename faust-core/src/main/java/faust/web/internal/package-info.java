/**
 * The worker's HTTP server (Javalin), its routes' types, and the app's pages ({@code UserPages}).
 */
package faust.web.internal;
