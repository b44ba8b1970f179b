import DPSModel

/// A device registration state and the enrollment group it registered through, if any.
public struct RegistrationRecord: Codable, Sendable, Hashable {
    /// The state as the service returns it.
    public var state: DeviceRegistrationState
    /// The group the device registered through; nil for an individual enrollment.
    public var enrollmentGroupId: String?

    public init(state: DeviceRegistrationState, enrollmentGroupId: String?) {
        self.state = state
        self.enrollmentGroupId = enrollmentGroupId
    }
}
