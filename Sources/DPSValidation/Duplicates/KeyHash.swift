/// A fast 64-bit hash of byte strings for the duplicate tables, after wyhash (final version 4, public domain,
/// https://github.com/wangyi-fudan/wyhash), which reads 16 bytes per 64×64→128-bit multiply.
///
/// The standard library's `Hasher` (SipHash-1-3) costs about eight times as much on the 400-byte endorsement keys
/// of a TPM manifest, and its per-process random seed buys nothing here: the tables only compare hashes within one
/// run, and a collision (probability about n²/2⁶⁵) can only make a record look like a duplicate. wyhash passes the
/// SMHasher quality tests, so that estimate holds.
enum KeyHash {
    private static let secret: (UInt64, UInt64, UInt64, UInt64) = (
        0x2d35_8dcc_aa6c_78a5, 0x8bb8_4b93_962e_acc9, 0x4b33_a62e_d433_d4a3, 0x4d5a_2da5_1de1_aa47
    )

    /// The hash of `bytes`; `seed` separates kinds of keys (a registration ID from a group ID with the same text).
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let (s0, s1, s2, s3) = secret
        let length = bytes.count
        var seed = seed ^ mix(seed ^ s0, s1)
        var a: UInt64
        var b: UInt64
        if length <= 16 {
            if length >= 4 {
                let step = (length >> 3) << 2
                a = read4(bytes, 0) << 32 | read4(bytes, step)
                b = read4(bytes, length - 4) << 32 | read4(bytes, length - 4 - step)
            } else if length > 0 {
                a = UInt64(bytes[0]) << 16 | UInt64(bytes[length >> 1]) << 8 | UInt64(bytes[length - 1])
                b = 0
            } else {
                a = 0
                b = 0
            }
        } else {
            var offset = 0
            var remaining = length
            if remaining > 48 {
                var see1 = seed
                var see2 = seed
                repeat {
                    seed = mix(read8(bytes, offset) ^ s1, read8(bytes, offset + 8) ^ seed)
                    see1 = mix(read8(bytes, offset + 16) ^ s2, read8(bytes, offset + 24) ^ see1)
                    see2 = mix(read8(bytes, offset + 32) ^ s3, read8(bytes, offset + 40) ^ see2)
                    offset += 48
                    remaining -= 48
                } while remaining > 48
                seed ^= see1 ^ see2
            }
            while remaining > 16 {
                seed = mix(read8(bytes, offset) ^ s1, read8(bytes, offset + 8) ^ seed)
                offset += 16
                remaining -= 16
            }
            a = read8(bytes, offset + remaining - 16)
            b = read8(bytes, offset + remaining - 8)
        }
        a ^= s1
        b ^= seed
        (a, b) = multiply(a, b)
        return mix(a ^ s0 ^ UInt64(length), b ^ s1)
    }

    /// The full 128-bit product of `a` and `b` as (low, high).
    @inline(__always)
    private static func multiply(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let product = a.multipliedFullWidth(by: b)
        return (product.low, product.high)
    }

    @inline(__always)
    private static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (low, high) = multiply(a, b)
        return low ^ high
    }

    /// 8 little-endian bytes at `offset` (any alignment).
    @inline(__always)
    private static func read8(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// 4 little-endian bytes at `offset` (any alignment), widened.
    @inline(__always)
    private static func read4(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }
}
