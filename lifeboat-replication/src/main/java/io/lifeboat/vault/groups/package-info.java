/**
 * The vault's consistency-group requests: an agent protecting with {@code --group G} asks for G's
 * current round and records each committed point for it. The rules and the files are
 * {@link io.lifeboat.repository.groups.GroupStore}'s; this package only authenticates (the caller's
 * certificate names the machine, so a machine records only its own points) and maps refusals to
 * HTTP answers.
 */
package io.lifeboat.vault.groups;
