/** Implementation of the dev broker; not an API, may change without notice. */
package faust.devbroker.internal;
