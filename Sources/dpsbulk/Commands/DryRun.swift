import DPSEngine
import DPSManifest
import DPSValidation
import Foundation

/// `import --dry-run`: validates, plans the batches, and counts the billable operations and their time.
struct DryRun {
    let manifest: String
    let mode: ImportBehaviourOptions.Mode
    let readOptions: ManifestReadOptions
    let pace: Pace

    func run() async throws {
        let reader = try ManifestReader(path: manifest, options: readOptions)
        var duplicates = DuplicateDetector()
        var enrollments = 0
        var groups = 0
        var invalid = 0
        var plans = (groups: try BatchPlan(), enrollments: try BatchPlan())
        var batches = 0
        _ = try await ManifestValidator().validate(reader, duplicates: &duplicates) { record in
            if record.hasErrors || record.record.entry == nil {
                invalid += 1
            } else if record.record.entry?.isGroup == true {
                groups += 1
                if plans.groups.add(ordinal: groups, identifier: record.record.identifier ?? "") != nil { batches += 1 }
            } else {
                enrollments += 1
                if plans.enrollments.add(ordinal: enrollments, identifier: record.record.identifier ?? "") != nil {
                    batches += 1
                }
            }
        }
        batches += [plans.groups.finish(), plans.enrollments.finish()].compactMap { $0 }.count
        let perMinute = pace.operationsPerMinute ?? 1000
        let quota = Double(perMinute)
        let estimateMode: DryRunEstimate.Mode =
            switch mode {
            case .create: .create
            case .update, .delete: .update
            case .upsert: .upsert(existingShare: 0)
            }
        let estimate = try DryRunEstimate(
            records: enrollments,
            groups: groups,
            mode: estimateMode,
            operationsPerMinute: quota
        )
        print("dry run of \(mode.rawValue) for \(manifest): nothing was sent")
        print(
            "  records: \(enrollments + groups + invalid) (\(enrollments) enrollments, \(groups) groups, \(invalid) invalid, which would be skipped)"
        )
        print("  batches: \(batches) bulk operations of at most 10, groups first")
        print(
            "  billable operations: \(estimate.operations)\(mode == .upsert ? " (up to \(2 * estimate.operations) when every batch meets existing enrollments)" : "")"
        )
        if estimate.maximumReads > 0 {
            print(
                "  plus up to \(estimate.maximumReads) reads: one per record already enrolled, to compare its content"
            )
        }
        print(
            "  time at \(perMinute) operations per minute\(pace == .auto ? " (the service's standard quota per unit)" : ""): \(estimate.duration)"
        )
        if invalid > 0 { print("  run `dpsbulk validate \(manifest)` to see the invalid records") }
    }
}
