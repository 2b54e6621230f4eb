package io.lifeboat.replication.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a JSON body's tree of nodes would cost the heap, told before the tree is built by one
 * streaming pass that builds nothing: its tokens and its bytes. The vault takes {@link #treeBytes}
 * from its memory budget before it parses a commit body, so that many large bodies at once wait
 * their turn instead of taking the heap.
 *
 * @param tokens the JSON tokens (each value, field name and bracket)
 * @param bytes  the JSON's bytes (inflated, for a compressed body)
 */
public record JsonCost(long tokens, long bytes) {
    /**
     * The most heap one token of a parsed tree takes besides its text, measured with Jackson 2.21 on
     * JDK 17 (compressed pointers): an array of short strings about 66 bytes a token (node, string,
     * array slot), an object holding an empty object 57, an array of empty objects 42, of numbers 18.
     */
    static final long HEAP_PER_TOKEN = 72;

    /**
     * The heap the tree may take at most: {@link #HEAP_PER_TOKEN} a token, and two bytes (a UTF-16
     * char) for every byte of JSON, which bounds the text of all its strings, names and long numbers.
     */
    public long treeBytes() {
        return tokens * HEAP_PER_TOKEN + 2 * bytes;
    }

    /**
     * Counts {@code in}'s tokens under {@code mapper}'s bounds.
     *
     * @throws BodyTooLargeException past one of the mapper's bounds (tokens, nesting, a string's length)
     * @throws WireFormatException   for a body that is not JSON
     * @throws IOException           from {@code in} itself (a compressed body's own errors)
     */
    static long tokens(ObjectMapper mapper, InputStream in, String what) throws IOException {
        long n = 0;
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            while (p.nextToken() != null) {
                n++;
            }
        } catch (StreamConstraintsException e) {
            throw ReplicationJson.tooLarge(what, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WireFormatException(what + ": not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (n == 0) {
            throw new WireFormatException(what + ": empty body");
        }
        return n;
    }
}
