/**
 * Running the vault and the agent as systemd services: {@code vault install-service} and
 * {@code agent install-service} write a unit and a {@code .properties} config file, and
 * {@code --config FILE} lets {@code vault serve} and {@code agent protect} take their options from
 * that file, so a unit's command line stays short.
 *
 * <p>Config files: one key per option, named as the long option without its dashes
 * ({@code dir=/var/lib/lifeboat/vault}, {@code rpo=15m}); the agent's paths are {@code path.1},
 * {@code path.2}, ... An option given on the command line wins over the file. A file that cannot be
 * read, or a key that names no option of the command, is an error (exit 2), never ignored.
 */
package io.lifeboat.cli.service;
