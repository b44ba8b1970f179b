/// One acceptance rule of the emulator for an enrollment or group in a request, written from the service's
/// documented behaviour (the 2021-10-01 API spec and `dps-service-api/NOTES.md`), never from dpsbulk's own
/// validation. What the service documents nothing about, the emulator accepts: a stand-in must not be stricter
/// than the service it stands in for.
protocol ItemRule: Sendable {
    /// Where the behaviour the rule follows is documented.
    var source: String { get }
    /// Throws the 400 the service answers when `item` breaks the rule.
    func check<Item: RegistryItem>(_ item: Item) throws(ServiceError)
}

/// The emulator's rules for items, in the order they are checked; the first broken one answers.
enum ItemRules {
    static let all: [any ItemRule] = [
        IdentifierRule(), AttestationPresenceRule(), EndorsementKeyRule(), ProvisioningStatusRule(),
    ]
}
