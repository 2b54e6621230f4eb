/**
 * {@code lifeboat readiness}: options and validation, reading the files the user named
 * ({@code Sources}, {@code Fleet}), one call into {@code lifeboat-readiness}, and rendering as text
 * or JSON (schema in docs/readiness.md). Exit 0 ready, 3 not ready, 2 bad input.
 */
package io.lifeboat.cli.readiness;
