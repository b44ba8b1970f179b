import DPSModel

/// What individual enrollments and enrollment groups have in common for the registry.
protocol RegistryItem: Codable, Sendable {
    /// "enrollment" or "enrollment group", for messages.
    static var noun: String { get }
    /// The registration ID or group ID.
    var identifier: String { get }
    var etag: String? { get set }
    var createdDateTimeUtc: Timestamp? { get set }
    var lastUpdatedDateTimeUtc: Timestamp? { get set }
    var attestation: AttestationMechanism { get set }
    /// `enabled` or `disabled` (checked by ``ProvisioningStatusRule``).
    var provisioningStatus: ProvisioningStatus? { get }
    /// Clears what the service computes and ignores on input.
    mutating func clearReadOnlyFields()
    /// The durable change for a planned write (a put carries its sequence number).
    static func change(_ write: ItemTable<Self>.Write, sequence: Int?) -> RegistryChange
}

extension RegistryItem {
    /// The item as `get`, `put` and `query` return it: no symmetric keys and no certificate text.
    var withoutSecrets: Self {
        var copy = self
        copy.attestation = attestation.withoutSecrets
        return copy
    }
}

extension IndividualEnrollment: RegistryItem {
    static var noun: String { "enrollment" }

    static func change(_ write: ItemTable<Self>.Write, sequence: Int?) -> RegistryChange {
        switch write {
        case .put(let item): .putEnrollment(item, sequence: sequence!)  // a planned put always has one
        case .delete(let id): .deleteEnrollment(id: id)
        }
    }
    var identifier: String { registrationId }

    mutating func clearReadOnlyFields() {
        etag = nil
        createdDateTimeUtc = nil
        lastUpdatedDateTimeUtc = nil
        registrationState = nil
        attestation.clearCertificateInfo()
    }
}

extension EnrollmentGroup: RegistryItem {
    static var noun: String { "enrollment group" }

    static func change(_ write: ItemTable<Self>.Write, sequence: Int?) -> RegistryChange {
        switch write {
        case .put(let item): .putGroup(item, sequence: sequence!)  // a planned put always has one
        case .delete(let id): .deleteGroup(id: id)
        }
    }
    var identifier: String { enrollmentGroupId }

    mutating func clearReadOnlyFields() {
        etag = nil
        createdDateTimeUtc = nil
        lastUpdatedDateTimeUtc = nil
        attestation.clearCertificateInfo()
    }
}

extension AttestationMechanism {
    /// Removes the certificate `info` blocks (read-only: the service computes them).
    mutating func clearCertificateInfo() {
        guard var x509 else { return }
        for path in [\X509Attestation.clientCertificates, \X509Attestation.signingCertificates] {
            guard var pair = x509[keyPath: path] else { continue }
            pair.primary?.info = nil
            pair.secondary?.info = nil
            x509[keyPath: path] = pair
        }
        self.x509 = x509
    }

    /// The mechanism as `get` and `query` return it: no symmetric keys and no certificate text, only `info`.
    var withoutSecrets: AttestationMechanism {
        var copy = self
        if copy.symmetricKey != nil { copy.symmetricKey = SymmetricKeyAttestation() }
        if var x509 = copy.x509 {
            for path in [\X509Attestation.clientCertificates, \X509Attestation.signingCertificates] {
                guard var pair = x509[keyPath: path] else { continue }
                pair.primary?.certificate = nil
                pair.secondary?.certificate = nil
                x509[keyPath: path] = pair
            }
            copy.x509 = x509
        }
        return copy
    }
}
