import DPSModel

/// Parses the JSON object of an `initialTwin` cell.
enum InitialTwinCell {
    struct Problem: Error {
        let code: FindingCode
        let message: String
    }

    static func parse(_ text: String) -> Result<InitialTwin, Problem> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            return .failure(
                Problem(
                    code: ManifestCodes.invalidTwinJSON,
                    message: "initialTwin is not valid JSON (\(error)); "
                        + "in CSV, quote the cell and double every quote inside it"
                )
            )
        }
        guard case .object(let object) = value else {
            return .failure(
                Problem(
                    code: ManifestCodes.invalidTwinJSON,
                    message: "initialTwin must be a JSON object like {\"tags\":{},\"properties\":{\"desired\":{}}}, "
                        + "not a \(value.typeName)"
                )
            )
        }
        do {
            return .success(try InitialTwin(json: object))
        } catch {
            return .failure(
                Problem(
                    code: ManifestCodes.invalidTwinJSON,
                    message: "initialTwin does not have the twin shape: \(error)"
                )
            )
        }
    }
}

extension CSVRowMapper {
    /// The initial twin of an `initialTwin` cell as the mapper reads it; nil when the cell is not a twin (the
    /// mapper reports why).
    public static func initialTwin(cell: String) -> InitialTwin? {
        if case .success(let twin) = InitialTwinCell.parse(cell) { return twin }
        return nil
    }
}
