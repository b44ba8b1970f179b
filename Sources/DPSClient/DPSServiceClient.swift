import AsyncHTTPClient
import DPSModel
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A client of the DPS service API (2021-10-01): enrollments, groups, bulk operations, queries, registrations.
///
/// Uses one `HTTPClient` (connection pool with keep-alive), reuses a SAS token until shortly before it expires,
/// and reports failures as ``DPSRequestError`` so the caller decides what to retry. Never logs secrets.
public struct DPSServiceClient: Sendable {
    /// The API version sent with every request.
    public static let apiVersion = "2021-10-01"

    private let baseURL: String
    private let http: HTTPClient
    private let tokens: any ServiceAuthorizer
    private let timeout: TimeAmount
    private let logger: Logger
    /// Hears the body bytes of every exchange the service answered (metrics).
    private let transfers: (any TransferObserver)?

    /// A client for the instance of `connectionString`, sending through `http`.
    public init(
        connectionString: ConnectionString,
        http: HTTPClient,
        requestTimeout: TimeInterval = 60,
        logger: Logger = Logger(label: "dpsbulk.client"),
        transfers: (any TransferObserver)? = nil
    ) {
        self.init(
            target: ServiceTarget(connectionString),
            http: http,
            requestTimeout: requestTimeout,
            logger: logger,
            transfers: transfers
        )
    }

    /// A client for `target`, sending through `http`; an Entra target gets its tokens through `http` too.
    public init(
        target: ServiceTarget,
        http: HTTPClient,
        requestTimeout: TimeInterval = 60,
        logger: Logger = Logger(label: "dpsbulk.client"),
        transfers: (any TransferObserver)? = nil
    ) {
        self.baseURL = target.baseURL.absoluteString
        self.http = http
        switch target.authentication {
        case .sharedAccess(let connectionString):
            self.tokens = SASTokenCache(connectionString: connectionString)
        case .entra(let credential):
            self.tokens = AccessTokenCache(credential: credential, scope: CredentialChain.provisioningScope, http: http)
        }
        self.timeout = .milliseconds(Int64(requestTimeout * 1000))
        self.logger = logger
        self.transfers = transfers
    }

    /// An answer: the decoded body and the response headers that matter for paging.
    public struct Reply<Body: Sendable>: Sendable {
        public let body: Body
        public let continuation: String?
    }

    // MARK: - Individual enrollments

    public func bulk(
        _ operation: BulkEnrollmentOperation
    ) async throws(DPSRequestError) -> BulkEnrollmentOperationResult {
        try await send(.POST, "/enrollments", body: operation).body
    }

    public func enrollment(_ id: String) async throws(DPSRequestError) -> IndividualEnrollment {
        try await send(.GET, "/enrollments/\(Self.escape(id))", body: Empty?.none).body
    }

    public func put(
        _ enrollment: IndividualEnrollment,
        ifMatch: String? = nil
    ) async throws(DPSRequestError) -> IndividualEnrollment {
        try await send(
            .PUT,
            "/enrollments/\(Self.escape(enrollment.registrationId))",
            body: enrollment,
            ifMatch: ifMatch
        ).body
    }

    public func deleteEnrollment(_ id: String, ifMatch: String? = nil) async throws(DPSRequestError) {
        let _: Reply<Empty> = try await send(
            .DELETE,
            "/enrollments/\(Self.escape(id))",
            body: Empty?.none,
            ifMatch: ifMatch
        )
    }

    public func enrollmentAttestation(_ id: String) async throws(DPSRequestError) -> AttestationMechanism {
        try await send(.POST, "/enrollments/\(Self.escape(id))/attestationmechanism", body: Empty?.none).body
    }

    public func queryEnrollments(
        pageSize: Int,
        continuation: String?
    ) async throws(DPSRequestError) -> Reply<[IndividualEnrollment]> {
        try await send(
            .POST,
            "/enrollments/query",
            body: QuerySpecification(query: "SELECT * FROM enrollments"),
            pageSize: pageSize,
            continuation: continuation
        )
    }

