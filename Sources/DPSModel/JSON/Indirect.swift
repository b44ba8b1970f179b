/// Stores a large optional value behind a reference so that the struct holding it stays small and cheap to copy.
///
/// Value semantics are kept: the box is immutable and a write replaces it; `nil` needs no box at all. Used for the
/// big optional members of the wire types (X.509 attestation, registration state, twins), which most enrollments
/// in a manifest leave empty but which would otherwise make every enrollment about 1.5 KB to copy.
@propertyWrapper
public struct Indirect<Wrapped> {
    private final class Box: @unchecked Sendable {
        let value: Wrapped
        init(_ value: Wrapped) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Wrapped?) {
        box = wrappedValue.map(Box.init)
    }

    public var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }
}

extension Indirect: Sendable where Wrapped: Sendable {}

extension Indirect: Equatable where Wrapped: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.box === rhs.box || lhs.wrappedValue == rhs.wrappedValue }
}

extension Indirect: Hashable where Wrapped: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}
