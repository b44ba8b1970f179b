/// What `dpsbulk watch` tells its operator: one event per job transition, and the service's own news. The CLI
/// prints each as one line on standard error.
public enum WatchEvent: Sendable {
    /// The watcher took the inbox; `unfinished` jobs were found in the state directory and resume.
    case started(inbox: String, stateDirectory: String, unfinished: Int)
    /// A job moved to `state`: `queued` when claimed (or waiting again), then `validating`, `importing`.
    case moved(job: String, to: WatchJobState)
    /// A job was filed in done/ or rejected/ as `filedAs`, with the reason when rejected and the summary when
    /// its import ran.
    case filed(job: String, state: WatchJobState, filedAs: String, reason: String?, summary: RunSummary?)
    /// A job stays claimed after a failure of the service or the machine, and is tried again in `after` seconds
    /// (nil: at the next start).
    case retrying(job: String, after: Double?, reason: String)
    /// A job stopped for the shutdown; it resumes from its journal at the next start.
    case interrupted(job: String)
    /// A shutdown began: no new files are taken; `running` jobs finish their requests in flight.
    case draining(running: Int)
    /// Something outside any one job went wrong (the inbox could not be listed, a file could not be moved);
    /// the watcher carries on.
    case problem(String)
}