    // MARK: - Enrollment groups

    public func bulk(
        _ operation: BulkEnrollmentGroupOperation
    ) async throws(DPSRequestError) -> BulkEnrollmentGroupOperationResult {
        try await send(.POST, "/enrollmentGroups", body: operation).body
    }

    public func group(_ id: String) async throws(DPSRequestError) -> EnrollmentGroup {
        try await send(.GET, "/enrollmentGroups/\(Self.escape(id))", body: Empty?.none).body
    }

    public func put(_ group: EnrollmentGroup, ifMatch: String? = nil) async throws(DPSRequestError) -> EnrollmentGroup {
        try await send(.PUT, "/enrollmentGroups/\(Self.escape(group.enrollmentGroupId))", body: group, ifMatch: ifMatch)
            .body
    }

    public func deleteGroup(_ id: String, ifMatch: String? = nil) async throws(DPSRequestError) {
        let _: Reply<Empty> = try await send(
            .DELETE,
            "/enrollmentGroups/\(Self.escape(id))",
            body: Empty?.none,
            ifMatch: ifMatch
        )
    }

    public func groupAttestation(_ id: String) async throws(DPSRequestError) -> AttestationMechanism {
        try await send(.POST, "/enrollmentGroups/\(Self.escape(id))/attestationmechanism", body: Empty?.none).body
    }

    public func queryGroups(
        pageSize: Int,
        continuation: String?
    ) async throws(DPSRequestError) -> Reply<[EnrollmentGroup]> {
        try await send(
            .POST,
            "/enrollmentGroups/query",
            body: QuerySpecification(query: "SELECT * FROM enrollmentGroups"),
            pageSize: pageSize,
            continuation: continuation
        )
    }

    /// One page of enrollments or groups as the service sent it (a JSON array), for callers that decode it
    /// elsewhere (so that the next page can be requested while this one is decoded).
    ///
    /// `onHead` hears the continuation token of a successful answer (nil on the last page) as soon as its headers
    /// arrive, before its body is read, so that the next page can be requested while this one's body is still on
    /// its way; it is called again when a failed exchange is sent once more.
    public func queryJSON(
        groups: Bool,
        pageSize: Int,
        continuation: String?,
        onHead: (@Sendable (_ continuation: String?) -> Void)? = nil
    ) async throws(DPSRequestError) -> Reply<Data> {
        try await send(
            .POST,
            groups ? "/enrollmentGroups/query" : "/enrollments/query",
            body: QuerySpecification(query: groups ? "SELECT * FROM enrollmentGroups" : "SELECT * FROM enrollments"),
            pageSize: pageSize,
            continuation: continuation,
            onHead: onHead
        )
    }

    // MARK: - Registration states

    public func queryRegistrations(
        group: String,
        pageSize: Int,
        continuation: String?
    ) async throws(DPSRequestError) -> Reply<[DeviceRegistrationState]> {
        try await send(
            .POST,
            "/registrations/\(Self.escape(group))/query",
            body: Empty?.none,
            pageSize: pageSize,
            continuation: continuation
        )
    }

    // MARK: - Transport

    struct Empty: Codable, Sendable {}

    /// Sends once; when the service answers 401 to a cached Entra token (revoked, or the clocks disagree), forgets
    /// it and sends once more with a new one.
    private func send<Body: Encodable, Answer: Decodable & Sendable>(
        _ method: HTTPMethod,
        _ path: String,
        body: Body?,
        ifMatch: String? = nil,
        pageSize: Int? = nil,
        continuation: String? = nil,
        onHead: (@Sendable (_ continuation: String?) -> Void)? = nil
    ) async throws(DPSRequestError) -> Reply<Answer> {
        do {
            return try await sendOnce(
                method,
                path,
                body: body,
                ifMatch: ifMatch,
                pageSize: pageSize,
                continuation: continuation,
                onHead: onHead
            )
        } catch  where error.status == 401 && tokens.renewsAfterRefusal {
            tokens.invalidate()
            return try await sendOnce(
                method,
                path,
                body: body,
                ifMatch: ifMatch,
                pageSize: pageSize,
                continuation: continuation,
                onHead: onHead
            )
        }
    }

