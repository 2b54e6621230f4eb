package io.lifeboat.tls.wire;

import java.util.OptionalInt;

/**
 * What the scanner reads from a ServerKeyExchange: for ECDHE the named curve, for DHE the size of
 * the prime. The signature after the parameters is not checked (we never finish the handshake).
 *
 * @param namedCurve the curve's wire id (ECDHE with named_curve), if any
 * @param dhPrimeBits the bit length of p (DHE), or 0
 */
public record ServerKeyExchange(OptionalInt namedCurve, int dhPrimeBits) {

    /** Parses the parameters of an ECDHE ServerKeyExchange (RFC 8422 §5.4). */
    public static ServerKeyExchange parseEcdhe(WireReader r) {
        int curveType = r.u8("curve_type");
        if (curveType != 3) {
            throw new WireFormatException(r.offset() - 1, "curve_type " + curveType + " is not named_curve (3)");
        }
        int curve = r.u16("named_curve");
        r.vector8("ECDH public point");
        return new ServerKeyExchange(OptionalInt.of(curve), 0);
    }

    /** Parses the parameters of a DHE ServerKeyExchange (RFC 5246 §7.4.3). */
    public static ServerKeyExchange parseDhe(WireReader r) {
        byte[] p = r.vector16("dh_p");
        r.vector16("dh_g");
        r.vector16("dh_Ys");
        int bits = new java.math.BigInteger(1, p).bitLength();
        return new ServerKeyExchange(OptionalInt.empty(), bits);
    }
}
