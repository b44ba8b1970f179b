import DPSModel
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Answers DPS service API requests: authentication, quota, faults, then the registry.
struct ServiceResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let registry: Registry
    let policy: SharedAccessPolicy
    /// The SAS tokens already verified for `policy`.
    let verifiedTokens = VerifiedTokenCache()
    /// Microsoft Entra ID beside SAS (`emulator --entra`); nil accepts SAS only.
    var entra: EntraPolicy? = nil
    let gate: RequestGate
    let slowDelay: Double
    let logger: Logger
    /// Open connections, and how many are served.
    var connections: ConnectionCounter? = nil
    var maximumConnections = Int.max

    /// API versions the official SDKs send; others are refused like the service does.
    static let apiVersions: Set<String> = [
        "2021-10-01", "2019-03-31", "2018-09-01-preview", "2017-11-15", "2017-08-31-preview", "2020-09-01-preview",
        "2021-11-01-preview", "2022-02-01-preview", "2023-03-01-preview",
    ]

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let response: Response
        do {
            response = try await handle(&request, context: context)
        } catch let error as ServiceError {
            response = Self.error(error)
        }
        logger.debug(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
            ]
        )
        return response
    }

    private func handle(_ request: inout Request, context: Context) async throws -> Response {
        if let connections, connections.current > maximumConnections {
            var response = Self.error(
                ServiceError(
                    status: 503,
                    errorCode: 503_001,
                    message: "The emulator has more than \(maximumConnections) connections open; "
                        + "retry later, or use fewer connections."
                )
            )
            response.headers[.retryAfter] = "1"
            response.headers[.connection] = "close"
            return response
        }
        if let entra, let entraRoute = EntraRoute.match(method: request.method.rawValue, path: request.uri.path) {
            return try await respondEntra(entraRoute, entra: entra, request: &request)
        }
        let route = try ServiceRoute.match(method: request.method.rawValue, path: request.uri.path).get()
        try checkAPIVersion(request.uri.queryParameters["api-version"].map(String.init))
        let authorization = request.headers[.authorization]
        if let entra, let bearer = authorization, bearer.lowercased().hasPrefix("bearer ") {
            try await entra.authorize(
                bearer: String(bearer.dropFirst(7)).trimmingCharacters(in: .whitespaces),
                needsWrite: route.needsContributor,
                now: Date()
            )
        } else {
            try policy.authorize(authorization, now: Date(), cache: verifiedTokens)
        }
        if case .throttled(let retryAfter) = gate.takeOperation() {
            var response = Self.error(
                ServiceError.throttled("The operation quota of this instance is used up; retry later.")
            )
            response.headers[.retryAfter] = String(Int(retryAfter.rounded(.up)))
            return response
        }
        let fault = gate.nextFault()
        switch fault {
        case .internalError?: throw ServiceError.internalError("Injected fault: internal error.")
        case .unavailable?: throw ServiceError(status: 503, errorCode: 503_000, message: "Injected fault: unavailable.")
        case .droppedConnection?: return await Self.dropConnection(context)
        case .slowResponse?: try await Task.sleep(for: .seconds(slowDelay))
        case .appliedButLost?, nil: break
        }
        let body = try await Self.body(of: &request, limit: registry.limits.maximumMessageBytes)
        if !body.isEmpty, let type = request.headers[.contentType], !Self.isJSON(type) {
            throw ServiceError(
                status: 415,
                errorCode: 415_000,
                message: "The content type '\(type)' is not supported; send application/json."
            )
        }
        let response = try await dispatch(route, body: body, request: request)
        if fault == .appliedButLost && route.isWrite { return await Self.dropConnection(context) }
        if route.isBulk, response.status == .ok, gate.takeUnreadableBulkAnswer() {
            return Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"isSuccessful\": tr"))
            )
        }
        return response
    }

    private func checkAPIVersion(_ version: String?) throws(ServiceError) {
        guard let version else {
            throw ServiceError.badRequest("The api-version query parameter is required (use 2021-10-01).")
        }
        guard Self.apiVersions.contains(version) else {
            throw ServiceError.badRequest("The api-version '\(version)' is not supported (use 2021-10-01).")
        }
    }

    // MARK: - Dispatch

    private func dispatch(_ route: ServiceRoute, body: Data, request: Request) async throws -> Response {
        let ifMatch = request.headers[.ifMatch]
        switch route {
        case .getEnrollment(let id):
            return try Self.json(await registry.enrollment(id))
        case .putEnrollment(let id):
            return try Self.json(
                await registry.putEnrollment(id, try Self.decode(IndividualEnrollment.self, body), ifMatch: ifMatch)
            )
        case .deleteEnrollment(let id):
            try await registry.deleteEnrollment(id, ifMatch: ifMatch)
            return Response(status: .noContent)
        case .enrollmentAttestation(let id):
            return try Self.json(await registry.enrollmentAttestation(id))
        case .bulkEnrollments:
            return try Self.json(await registry.bulkEnrollments(try Self.decode(BulkEnrollmentOperation.self, body)))
        case .queryEnrollments:
            try Self.checkQuery(body)
            let (after, limit) = try paging(request)
            let page = await registry.queryEnrollments(after: after, limit: limit)
            return try Self.page(page.items, continuation: page.continuation, itemType: "Enrollment", limit: limit)
        case .getGroup(let id):
            return try Self.json(await registry.group(id))
        case .putGroup(let id):
            return try Self.json(
                await registry.putGroup(id, try Self.decode(EnrollmentGroup.self, body), ifMatch: ifMatch)
            )
        case .deleteGroup(let id):
            try await registry.deleteGroup(id, ifMatch: ifMatch)
            return Response(status: .noContent)
        case .groupAttestation(let id):
            return try Self.json(await registry.groupAttestation(id))
        case .bulkGroups:
            return try Self.json(await registry.bulkGroups(try Self.decode(BulkEnrollmentGroupOperation.self, body)))
        case .queryGroups:
            try Self.checkQuery(body)
            let (after, limit) = try paging(request)
            let page = await registry.queryGroups(after: after, limit: limit)
            return try Self.page(page.items, continuation: page.continuation, itemType: "EnrollmentGroup", limit: limit)
        case .getRegistration(let id):
            return try Self.json(await registry.registration(id))
        case .deleteRegistration(let id):
            try await registry.deleteRegistration(id, ifMatch: ifMatch)
            return Response(status: .noContent)
        case .queryRegistrations(let group):
            let (after, limit) = try paging(request)
            let page = try await registry.queryRegistrations(group: group, after: after, limit: limit)
            return try Self.page(
                page.items,
                continuation: page.continuation,
                itemType: "DeviceRegistration",
                limit: limit
            )
        case .recordRegistration(let id):
            let parameters = request.uri.queryParameters
            return try Self.json(
                await registry.recordRegistration(
                    id,
                    enrollmentGroupId: parameters["enrollmentGroupId"].map(String.init),
                    assignedHub: parameters["assignedHub"].map(String.init),
                    deviceId: parameters["deviceId"].map(String.init)
                )
            )
        }
    }

    /// The page start and size from `x-ms-continuation` and `x-ms-max-item-count`.
    private func paging(_ request: Request) throws(ServiceError) -> (after: Int, limit: Int) {
        let limits = registry.limits
        var limit = limits.defaultPageSize
        if let text = request.headers[.maxItemCount] {
            guard let value = Int(text), value > 0 else {
                throw ServiceError.badRequest("x-ms-max-item-count must be a positive integer, not '\(text)'.")
            }
            limit = min(value, limits.maximumPageSize)
        }
        var after = 0
        if let token = request.headers[.continuation], !token.isEmpty {
            guard let value = ContinuationToken.decode(token) else {
                throw ServiceError.badRequest("The x-ms-continuation token is not one this service issued.")
            }
            after = value
        }
        return (after, limit)
    }

    // MARK: - Bodies

    private static func body(of request: inout Request, limit: Int) async throws -> Data {
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw ServiceError.badRequest(
                "The request body is larger than the service's message limit of \(limit / 1024) KB.",
                code: 400_009
            )
        }
    }

    /// Whether a Content-Type names JSON (`application/json`, any parameters, any case).
    static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ body: Data) throws(ServiceError) -> T {
        guard !body.isEmpty else { throw ServiceError.badRequest("The request needs a JSON body.") }
        do {
            return try TreeJSONDecoder.decode(type, from: body)
        } catch {
            throw ServiceError.badRequest("The request body is not valid: \(JSONErrorText.describe(error))")
        }
    }

    /// An enrollment or group query's body, when there is one, holds a query ``QueryRule`` accepts.
    private static func checkQuery(_ body: Data) throws(ServiceError) {
        guard !body.isEmpty else { return }
        try QueryRule.check(try decode(QuerySpecification.self, body).query)
    }

    // MARK: - Responses

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func page(_ items: some Encodable, continuation: Int?, itemType: String, limit: Int) throws -> Response {
        var response = try json(items)
        response.headers[.itemType] = itemType
        response.headers[.maxItemCount] = String(limit)
        if let continuation { response.headers[.continuation] = ContinuationToken.encode(continuation) }
        return response
    }

    static func error(_ error: ServiceError) -> Response {
        let details = ProvisioningServiceErrorDetails(
            errorCode: error.errorCode,
            trackingId: UUID().uuidString,
            message: error.message,
            timestampUtc: Timestamp(Date())
        )
        let data = (try? encoder.encode(details)) ?? Data()
        return Response(
            status: HTTPResponse.Status(code: error.status),
            headers: [.contentType: "application/json; charset=utf-8", .errorCode: String(error.errorCode)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// Closes the connection before any byte of a response is sent: the client sees the connection drop with
    /// no status line. The returned response is never written.
    static func dropConnection(_ context: Context) async -> Response {
        try? await context.channel.close()
        return Response(status: .internalServerError)
    }
}

/// Continuation tokens: opaque to clients (base64 of the last sequence number returned).
enum ContinuationToken {
    static func encode(_ sequence: Int) -> String { Data("c:\(sequence)".utf8).base64EncodedString() }

    static func decode(_ token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("c:")
        else { return nil }
        return Int(text.dropFirst(2))
    }
}

extension HTTPField.Name {
    static let errorCode = HTTPField.Name("x-ms-error-code")!
    static let continuation = HTTPField.Name("x-ms-continuation")!
    static let itemType = HTTPField.Name("x-ms-item-type")!
    static let maxItemCount = HTTPField.Name("x-ms-max-item-count")!
}
