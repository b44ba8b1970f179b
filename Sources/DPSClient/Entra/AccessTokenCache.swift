import AsyncHTTPClient
import Foundation
import Synchronization

/// Gets Entra tokens from a credential, reuses each until its refresh time, and gets a new one before it
/// expires: a run longer than a token's lifetime never sends an expired one.
public final class AccessTokenCache: ServiceAuthorizer {
    private let credential: any TokenCredential
    private let scope: String
    private let http: HTTPClient
    private let clock: @Sendable () -> Date
    private let current = Mutex<AccessToken?>(nil)
    /// Serialises fetching so that concurrent requests wait for one token request.
    private let fetching = FetchGate()

    public init(
        credential: any TokenCredential,
        scope: String,
        http: HTTPClient,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credential = credential
        self.scope = scope
        self.http = http
        self.clock = clock
    }

    public func authorization() async throws(DPSRequestError) -> String {
        do {
            return "Bearer " + (try await token().token)
        } catch {
            throw DPSRequestError(.service(status: 401, errorCode: nil, message: error.message, retryAfter: nil))
        }
    }

    public func invalidate() {
        current.withLock { $0 = nil }
    }

    public var renewsAfterRefusal: Bool { true }

    /// The token to use now.
    func token() async throws(CredentialError) -> AccessToken {
        if let token = fresh() { return token }
        return try await fetching.run { () async throws(CredentialError) -> AccessToken in
            if let token = self.fresh() { return token }
            let token = try await self.credential.token(scope: self.scope, http: self.http)
            self.current.withLock { $0 = token }
            return token
        }
    }

    private func fresh() -> AccessToken? {
        let now = clock()
        return current.withLock { $0 }.flatMap { $0.refreshOn > now ? $0 : nil }
    }
}

/// Runs one body at a time (an async mutex).
actor FetchGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(
        _ body: @Sendable () async throws(CredentialError) -> T
    ) async throws(CredentialError) -> T {
        while busy {
            await withCheckedContinuation { waiters.append($0) }
        }
        busy = true
        defer {
            busy = false
            if !waiters.isEmpty { waiters.removeFirst().resume() }
        }
        return try await body()
    }
}
