import DPSJournal
import Foundation

/// Recognises a full disk in whatever error a write ended with (SQLite, Foundation, a POSIX errno), so that it
/// exits 3 ("the run stopped; resume later") rather than 2 ("bad usage or input").
enum DiskFull {
    static func matches(_ error: any Error) -> Bool {
        if let journal = error as? JournalError { return journal.code == .diskFull }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace { return true }
        if let posix = error as? POSIXError, posix.code == .ENOSPC || posix.code == .EDQUOT { return true }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain, nsError.code == Int(ENOSPC) || nsError.code == Int(EDQUOT) {
            return true
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            underlying.code == Int(ENOSPC)
        {
            return true
        }
        return String(describing: error).contains("No space left on device")
    }
}