    private func sendOnce<Body: Encodable, Answer: Decodable & Sendable>(
        _ method: HTTPMethod,
        _ path: String,
        body: Body?,
        ifMatch: String?,
        pageSize: Int?,
        continuation: String?,
        onHead: (@Sendable (_ continuation: String?) -> Void)?
    ) async throws(DPSRequestError) -> Reply<Answer> {
        var request = HTTPClientRequest(url: baseURL + path + "?api-version=\(Self.apiVersion)")
        request.method = method
        request.headers.add(name: "Authorization", value: try await tokens.authorization())
        request.headers.add(name: "Accept", value: "application/json")
        if let ifMatch { request.headers.add(name: "If-Match", value: ifMatch) }
        if let pageSize { request.headers.add(name: "x-ms-max-item-count", value: String(pageSize)) }
        if let continuation { request.headers.add(name: "x-ms-continuation", value: continuation) }
        var sentBytes = 0
        if let body {
            do {
                let encoded: ByteBuffer
                if let direct = body as? any DirectJSONBody {
                    encoded = ByteBuffer(bytes: try direct.jsonBytes())
                } else {
                    encoded = ByteBuffer(bytes: try JSONEncoder().encode(body))
                }
                sentBytes = encoded.readableBytes
                request.body = .bytes(encoded)
            } catch {
                throw DPSRequestError(.malformedResponse("the request could not be encoded: \(error)"))
            }
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        }
        let status: Int
        let headers: HTTPHeaders
        let buffer: ByteBuffer
        do {
            let response = try await http.execute(request, timeout: timeout)
            status = Int(response.status.code)
            headers = response.headers
            if let onHead, (200..<300).contains(status) { onHead(Self.continuation(in: headers)) }
            buffer = try await response.body.collect(upTo: 64 << 20)
        } catch {
            logger.debug("request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            if TLSFailure.isCertificateFailure(error) { throw DPSRequestError(.untrustedCertificate("\(error)")) }
            throw DPSRequestError(.transport("\(error)"))
        }
        transfers?.transferred(sent: sentBytes, received: buffer.readableBytes)
        let data = Data(buffer.readableBytesView)
        guard (200..<300).contains(status) else {
            let details = try? JSONDecoder().decode(ProvisioningServiceErrorDetails.self, from: data)
            let code = details?.errorCode ?? headers.first(name: "x-ms-error-code").flatMap(Int.init)
            throw DPSRequestError(
                .service(
                    status: status,
                    errorCode: code,
                    message: details?.message ?? String(decoding: data.prefix(500), as: UTF8.self),
                    retryAfter: headers.first(name: "Retry-After")
                )
            )
        }
        let continuationHeader = Self.continuation(in: headers)
        if Answer.self == Empty.self {
            return Reply(body: Empty() as! Answer, continuation: continuationHeader)
        }
        if Answer.self == Data.self {
            return Reply(body: data as! Answer, continuation: continuationHeader)
        }
        do {
            return Reply(body: try JSONDecoder().decode(Answer.self, from: data), continuation: continuationHeader)
        } catch {
            throw DPSRequestError(.malformedResponse("\(error)"))
        }
    }

    /// The continuation token of an answer's headers: nil when there is none or it is empty (the last page).
    static func continuation(in headers: HTTPHeaders) -> String? {
        headers.first(name: "x-ms-continuation").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Percent-encodes an ID for a path segment.
    static func escape(_ id: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
