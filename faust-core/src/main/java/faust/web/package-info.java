/**
 * User web pages of a worker: {@link faust.web.Handler} and {@link faust.web.View} answer
 * {@link faust.web.Request}s with JSON bodies or {@link faust.web.Response}s; {@link faust.web.HttpError}
 * answers an error as JSON; {@link faust.web.Blueprint} groups pages under a prefix. Register them with
 * {@code app.page(...)}, {@code app.blueprint(...)}; {@code app.tableRoute(...)} and {@code app.topicRoute(...)}
 * forward a request to the worker that owns its key. The server itself is {@code faust.web.internal}.
 */
package faust.web;
