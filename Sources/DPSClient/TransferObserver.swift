/// Hears how many body bytes each exchange with the service moved (the engine counts them as metrics).
public protocol TransferObserver: Sendable {
    /// One request's body (`sent`) and its response's body (`received`), in bytes.
    func transferred(sent: Int, received: Int)
}
