package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.lifeboat.repository.BlockId;
import io.lifeboat.repository.BlockRef;

/**
 * The JSON mapper of the replication wire: a block id is its hex string, a zero block omits its id,
 * times are ISO-8601 strings. Unknown fields are rejected, so a typo never passes silently.
 */
public final class ReplicationJson {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .addMixIn(BlockId.class, BlockIdAsString.class)
            .addMixIn(BlockRef.class, BlockRefFields.class)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ReplicationJson() {
    }

    /** Jackson view of {@link BlockRef}: id (absent for a zero block) and length only. */
    @JsonIgnoreProperties(value = "zero", allowGetters = false)
    abstract static class BlockRefFields {
    }

    /** Jackson view of {@link BlockId}: the plain hex string. */
    abstract static class BlockIdAsString {
        @JsonCreator
        BlockIdAsString(String hex) {
        }

        @JsonValue
        abstract String hex();
    }
}
