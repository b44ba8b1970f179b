import Foundation

/// A query page's items as export lines, passed through as bytes: each item written as ``CanonicalJSON`` (compact,
/// members sorted, unknown members intact) and a newline, never decoded to the model.
///
/// The lines are what the model's round trip (`JSONDecoder`, then `JSONEncoder` with `.sortedKeys`) writes for
/// the same item, in meaning; strings and numbers keep the service's own spelling. Each item is checked to be an
/// object with its identifier and attestation type, the members import needs.
struct PassThroughPage: Sendable {
    /// The items, each canonical JSON followed by a newline.
    var lines: [UInt8]
    /// Each item, in page order.
    var items: [Item]

    /// One item of the page.
    struct Item: Sendable {
        /// Where its JSON is in ``PassThroughPage/lines`` (without the newline).
        var range: Range<Int>
        /// Its attestation's `type`.
        var attestationType: String
        /// Where its identifier (`registrationId` or `enrollmentGroupId`, a string) is in the lines.
        var identifier: Range<Int>
    }

    /// The items of `json`, a query page (a JSON array of enrollments, or of groups when `isGroups`).
    ///
    /// - Throws: ``CanonicalJSON/Malformed`` when the page is not a JSON array of such objects.
    init(json: Data, isGroups: Bool) throws(CanonicalJSON.Malformed) {
        let identifier = isGroups ? "enrollmentGroupId" : "registrationId"
        let result: Result<([UInt8], [Item]), CanonicalJSON.Malformed> = json.withUnsafeBytes { raw in
            var writer = CanonicalJSON(input: raw.bindMemory(to: UInt8.self))
            writer.output.reserveCapacity(raw.count)
            var items: [Item] = []
            do throws(CanonicalJSON.Malformed) {
                guard writer.consume(UInt8(ascii: "[")) else { throw writer.malformed("a query page is not an array") }
                if !writer.consume(UInt8(ascii: "]")) {
                    repeat {
                        let start = writer.output.count
                        try writer.writeValue()
                        let item = start..<writer.output.count
                        guard let name = writer.topMember(identifier),
                            writer.output[name.lowerBound] == UInt8(ascii: "\""),
                            let attestation = writer.topMember("attestation"),
                            let type = CanonicalJSON.stringMember("type", in: writer.output, at: attestation)
                        else {
                            throw writer.malformed("an item without a \(identifier) or an attestation type")
                        }
                        items.append(Item(range: item, attestationType: type, identifier: name))
                        writer.output.append(0x0A)
                    } while writer.consume(UInt8(ascii: ","))
                    guard writer.consume(UInt8(ascii: "]")) else {
                        throw writer.malformed("expected ',' or ']' in the page")
                    }
                }
                writer.skipWhitespace()
                guard writer.index == raw.count else { throw writer.malformed("unexpected text after the page") }
                if writer.sawNonASCII, String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) == nil {
                    throw CanonicalJSON.Malformed(offset: 0, reason: "the page is not UTF-8")
                }
                return .success((writer.output, items))
            } catch {
                return .failure(error)
            }
        }
        let (lines, items) = try result.get()
        self.lines = lines
        self.items = items
    }

    /// Where the value of `item`'s member `name` is in ``lines``, or nil when it has none.
    func member(_ name: String, of item: Item) -> Range<Int>? {
        CanonicalJSON.member(name, in: lines, at: item.range)
    }

    /// The string at `range` of ``lines`` with its escapes decoded, or nil when the value there is not a string.
    func string(at range: Range<Int>) -> String? {
        guard let raw = CanonicalJSON.string(in: lines, at: range) else { return nil }
        guard raw.utf8.contains(UInt8(ascii: "\\")) else { return raw }
        return try? JSONDecoder().decode(String.self, from: Data(lines[range]))
    }
}
