/**
 * {@code lifeboat agent ...}: options, validation and one call each into {@code io.lifeboat.agent}.
 * Other agent commands are added to {@link io.lifeboat.cli.agent.AgentCommand}, one per line.
 */
package io.lifeboat.cli.agent;
