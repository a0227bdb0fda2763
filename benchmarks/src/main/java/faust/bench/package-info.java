/**
 * The benchmark harness: the coordinator, its arguments, reports and the case JVMs' entry point.
 */
package faust.bench;
