package io.lifeboat.vault.store;

import java.time.Instant;

/**
 * What the vault keeps of an enrolment token: never the secret, only its SHA-256.
 *
 * @param id           the token id (also the file name)
 * @param machine      the only machine name this token may enrol
 * @param secretSha256 lowercase hex SHA-256 of the secret's UTF-8 bytes
 * @param created      when {@code vault enroll} made it
 * @param expires      after this instant the token is refused
 */
public record TokenRecord(String id, String machine, String secretSha256, Instant created, Instant expires) {
}
