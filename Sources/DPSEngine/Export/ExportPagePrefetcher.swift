import Foundation

/// Fetches the query pages of an export in order, each request sent as soon as the answer before it names its
/// continuation token: the walk is sequential (each token comes from the page before), so the next request goes
/// out when the previous answer's headers arrive, before its body is read, and never waits for a page to be
/// rewritten, written or made durable.
///
/// At most `ahead` pages are fetched or being fetched beyond those the writer has taken (one `taken` signal
/// each), so memory stays bounded when the writer is the slower side.
struct ExportPagePrefetcher: Sendable {
    /// A page as fetched, and where the walk stands after it (nil after the last page).
    struct Fetched: Sendable {
        var raw: SourceInstance.RawPage
        var after: ExportCheckpoint?
    }

    let instance: SourceInstance
    /// Pages fetched or being fetched that the writer has not taken yet, at most.
    let ahead: Int

    /// One request on its way: the page's position, its answer, and the continuation its headers name.
    private struct InFlight: Sendable {
        let position: ExportCheckpoint
        let answer: Task<SourceInstance.RawPage, any Error>
        let head: AsyncStream<String?>
    }

    /// Fetches the pages from `start` on into `pages`, finishing it after the last page (or with the first error
    /// that retries did not cure); waits for a `taken` signal before a request would put more than ``ahead``
    /// pages in hand. Returns when the walk ends or the task is cancelled.
    func run(
        from start: ExportCheckpoint,
        into pages: AsyncThrowingStream<Fetched, any Error>.Continuation,
        taken: AsyncStream<Void>
    ) async {
        var takenSignals = taken.makeAsyncIterator()
        var untaken = 0  // pages yielded that the writer has not taken yet
        var current: InFlight? = request(start)
        var next: InFlight?
        defer {
            current?.answer.cancel()
            next?.answer.cancel()
        }
        while let fetch = current {
            var heads = fetch.head.makeAsyncIterator()
            if case .some(let token) = await heads.next(),
                let after = ExportEngine.position(after: fetch.position, continuation: token)
            {
                // The page in flight and the one about to be requested count against `ahead`.
                while untaken + 2 > ahead, await takenSignals.next() != nil { untaken -= 1 }
                next = request(after)
            }
            do {
                let raw = try await withTaskCancellationHandler {
                    try await fetch.answer.value
                } onCancel: {
                    fetch.answer.cancel()
                }
                let after = ExportEngine.position(after: fetch.position, continuation: raw.continuation)
                if next?.position != after {
                    // The answer finally read (a retry) names another token than the first headers did: follow it.
                    next?.answer.cancel()
                    next = after.map(request)
                }
                pages.yield(Fetched(raw: raw, after: after))
                untaken += 1
            } catch {
                pages.finish(throwing: error)
                return
            }
            current = next
            next = nil
            if Task.isCancelled { break }
        }
        pages.finish()
    }

    /// Sends the request for the page at `position`.
    private func request(_ position: ExportCheckpoint) -> InFlight {
        let (head, heard) = AsyncStream.makeStream(of: String?.self, bufferingPolicy: .bufferingOldest(1))
        let instance = self.instance
        let answer = Task {
            defer { heard.finish() }
            return try await instance.rawPage(position.phase.cursorPhase, continuation: position.continuation) {
                heard.yield($0)
                heard.finish()
            }
        }
        return InFlight(position: position, answer: answer, head: head)
    }
}
