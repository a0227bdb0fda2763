/**
 * Running an app: {@link faust.worker.Worker} (its boot plan and lifecycle), its banner, states and exit codes.
 */
package faust.worker;
