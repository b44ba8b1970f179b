import PropertyBased

/// Generators shared by the property suites: raw bytes, and strings built from the tokens a parser cares about
/// (so that generated inputs reach deep into it rather than failing on the first byte).
enum Fuzz {
    /// How many inputs each property gets per run (fast enough for every `swift test`).
    static let count = 2000

    /// Any bytes, up to `length`.
    static func bytes(upTo length: Int) -> Generator<[UInt8], some SendableSequenceType> {
        Gen<UInt8>.value(in: 0...255).array(of: 0...length)
    }

    /// Strings joined from `tokens`, up to `parts` of them.
    static func tokens(_ tokens: [String], parts: Int) -> Generator<String, some SendableSequenceType> {
        Gen<String?>.element(of: tokens).map { $0 ?? "" }.array(of: 0...parts).map { $0.joined() }
    }

    /// `seed` with up to `edits` bytes overwritten, inserted or removed at random places.
    static func mutations(of seed: [UInt8], edits: Int = 8) -> Generator<[UInt8], some SendableSequenceType> {
        let edit = PropertyBased.zip(
            Gen.int(in: 0...2),
            Gen.int(in: 0...Swift.max(0, seed.count)),
            Gen<UInt8>.value(in: 0...255)
        )
        return edit.array(of: 0...edits).map { changes in
            var bytes = seed
            for (kind, position, value) in changes {
                let index = Swift.min(position, bytes.count)
                switch kind {
                case 0 where index < bytes.count: bytes[index] = value
                case 1: bytes.insert(value, at: index)
                case 2 where index < bytes.count: bytes.remove(at: index)
                default: break
                }
            }
            return bytes
        }
    }
}
