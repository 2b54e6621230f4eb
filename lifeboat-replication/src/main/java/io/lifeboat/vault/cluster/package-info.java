/**
 * The vault's nodes: several {@code vault serve} processes on one store. Each announces itself in the
 * store ({@code nodes/<id>.json}: address, host names, started-at, a heartbeat every 20 s; removed on a
 * clean stop) and lists the others ({@code GET /v1/nodes}, and the enrolment answer), ignoring an
 * announcement older than three heartbeats. A vault on its own folder is a list of one.
 *
 * <p>Not given: a dead node stays in the list for up to a minute (agents that dial it fail over to the
 * next); the list is what nodes said about themselves, not a health check; clocks are assumed roughly
 * in step (within a heartbeat) since staleness compares one node's clock with another's.
 */
package io.lifeboat.vault.cluster;
