/// Registration IDs and enrollment group IDs: up to 128 characters of `A-Z a-z 0-9 - . _ :`, the last one
/// alphanumeric or `-`.
///
/// Source: the DPS documentation's registration ID rule (NOTES.md, Identifiers; the spec's `registrationId`
/// description), which the documentation applies to group IDs too. The stricter variants (the spec's "no special
/// characters at start or end", older SDKs' "lowercase only") are not enforced: the service relaxed them.
struct IdentifierRule: ItemRule {
    var source: String { "NOTES.md Identifiers; service.json IndividualEnrollment.registrationId" }

    static let maximumLength = 128

    func check<Item: RegistryItem>(_ item: Item) throws(ServiceError) {
        try Self.check(item.identifier, noun: Item.noun == "enrollment" ? "registration ID" : "enrollment group ID")
    }

    /// Throws a 400 unless `id` is a valid registration or group ID.
    static func check(_ id: String, noun: String) throws(ServiceError) {
        if let problem = problem(id) {
            throw ServiceError.badRequest("The \(noun) is invalid: \(problem).")
        }
    }

    /// What is wrong with `id`, or `nil`.
    static func problem(_ id: String) -> String? {
        let scalars = id.unicodeScalars
        guard !scalars.isEmpty else { return "it is empty" }
        guard scalars.count <= maximumLength else {
            return "it has \(scalars.count) characters, more than \(maximumLength)"
        }
        if let bad = scalars.first(where: { !isAllowed($0) }) {
            let code = "U+" + String(bad.value, radix: 16, uppercase: true)
            return "the character \(code) is not allowed (only A-Z a-z 0-9 - . _ :)"
        }
        if let last = scalars.last, !(isAlphanumeric(last) || last == "-") {
            return "it must end with a letter, a digit or '-'"
        }
        return nil
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        isAlphanumeric(scalar) || scalar == "-" || scalar == "." || scalar == "_" || scalar == ":"
    }
}
