package io.lifeboat.tls;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every two-byte SSL 3.0 / TLS cipher suite with its wire id, its IANA name (the constant's name),
 * its OpenSSL name and what it is made of.
 *
 * <p>Source: the IANA "TLS Cipher Suites" registry, plus the code points OpenSSL and others used
 * without registration (named {@code OPENSSL_...} or {@code ..._OLD}, the pre-RFC 7905 ChaCha20
 * drafts), as of 2026-11. The scanner offers these; {@link TlsPolicy} decides which are acceptable.
 * Signalling values (TLS_EMPTY_RENEGOTIATION_INFO_SCSV, TLS_FALLBACK_SCSV) are not suites and live
 * in the scanner's codec. SSL 2.0's three-byte "cipher kinds" are not here either.
 *
 * <p>A trailing {@code true} marks the export-grade suites (40/56-bit, 512-bit key exchange).
 *
 * <p>{@code since} is the oldest version the suite can be negotiated with: AEAD and SHA-256/384 MAC
 * suites need TLS 1.2, the TLS 1.3 suites exist only in TLS 1.3.
 */
public enum CipherSuite {
    TLS_NULL_WITH_NULL_NULL(0x0000, "NULL", ProtocolVersion.SSL_3_0, KeyExchange.NULL, Authentication.ANONYMOUS, BulkCipher.NULL, 0, Mac.NULL),
    TLS_RSA_WITH_NULL_MD5(0x0001, "NULL-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, 0, Mac.MD5),
    TLS_RSA_WITH_NULL_SHA(0x0002, "NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_RSA_EXPORT_WITH_RC4_40_MD5(0x0003, "EXP-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.RC4, 40, Mac.MD5, true),
    TLS_RSA_WITH_RC4_128_MD5(0x0004, "RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.RC4, 128, Mac.MD5),
    TLS_RSA_WITH_RC4_128_SHA(0x0005, "RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5(0x0006, "EXP-RC2-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.RC2_CBC, 40, Mac.MD5, true),
    TLS_RSA_WITH_IDEA_CBC_SHA(0x0007, "IDEA-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.IDEA_CBC, 128, Mac.SHA1),
    TLS_RSA_EXPORT_WITH_DES40_CBC_SHA(0x0008, "EXP-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_RSA_WITH_DES_CBC_SHA(0x0009, "DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_RSA_WITH_3DES_EDE_CBC_SHA(0x000A, "DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA(0x000B, "EXP-DH-DSS-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_DH_DSS_WITH_DES_CBC_SHA(0x000C, "DH-DSS-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA(0x000D, "DH-DSS-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA(0x000E, "EXP-DH-RSA-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_DH_RSA_WITH_DES_CBC_SHA(0x000F, "DH-RSA-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA(0x0010, "DH-RSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA(0x0011, "EXP-EDH-DSS-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.DSS, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_DHE_DSS_WITH_DES_CBC_SHA(0x0012, "EDH-DSS-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA(0x0013, "EDH-DSS-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA(0x0014, "EXP-EDH-RSA-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.RSA, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_DHE_RSA_WITH_DES_CBC_SHA(0x0015, "EDH-RSA-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA(0x0016, "EDH-RSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DH_anon_EXPORT_WITH_RC4_40_MD5(0x0017, "EXP-ADH-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.ANONYMOUS, BulkCipher.RC4, 40, Mac.MD5, true),
    TLS_DH_anon_WITH_RC4_128_MD5(0x0018, "ADH-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.RC4, 128, Mac.MD5),
    TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA(0x0019, "EXP-ADH-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.ANONYMOUS, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_DH_anon_WITH_DES_CBC_SHA(0x001A, "ADH-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_DH_anon_WITH_3DES_EDE_CBC_SHA(0x001B, "ADH-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_KRB5_WITH_DES_CBC_SHA(0x001E, "KRB5-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.DES_CBC, 56, Mac.SHA1),
    TLS_KRB5_WITH_3DES_EDE_CBC_SHA(0x001F, "KRB5-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_KRB5_WITH_RC4_128_SHA(0x0020, "KRB5-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_KRB5_WITH_IDEA_CBC_SHA(0x0021, "KRB5-IDEA-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.IDEA_CBC, 128, Mac.SHA1),
    TLS_KRB5_WITH_DES_CBC_MD5(0x0022, "KRB5-DES-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.DES_CBC, 56, Mac.MD5),
    TLS_KRB5_WITH_3DES_EDE_CBC_MD5(0x0023, "KRB5-DES-CBC3-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.TRIPLE_DES_CBC, 168, Mac.MD5),
    TLS_KRB5_WITH_RC4_128_MD5(0x0024, "KRB5-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC4, 128, Mac.MD5),
    TLS_KRB5_WITH_IDEA_CBC_MD5(0x0025, "KRB5-IDEA-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.IDEA_CBC, 128, Mac.MD5),
    TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA(0x0026, "EXP-KRB5-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.DES_CBC, 40, Mac.SHA1, true),
    TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA(0x0027, "EXP-KRB5-RC2-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC2_CBC, 40, Mac.SHA1, true),
    TLS_KRB5_EXPORT_WITH_RC4_40_SHA(0x0028, "EXP-KRB5-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC4, 40, Mac.SHA1, true),
    TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5(0x0029, "EXP-KRB5-DES-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.DES_CBC, 40, Mac.MD5, true),
    TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5(0x002A, "EXP-KRB5-RC2-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC2_CBC, 40, Mac.MD5, true),
    TLS_KRB5_EXPORT_WITH_RC4_40_MD5(0x002B, "EXP-KRB5-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.KRB5, Authentication.KRB5, BulkCipher.RC4, 40, Mac.MD5, true),
    TLS_PSK_WITH_NULL_SHA(0x002C, "PSK-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_DHE_PSK_WITH_NULL_SHA(0x002D, "DHE-PSK-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_RSA_PSK_WITH_NULL_SHA(0x002E, "RSA-PSK-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002F, "AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DH_DSS_WITH_AES_128_CBC_SHA(0x0030, "DH-DSS-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DH_RSA_WITH_AES_128_CBC_SHA(0x0031, "DH-RSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DHE_DSS_WITH_AES_128_CBC_SHA(0x0032, "DHE-DSS-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA(0x0033, "DHE-RSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DH_anon_WITH_AES_128_CBC_SHA(0x0034, "ADH-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, "AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DH_DSS_WITH_AES_256_CBC_SHA(0x0036, "DH-DSS-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DH_RSA_WITH_AES_256_CBC_SHA(0x0037, "DH-RSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DHE_DSS_WITH_AES_256_CBC_SHA(0x0038, "DHE-DSS-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA(0x0039, "DHE-RSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DH_anon_WITH_AES_256_CBC_SHA(0x003A, "ADH-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_RSA_WITH_NULL_SHA256(0x003B, "NULL-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003C, "AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_RSA_WITH_AES_256_CBC_SHA256(0x003D, "AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_DH_DSS_WITH_AES_128_CBC_SHA256(0x003E, "DH-DSS-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_DH_RSA_WITH_AES_128_CBC_SHA256(0x003F, "DH-RSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_DHE_DSS_WITH_AES_128_CBC_SHA256(0x0040, "DHE-DSS-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_RSA_WITH_CAMELLIA_128_CBC_SHA(0x0041, "CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA(0x0042, "DH-DSS-CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA(0x0043, "DH-RSA-CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA(0x0044, "DHE-DSS-CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA(0x0045, "DHE-RSA-CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA(0x0046, "ADH-CAMELLIA128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA1),
    TLS_RSA_EXPORT1024_WITH_RC4_56_MD5(0x0060, "EXP1024-RC4-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.RC4, 56, Mac.MD5, true),
    TLS_RSA_EXPORT1024_WITH_RC2_56_MD5(0x0061, "EXP1024-RC2-CBC-MD5", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.RC2_CBC, 56, Mac.MD5, true),
    TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA(0x0062, "EXP1024-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.DES_CBC, 56, Mac.SHA1, true),
    TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA(0x0063, "EXP1024-DHE-DSS-DES-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.DSS, BulkCipher.DES_CBC, 56, Mac.SHA1, true),
    TLS_RSA_EXPORT1024_WITH_RC4_56_SHA(0x0064, "EXP1024-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_EXPORT, Authentication.RSA, BulkCipher.RC4, 56, Mac.SHA1, true),
    TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA(0x0065, "EXP1024-DHE-DSS-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_EXPORT, Authentication.DSS, BulkCipher.RC4, 56, Mac.SHA1, true),
    TLS_DHE_DSS_WITH_RC4_128_SHA(0x0066, "DHE-DSS-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_DHE_RSA_WITH_AES_128_CBC_SHA256(0x0067, "DHE-RSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_DH_DSS_WITH_AES_256_CBC_SHA256(0x0068, "DH-DSS-AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_DH_RSA_WITH_AES_256_CBC_SHA256(0x0069, "DH-RSA-AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_DHE_DSS_WITH_AES_256_CBC_SHA256(0x006A, "DHE-DSS-AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_DHE_RSA_WITH_AES_256_CBC_SHA256(0x006B, "DHE-RSA-AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_DH_anon_WITH_AES_128_CBC_SHA256(0x006C, "ADH-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_DH_anon_WITH_AES_256_CBC_SHA256(0x006D, "ADH-AES256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 256, Mac.SHA256),
    TLS_GOSTR341094_WITH_28147_CNT_IMIT(0x0080, "GOST94-GOST89-GOST89", ProtocolVersion.TLS_1_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.GOST_CNT, 256, Mac.GOST),
    TLS_GOSTR341001_WITH_28147_CNT_IMIT(0x0081, "GOST2001-GOST89-GOST89", ProtocolVersion.SSL_3_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.GOST_CNT, 256, Mac.GOST),
    TLS_GOSTR341094_WITH_NULL_GOSTR3411(0x0082, "GOST94-NULL-GOST94", ProtocolVersion.TLS_1_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.NULL, 0, Mac.GOST),
    TLS_GOSTR341001_WITH_NULL_GOSTR3411(0x0083, "GOST2001-NULL-GOST94", ProtocolVersion.SSL_3_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.NULL, 0, Mac.GOST),
    TLS_RSA_WITH_CAMELLIA_256_CBC_SHA(0x0084, "CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA(0x0085, "DH-DSS-CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA(0x0086, "DH-RSA-CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA(0x0087, "DHE-DSS-CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA(0x0088, "DHE-RSA-CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA(0x0089, "ADH-CAMELLIA256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA1),
    TLS_PSK_WITH_RC4_128_SHA(0x008A, "PSK-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_PSK_WITH_3DES_EDE_CBC_SHA(0x008B, "PSK-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_PSK_WITH_AES_128_CBC_SHA(0x008C, "PSK-AES128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_PSK_WITH_AES_256_CBC_SHA(0x008D, "PSK-AES256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_DHE_PSK_WITH_RC4_128_SHA(0x008E, "DHE-PSK-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA(0x008F, "DHE-PSK-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_DHE_PSK_WITH_AES_128_CBC_SHA(0x0090, "DHE-PSK-AES128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_DHE_PSK_WITH_AES_256_CBC_SHA(0x0091, "DHE-PSK-AES256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_RSA_PSK_WITH_RC4_128_SHA(0x0092, "RSA-PSK-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA(0x0093, "RSA-PSK-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_RSA_PSK_WITH_AES_128_CBC_SHA(0x0094, "RSA-PSK-AES128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_RSA_PSK_WITH_AES_256_CBC_SHA(0x0095, "RSA-PSK-AES256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_RSA_WITH_SEED_CBC_SHA(0x0096, "SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_DH_DSS_WITH_SEED_CBC_SHA(0x0097, "DH-DSS-SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_DH_RSA_WITH_SEED_CBC_SHA(0x0098, "DH-RSA-SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_DHE_DSS_WITH_SEED_CBC_SHA(0x0099, "DHE-DSS-SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.DSS, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_DHE_RSA_WITH_SEED_CBC_SHA(0x009A, "DHE-RSA-SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.RSA, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_DH_anon_WITH_SEED_CBC_SHA(0x009B, "ADH-SEED-SHA", ProtocolVersion.SSL_3_0, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.SEED_CBC, 128, Mac.SHA1),
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, "AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, "AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_128_GCM_SHA256(0x009E, "DHE-RSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_256_GCM_SHA384(0x009F, "DHE-RSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DH_RSA_WITH_AES_128_GCM_SHA256(0x00A0, "DH-RSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DH_RSA_WITH_AES_256_GCM_SHA384(0x00A1, "DH-RSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DHE_DSS_WITH_AES_128_GCM_SHA256(0x00A2, "DHE-DSS-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DHE_DSS_WITH_AES_256_GCM_SHA384(0x00A3, "DHE-DSS-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DH_DSS_WITH_AES_128_GCM_SHA256(0x00A4, "DH-DSS-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DH_DSS_WITH_AES_256_GCM_SHA384(0x00A5, "DH-DSS-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DH_anon_WITH_AES_128_GCM_SHA256(0x00A6, "ADH-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DH_anon_WITH_AES_256_GCM_SHA384(0x00A7, "ADH-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_PSK_WITH_AES_128_GCM_SHA256(0x00A8, "PSK-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_PSK_WITH_AES_256_GCM_SHA384(0x00A9, "PSK-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_DHE_PSK_WITH_AES_128_GCM_SHA256(0x00AA, "DHE-PSK-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_DHE_PSK_WITH_AES_256_GCM_SHA384(0x00AB, "DHE-PSK-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_RSA_PSK_WITH_AES_128_GCM_SHA256(0x00AC, "RSA-PSK-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_RSA_PSK_WITH_AES_256_GCM_SHA384(0x00AD, "RSA-PSK-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_PSK_WITH_AES_128_CBC_SHA256(0x00AE, "PSK-AES128-CBC-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_PSK_WITH_AES_256_CBC_SHA384(0x00AF, "PSK-AES256-CBC-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_PSK_WITH_NULL_SHA256(0x00B0, "PSK-NULL-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_PSK_WITH_NULL_SHA384(0x00B1, "PSK-NULL-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA384),
    TLS_DHE_PSK_WITH_AES_128_CBC_SHA256(0x00B2, "DHE-PSK-AES128-CBC-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_DHE_PSK_WITH_AES_256_CBC_SHA384(0x00B3, "DHE-PSK-AES256-CBC-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_DHE_PSK_WITH_NULL_SHA256(0x00B4, "DHE-PSK-NULL-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_DHE_PSK_WITH_NULL_SHA384(0x00B5, "DHE-PSK-NULL-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA384),
    TLS_RSA_PSK_WITH_AES_128_CBC_SHA256(0x00B6, "RSA-PSK-AES128-CBC-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_RSA_PSK_WITH_AES_256_CBC_SHA384(0x00B7, "RSA-PSK-AES256-CBC-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_RSA_PSK_WITH_NULL_SHA256(0x00B8, "RSA-PSK-NULL-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_RSA_PSK_WITH_NULL_SHA384(0x00B9, "RSA-PSK-NULL-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA384),
    TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256(0x00BA, "CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256(0x00BB, "DH-DSS-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256(0x00BC, "DH-RSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256(0x00BD, "DHE-DSS-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256(0x00BE, "DHE-RSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256(0x00BF, "ADH-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256(0x00C0, "CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256(0x00C1, "DH-DSS-CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256(0x00C2, "DH-RSA-CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256(0x00C3, "DHE-DSS-CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256(0x00C4, "DHE-RSA-CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256(0x00C5, "ADH-CAMELLIA256-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA256),
    TLS_SM4_GCM_SM3(0x00C6, "TLS_SM4_GCM_SM3", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.SM4_GCM, 128, Mac.AEAD),
    TLS_SM4_CCM_SM3(0x00C7, "TLS_SM4_CCM_SM3", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.SM4_CCM, 128, Mac.AEAD),
    TLS_AES_128_GCM_SHA256(0x1301, "TLS_AES_128_GCM_SHA256", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_AES_256_GCM_SHA384(0x1302, "TLS_AES_256_GCM_SHA384", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, "TLS_CHACHA20_POLY1305_SHA256", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_AES_128_CCM_SHA256(0x1304, "TLS_AES_128_CCM_SHA256", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_AES_128_CCM_8_SHA256(0x1305, "TLS_AES_128_CCM_8_SHA256", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_AEGIS_256_SHA384(0x1306, "", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AEGIS, 256, Mac.AEAD),
    TLS_AEGIS_128L_SHA256(0x1307, "", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.AEGIS, 128, Mac.AEAD),
    TLS_CECPQ1_RSA_WITH_CHACHA20_POLY1305_SHA256(0x16B7, "", ProtocolVersion.TLS_1_2, KeyExchange.CECPQ1, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_CECPQ1_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0x16B8, "", ProtocolVersion.TLS_1_2, KeyExchange.CECPQ1, Authentication.ECDSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_CECPQ1_RSA_WITH_AES_256_GCM_SHA384(0x16B9, "", ProtocolVersion.TLS_1_2, KeyExchange.CECPQ1, Authentication.RSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_CECPQ1_ECDSA_WITH_AES_256_GCM_SHA384(0x16BA, "", ProtocolVersion.TLS_1_2, KeyExchange.CECPQ1, Authentication.ECDSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_NULL_SHA(0xC001, "ECDH-ECDSA-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDH_ECDSA_WITH_RC4_128_SHA(0xC002, "ECDH-ECDSA-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA(0xC003, "ECDH-ECDSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA(0xC004, "ECDH-ECDSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA(0xC005, "ECDH-ECDSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_NULL_SHA(0xC006, "ECDHE-ECDSA-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_RC4_128_SHA(0xC007, "ECDHE-ECDSA-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA(0xC008, "ECDHE-ECDSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xC009, "ECDHE-ECDSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xC00A, "ECDHE-ECDSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDH_RSA_WITH_NULL_SHA(0xC00B, "ECDH-RSA-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDH_RSA_WITH_RC4_128_SHA(0xC00C, "ECDH-RSA-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA(0xC00D, "ECDH-RSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDH_RSA_WITH_AES_128_CBC_SHA(0xC00E, "ECDH-RSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDH_RSA_WITH_AES_256_CBC_SHA(0xC00F, "ECDH-RSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDHE_RSA_WITH_NULL_SHA(0xC010, "ECDHE-RSA-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDHE_RSA_WITH_RC4_128_SHA(0xC011, "ECDHE-RSA-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA(0xC012, "ECDHE-RSA-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xC013, "ECDHE-RSA-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xC014, "ECDHE-RSA-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDH_anon_WITH_NULL_SHA(0xC015, "AECDH-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ANONYMOUS, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDH_anon_WITH_RC4_128_SHA(0xC016, "AECDH-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ANONYMOUS, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA(0xC017, "AECDH-DES-CBC3-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ANONYMOUS, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDH_anon_WITH_AES_128_CBC_SHA(0xC018, "AECDH-AES128-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDH_anon_WITH_AES_256_CBC_SHA(0xC019, "AECDH-AES256-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE, Authentication.ANONYMOUS, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA(0xC01A, "SRP-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.SRP, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA(0xC01B, "SRP-RSA-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA(0xC01C, "SRP-DSS-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.DSS, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_SRP_SHA_WITH_AES_128_CBC_SHA(0xC01D, "SRP-AES-128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.SRP, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA(0xC01E, "SRP-RSA-AES-128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA(0xC01F, "SRP-DSS-AES-128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.DSS, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_SRP_SHA_WITH_AES_256_CBC_SHA(0xC020, "SRP-AES-256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.SRP, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA(0xC021, "SRP-RSA-AES-256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA(0xC022, "SRP-DSS-AES-256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.SRP, Authentication.DSS, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xC023, "ECDHE-ECDSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384(0xC024, "ECDHE-ECDSA-AES256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256(0xC025, "ECDH-ECDSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384(0xC026, "ECDH-ECDSA-AES256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xC027, "ECDHE-RSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384(0xC028, "ECDHE-RSA-AES256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256(0xC029, "ECDH-RSA-AES128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384(0xC02A, "ECDH-RSA-AES256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, "ECDHE-ECDSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, "ECDHE-ECDSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256(0xC02D, "ECDH-ECDSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384(0xC02E, "ECDH-ECDSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, "ECDHE-RSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, "ECDHE-RSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256(0xC031, "ECDH-RSA-AES128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384(0xC032, "ECDH-RSA-AES256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_RC4_128_SHA(0xC033, "ECDHE-PSK-RC4-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.RC4, 128, Mac.SHA1),
    TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA(0xC034, "ECDHE-PSK-3DES-EDE-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA(0xC035, "ECDHE-PSK-AES128-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA1),
    TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA(0xC036, "ECDHE-PSK-AES256-CBC-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA1),
    TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256(0xC037, "ECDHE-PSK-AES128-CBC-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 128, Mac.SHA256),
    TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384(0xC038, "ECDHE-PSK-AES256-CBC-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CBC, 256, Mac.SHA384),
    TLS_ECDHE_PSK_WITH_NULL_SHA(0xC039, "ECDHE-PSK-NULL-SHA", ProtocolVersion.SSL_3_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA1),
    TLS_ECDHE_PSK_WITH_NULL_SHA256(0xC03A, "ECDHE-PSK-NULL-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_ECDHE_PSK_WITH_NULL_SHA384(0xC03B, "ECDHE-PSK-NULL-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.NULL, 0, Mac.SHA384),
    TLS_RSA_WITH_ARIA_128_CBC_SHA256(0xC03C, "ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_RSA_WITH_ARIA_256_CBC_SHA384(0xC03D, "ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256(0xC03E, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384(0xC03F, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256(0xC040, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384(0xC041, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256(0xC042, "DHE-DSS-ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384(0xC043, "DHE-DSS-ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256(0xC044, "DHE-RSA-ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384(0xC045, "DHE-RSA-ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DH_anon_WITH_ARIA_128_CBC_SHA256(0xC046, "DH-anon-ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DH_anon_WITH_ARIA_256_CBC_SHA384(0xC047, "DH-anon-ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256(0xC048, "ECDHE-ECDSA-ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384(0xC049, "ECDHE-ECDSA-ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256(0xC04A, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384(0xC04B, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256(0xC04C, "ECDHE-RSA-ARIA128-CBC-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384(0xC04D, "ECDHE-RSA-ARIA256-CBC-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256(0xC04E, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384(0xC04F, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_RSA_WITH_ARIA_128_GCM_SHA256(0xC050, "ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_RSA_WITH_ARIA_256_GCM_SHA384(0xC051, "ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256(0xC052, "DHE-RSA-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384(0xC053, "DHE-RSA-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256(0xC054, "DH-RSA-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384(0xC055, "DH-RSA-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256(0xC056, "DHE-DSS-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384(0xC057, "DHE-DSS-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256(0xC058, "DH-DSS-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384(0xC059, "DH-DSS-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DH_anon_WITH_ARIA_128_GCM_SHA256(0xC05A, "ADH-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DH_anon_WITH_ARIA_256_GCM_SHA384(0xC05B, "ADH-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256(0xC05C, "ECDHE-ECDSA-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384(0xC05D, "ECDHE-ECDSA-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256(0xC05E, "ECDH-ECDSA-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384(0xC05F, "ECDH-ECDSA-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256(0xC060, "ECDHE-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384(0xC061, "ECDHE-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256(0xC062, "ECDH-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384(0xC063, "ECDH-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_PSK_WITH_ARIA_128_CBC_SHA256(0xC064, "", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_PSK_WITH_ARIA_256_CBC_SHA384(0xC065, "", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256(0xC066, "", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384(0xC067, "", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256(0xC068, "", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384(0xC069, "", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_PSK_WITH_ARIA_128_GCM_SHA256(0xC06A, "PSK-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_PSK_WITH_ARIA_256_GCM_SHA384(0xC06B, "PSK-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256(0xC06C, "DHE-PSK-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384(0xC06D, "DHE-PSK-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256(0xC06E, "RSA-PSK-ARIA128-GCM-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.ARIA_GCM, 128, Mac.AEAD),
    TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384(0xC06F, "RSA-PSK-ARIA256-GCM-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.ARIA_GCM, 256, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256(0xC070, "", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384(0xC071, "", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.ARIA_CBC, 256, Mac.SHA384),
    TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256(0xC072, "ECDHE-ECDSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384(0xC073, "ECDHE-ECDSA-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256(0xC074, "ECDH-ECDSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384(0xC075, "ECDH-ECDSA-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256(0xC076, "ECDHE-RSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384(0xC077, "ECDHE-RSA-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256(0xC078, "ECDH-RSA-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384(0xC079, "ECDH-RSA-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256(0xC07A, "", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384(0xC07B, "", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256(0xC07C, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384(0xC07D, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256(0xC07E, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384(0xC07F, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_RSA, Authentication.DH, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256(0xC080, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384(0xC081, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.DSS, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256(0xC082, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384(0xC083, "", ProtocolVersion.TLS_1_2, KeyExchange.DH_DSS, Authentication.DH, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256(0xC084, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384(0xC085, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.ANONYMOUS, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256(0xC086, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384(0xC087, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256(0xC088, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384(0xC089, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_ECDSA, Authentication.ECDH, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256(0xC08A, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384(0xC08B, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256(0xC08C, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384(0xC08D, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDH_RSA, Authentication.ECDH, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256(0xC08E, "", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384(0xC08F, "", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256(0xC090, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384(0xC091, "", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256(0xC092, "", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 128, Mac.AEAD),
    TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384(0xC093, "", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.CAMELLIA_GCM, 256, Mac.AEAD),
    TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256(0xC094, "PSK-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384(0xC095, "PSK-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256(0xC096, "DHE-PSK-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384(0xC097, "DHE-PSK-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256(0xC098, "RSA-PSK-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384(0xC099, "RSA-PSK-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256(0xC09A, "ECDHE-PSK-CAMELLIA128-SHA256", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 128, Mac.SHA256),
    TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384(0xC09B, "ECDHE-PSK-CAMELLIA256-SHA384", ProtocolVersion.TLS_1_0, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.CAMELLIA_CBC, 256, Mac.SHA384),
    TLS_RSA_WITH_AES_128_CCM(0xC09C, "AES128-CCM", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_RSA_WITH_AES_256_CCM(0xC09D, "AES256-CCM", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CCM, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_128_CCM(0xC09E, "DHE-RSA-AES128-CCM", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_256_CCM(0xC09F, "DHE-RSA-AES256-CCM", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CCM, 256, Mac.AEAD),
    TLS_RSA_WITH_AES_128_CCM_8(0xC0A0, "AES128-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_RSA_WITH_AES_256_CCM_8(0xC0A1, "AES256-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.RSA, Authentication.RSA, BulkCipher.AES_CCM_8, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_128_CCM_8(0xC0A2, "DHE-RSA-AES128-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_DHE_RSA_WITH_AES_256_CCM_8(0xC0A3, "DHE-RSA-AES256-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.AES_CCM_8, 256, Mac.AEAD),
    TLS_PSK_WITH_AES_128_CCM(0xC0A4, "PSK-AES128-CCM", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_PSK_WITH_AES_256_CCM(0xC0A5, "PSK-AES256-CCM", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CCM, 256, Mac.AEAD),
    TLS_DHE_PSK_WITH_AES_128_CCM(0xC0A6, "DHE-PSK-AES128-CCM", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_DHE_PSK_WITH_AES_256_CCM(0xC0A7, "DHE-PSK-AES256-CCM", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CCM, 256, Mac.AEAD),
    TLS_PSK_WITH_AES_128_CCM_8(0xC0A8, "PSK-AES128-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_PSK_WITH_AES_256_CCM_8(0xC0A9, "PSK-AES256-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.AES_CCM_8, 256, Mac.AEAD),
    TLS_PSK_DHE_WITH_AES_128_CCM_8(0xC0AA, "DHE-PSK-AES128-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_PSK_DHE_WITH_AES_256_CCM_8(0xC0AB, "DHE-PSK-AES256-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.AES_CCM_8, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM(0xC0AC, "ECDHE-ECDSA-AES128-CCM", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_256_CCM(0xC0AD, "ECDHE-ECDSA-AES256-CCM", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CCM, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8(0xC0AE, "ECDHE-ECDSA-AES128-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8(0xC0AF, "ECDHE-ECDSA-AES256-CCM8", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.AES_CCM_8, 256, Mac.AEAD),
    TLS_ECCPWD_WITH_AES_128_GCM_SHA256(0xC0B0, "", ProtocolVersion.TLS_1_2, KeyExchange.ECCPWD, Authentication.ECCPWD, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECCPWD_WITH_AES_256_GCM_SHA384(0xC0B1, "", ProtocolVersion.TLS_1_2, KeyExchange.ECCPWD, Authentication.ECCPWD, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECCPWD_WITH_AES_128_CCM_SHA256(0xC0B2, "", ProtocolVersion.TLS_1_2, KeyExchange.ECCPWD, Authentication.ECCPWD, BulkCipher.AES_CCM, 128, Mac.AEAD),
    TLS_ECCPWD_WITH_AES_256_CCM_SHA384(0xC0B3, "", ProtocolVersion.TLS_1_2, KeyExchange.ECCPWD, Authentication.ECCPWD, BulkCipher.AES_CCM, 256, Mac.AEAD),
    /** RFC 9150: TLS 1.3 with integrity only, no encryption at all. */
    TLS_SHA256_SHA256(0xC0B4, "", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.NULL, 0, Mac.SHA256),
    TLS_SHA384_SHA384(0xC0B5, "", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.NULL, 0, Mac.SHA384),
    /** RFC 9189 (TLS 1.2) and RFC 9367 (TLS 1.3): the GOST suites of the registry. */
    TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC(0xC100, "GOST2012-KUZNYECHIK-KUZNYECHIKOMAC", ProtocolVersion.TLS_1_2, KeyExchange.GOST, Authentication.GOST, BulkCipher.KUZNYECHIK_CTR, 256, Mac.GOST),
    TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC(0xC101, "GOST2012-MAGMA-MAGMAOMAC", ProtocolVersion.TLS_1_2, KeyExchange.GOST, Authentication.GOST, BulkCipher.MAGMA_CTR, 256, Mac.GOST),
    TLS_GOSTR341112_256_WITH_28147_CNT_IMIT(0xC102, "", ProtocolVersion.TLS_1_2, KeyExchange.GOST, Authentication.GOST, BulkCipher.GOST_CNT, 256, Mac.GOST),
    TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L(0xC103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.KUZNYECHIK_MGM, 256, Mac.AEAD),
    TLS_GOSTR341112_256_WITH_MAGMA_MGM_L(0xC104, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.MAGMA_MGM, 256, Mac.AEAD),
    TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S(0xC105, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.KUZNYECHIK_MGM, 256, Mac.AEAD),
    TLS_GOSTR341112_256_WITH_MAGMA_MGM_S(0xC106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S", ProtocolVersion.TLS_1_3, KeyExchange.ANY, Authentication.ANY, BulkCipher.MAGMA_MGM, 256, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD(0xCC13, "ECDHE-RSA-CHACHA20-POLY1305-OLD", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD(0xCC14, "ECDHE-ECDSA-CHACHA20-POLY1305-OLD", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD(0xCC15, "DHE-RSA-CHACHA20-POLY1305-OLD", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, "ECDHE-RSA-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, "ECDHE-ECDSA-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE, Authentication.ECDSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCAA, "DHE-RSA-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.DHE, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_PSK_WITH_CHACHA20_POLY1305_SHA256(0xCCAB, "PSK-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.PSK, Authentication.PSK, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256(0xCCAC, "ECDHE-PSK-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256(0xCCAD, "DHE-PSK-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.DHE_PSK, Authentication.PSK, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256(0xCCAE, "RSA-PSK-CHACHA20-POLY1305", ProtocolVersion.TLS_1_2, KeyExchange.RSA_PSK, Authentication.RSA, BulkCipher.CHACHA20_POLY1305, 256, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256(0xD001, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_GCM, 128, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384(0xD002, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_GCM, 256, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256(0xD003, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CCM_8, 128, Mac.AEAD),
    TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256(0xD005, "", ProtocolVersion.TLS_1_2, KeyExchange.ECDHE_PSK, Authentication.PSK, BulkCipher.AES_CCM, 128, Mac.AEAD),
    SSL_RSA_FIPS_WITH_DES_CBC_SHA(0xFEFE, "", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.DES_CBC, 56, Mac.SHA1),
    SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA(0xFEFF, "", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    TLS_GOSTR341094_RSA_WITH_28147_CNT_MD5(0xFF00, "GOST-MD5", ProtocolVersion.TLS_1_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.GOST_CNT, 256, Mac.MD5),
    TLS_RSA_WITH_28147_CNT_GOST94(0xFF01, "GOST-GOST94", ProtocolVersion.TLS_1_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.GOST_CNT, 256, Mac.GOST),
    OPENSSL_GOST_GOST89MAC(0xFF02, "GOST-GOST89MAC", ProtocolVersion.TLS_1_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.GOST_CNT, 256, Mac.GOST),
    OPENSSL_GOST_GOST89STREAM(0xFF03, "GOST-GOST89STREAM", ProtocolVersion.TLS_1_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.GOST_CNT, 256, Mac.GOST),
    OPENSSL_GOST2012256_GOST89_GOST89(0xFF85, "GOST2012256-GOST89-GOST89", ProtocolVersion.SSL_3_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.GOST_CNT, 256, Mac.GOST),
    OPENSSL_GOST2012256_NULL_STREEBOG256(0xFF87, "GOST2012256-NULL-STREEBOG256", ProtocolVersion.SSL_3_0, KeyExchange.GOST, Authentication.GOST, BulkCipher.NULL, 0, Mac.GOST),
    SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA_FFE0(0xFFE0, "", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.TRIPLE_DES_CBC, 168, Mac.SHA1),
    SSL_RSA_FIPS_WITH_DES_CBC_SHA_FFE1(0xFFE1, "", ProtocolVersion.SSL_3_0, KeyExchange.RSA, Authentication.RSA, BulkCipher.DES_CBC, 56, Mac.SHA1);
    private static final Map<Integer, CipherSuite> BY_ID = new HashMap<>();
    private static final Map<String, CipherSuite> BY_NAME = new HashMap<>();

    static {
        for (CipherSuite s : values()) {
            BY_ID.putIfAbsent(s.id, s);
            BY_NAME.putIfAbsent(s.name(), s);
            if (!s.openSslName.isEmpty()) {
                BY_NAME.putIfAbsent(s.openSslName, s);
            }
        }
    }

    private final int id;
    private final String openSslName;
    private final ProtocolVersion since;
    private final KeyExchange keyExchange;
    private final Authentication authentication;
    private final BulkCipher cipher;
    private final int keyBits;
    private final Mac mac;
    private final boolean export;

    CipherSuite(int id, String openSslName, ProtocolVersion since, KeyExchange keyExchange,
            Authentication authentication, BulkCipher cipher, int keyBits, Mac mac) {
        this(id, openSslName, since, keyExchange, authentication, cipher, keyBits, mac, false);
    }

    CipherSuite(int id, String openSslName, ProtocolVersion since, KeyExchange keyExchange,
            Authentication authentication, BulkCipher cipher, int keyBits, Mac mac, boolean export) {
        this.id = id;
        this.openSslName = openSslName;
        this.since = since;
        this.keyExchange = keyExchange;
        this.authentication = authentication;
        this.cipher = cipher;
        this.keyBits = keyBits;
        this.mac = mac;
        this.export = export;
    }

    /** The two-byte code point as an int (0x1301 for TLS_AES_128_GCM_SHA256). */
    public int id() {
        return id;
    }

    /** The IANA name, which is also the JSSE name for the suites JSSE knows. */
    public String ianaName() {
        return name();
    }

    /** The OpenSSL name, or "" when OpenSSL has none. */
    public String openSslName() {
        return openSslName;
    }

    public ProtocolVersion since() {
        return since;
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    public Authentication authentication() {
        return authentication;
    }

    public BulkCipher cipher() {
        return cipher;
    }

    public int keyBits() {
        return keyBits;
    }

    public Mac mac() {
        return mac;
    }

    public boolean export() {
        return export;
    }

    /** True for the suites that exist only in TLS 1.3 (0x13xx, SM4, RFC 9150, the GOST MGM suites). */
    public boolean tls13() {
        return since == ProtocolVersion.TLS_1_3;
    }

    /** True when the suite can be negotiated at {@code version} (TLS 1.3 suites only at 1.3 and vice versa). */
    public boolean usableWith(ProtocolVersion version) {
        if (version == ProtocolVersion.TLS_1_3 || tls13()) {
            return version == ProtocolVersion.TLS_1_3 && tls13();
        }
        return !version.olderThan(since);
    }

    public static Optional<CipherSuite> fromId(int id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** Looks up an IANA or OpenSSL name. */
    public static Optional<CipherSuite> fromName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
