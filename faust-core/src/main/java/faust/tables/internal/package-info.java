/**
 * The worker's table runtime: which table partitions it holds (active, standby, global), their stores,
 * the write cache flushed at each commit, the changelog writes. Implements {@code faust.internal.TableBackend}.
 *
 * <p>Issue 11 plugs in here: windowed and set tables are further table kinds over the same runtime; the periodic
 * cleanup sweep is a worker service ({@code faust.worker.internal.Service}) calling into it.
 */
package faust.tables.internal;
