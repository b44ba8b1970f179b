import DPSModel

extension OpenStringValue {
    /// A value as a CSV manifest names it: a documented value in any case (`geolatency` and `Enabled`, as
    /// `az iot dps` and people write them) becomes its documented spelling; anything else is kept for validation
    /// to report.
    init(manifestName text: String) {
        let value = Self(rawValue: text)
        self = value.caseInsensitiveMatch ?? value
    }
}
