import DPSAge

/// Hands out the decrypted bytes of an age file, each chunk authenticated before any of its bytes are handed out.
///
/// A wrong identity, a tampered or truncated file fails with `age-*` codes; since every manifest is read to its end
/// (and validated) before any service call, a tampered tail stops a run before it starts, never half-way.
final class AgeByteSource: ByteSource {
    private let decryptor: AgeDecryptor
    private let path: String

    /// Decrypts the bytes `source` hands out with the first of `identities` that opens the file.
    init(source: any ByteSource, identities: [AgeIdentity], path: String) throws(ManifestInputError) {
        self.path = path
        guard !identities.isEmpty else { throw .ageNeedsIdentity(path: path) }
        var source = source
        do {
            decryptor = try AgeDecryptor(identities: identities) { destination, count in
                try source.read(into: destination, count: count)
            }
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) throws(ManifestInputError) -> Int {
        do {
            return try decryptor.read(into: destination, count: count)
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    private static func mapped(_ error: any Error, path: String) -> ManifestInputError {
        if let error = error as? ManifestInputError { return error }
        if let error = error as? AgeError { return .age(error, path: path) }
        return .unreadable(path: path, reason: "\(error)")
    }

    /// Whether `head` (the first bytes of a file) is an age v1 file, binary or armored.
    static func isAge(head: [UInt8]) -> Bool {
        head.starts(with: Array("age-encryption.org/".utf8))
            || head.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8))
    }
}

extension ManifestInputError.Code {
    /// An age-encrypted file cannot be decrypted: no identity given, a wrong identity, or it was tampered with,
    /// truncated or damaged.
    public static let ageUndecryptable = ManifestInputError.Code(rawValue: "age-undecryptable")
}

extension ManifestInputError {
    static func ageNeedsIdentity(path: String) -> ManifestInputError {
        ManifestInputError(
            code: .ageUndecryptable,
            message: "the file is age-encrypted: give the identity that decrypts it with --identity FILE or "
                + "DPSBULK_AGE_IDENTITY=FILE"
        )
    }

    static func age(_ error: AgeError, path: String) -> ManifestInputError {
        ManifestInputError(code: .ageUndecryptable, message: "cannot decrypt the file: \(error.message)")
    }
}
