import SwiftASN1
import X509

extension DistinguishedName {
    /// The name as RFC 4514 text, most specific RDN first, RDNs separated by `", "` the way DPS (and .NET) show
    /// names: `CN=x509-line7-000201, OU=Factory Line 7, O=dpsbulk Test, C=US`.
    ///
    /// Keywords are RFC 4514's (CN, L, ST, O, OU, C, STREET, DC, UID) plus `E` (emailAddress) and `SERIALNUMBER`,
    /// as DPS shows them; other attribute types appear as dotted OIDs. Values are escaped per RFC 4514 §2.4;
    /// values that are not strings appear as `#` and the hex of their DER. Multi-valued RDNs join with `+`.
    var rfc4514String: String {
        reversed().map { rdn in
            rdn.map { attribute in
                "\(Self.keyword(for: attribute.type))=\(Self.escapedValue(attribute.value))"
            }.joined(separator: "+")
        }.joined(separator: ", ")
    }

    /// The most specific common name (the last CN in DER order, the first one in ``rfc4514String``).
    var mostSpecificCommonName: String? {
        for rdn in reversed() {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                return Self.text(of: attribute.value) ?? Self.hexDER(attribute.value)
            }
        }
        return nil
    }

    private static let uid: ASN1ObjectIdentifier = [0, 9, 2342, 19_200_300, 100, 1, 1]
    private static let serialNumber: ASN1ObjectIdentifier = [2, 5, 4, 5]

    private static func keyword(for type: ASN1ObjectIdentifier) -> String {
        switch type {
        case .RDNAttributeType.commonName: "CN"
        case .RDNAttributeType.countryName: "C"
        case .RDNAttributeType.localityName: "L"
        case .RDNAttributeType.stateOrProvinceName: "ST"
        case .RDNAttributeType.organizationName: "O"
        case .RDNAttributeType.organizationalUnitName: "OU"
        case .RDNAttributeType.streetAddress: "STREET"
        case .RDNAttributeType.domainComponent: "DC"
        case .RDNAttributeType.emailAddress: "E"
        case uid: "UID"
        case serialNumber: "SERIALNUMBER"
        default: type.description
        }
    }

    /// The value as text when it is a string type SwiftASN1 or this code can read (UTF8, Printable, IA5, BMP).
    static func text(of value: RelativeDistinguishedName.Attribute.Value) -> String? {
        if let string = String(value) {
            return string
        }
        let any = ASN1Any(value)
        if let bmp = try? ASN1BMPString(asn1Any: any), bmp.bytes.count % 2 == 0 {
            var units: [UInt16] = []
            var index = bmp.bytes.startIndex
            while index < bmp.bytes.endIndex {
                units.append(UInt16(bmp.bytes[index]) << 8 | UInt16(bmp.bytes[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        }
        return nil
    }

    private static func hexDER(_ value: RelativeDistinguishedName.Attribute.Value) -> String {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(ASN1Any(value))) != nil else {
            return "#"
        }
        return "#" + X509Hex.uppercase(serializer.serializedBytes)
    }

    private static func escapedValue(_ value: RelativeDistinguishedName.Attribute.Value) -> String {
        guard let text = text(of: value) else {
            return hexDER(value)
        }
        return RFC4514.escape(text)
    }
}
