/**
 * The consistency-group commands: {@code vault group set}, {@code vault group list}, and the group
 * views {@code points --group} and {@code failover --group} use. The rules are
 * {@code io.lifeboat.repository.groups}'.
 */
package io.lifeboat.cli.groups;
