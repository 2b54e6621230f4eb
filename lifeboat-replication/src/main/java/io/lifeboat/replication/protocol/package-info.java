/**
 * The replication wire: what the agent and the vault exchange, as codecs that never see a socket.
 *
 * <p>Four messages, all described for operators in {@code docs/protocol.md} ("Replication"):
 * <ul>
 *   <li>an <b>id list</b> ({@link io.lifeboat.replication.protocol.IdListCodec}): block ids as
 *       32 raw bytes each, used for "which of these do you lack?" and its answer;</li>
 *   <li>a <b>block batch</b> ({@link io.lifeboat.replication.protocol.BlockBatchCodec}): a
 *       length-prefixed, bounded run of blocks, each raw or zstd-compressed;</li>
 *   <li>a <b>point commit</b> ({@link io.lifeboat.replication.protocol.PointCommit}): the manifest
 *       plus what the agent sent for it, as zstd-compressed JSON;</li>
 *   <li>a <b>point list</b>: JSON {@link io.lifeboat.repository.PointInfo} values.</li>
 * </ul>
 *
 * <p>Every decoder checks every length against the bytes present and against a fixed bound before
 * it allocates, and fails with {@link io.lifeboat.replication.protocol.WireFormatException} naming
 * the field and the position. The vault's repository decompresses and re-hashes every received
 * block; {@link io.lifeboat.replication.protocol.BlockSealer} is the agent's side of that.
 *
 * <p>Not guaranteed here: authorisation (the vault's routes do it) and durability (the repository).
 */
package io.lifeboat.replication.protocol;
