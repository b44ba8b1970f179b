import Hummingbird
import NIOCore

/// The request context of the emulator: Hummingbird's basic context plus the connection's channel, so that an
/// injected fault can close the connection without sending any response at all.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
